package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// corpusCase is a case's .expected.json, in the corpus format
// (../shared/corpus/README.md).
type corpusCase struct {
	Partner string       `json:"partner"`
	Note    string       `json:"note,omitempty"`
	Items   []corpusItem `json:"items"`
}

type corpusItem struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// export writes each corrected update as a corpus case: the update as
// fetched, and what the admin says its points are.
func (r *reviewCmd) export(ctx context.Context, args []string) error {
	rest, err := r.parse(args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return errors.New("review export: want one DIR to write the cases to")
	}
	dir := rest[0]
	st, err := r.g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	updates, err := st.CorrectedUpdates(ctx)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("review export: %w", err)
	}
	for n, u := range updates {
		c, err := caseOf(ctx, st, u)
		if err != nil {
			return err
		}
		name := fmt.Sprintf("%03d-%s", n+1, slug(u.PartnerID+" "+u.Title))
		ext := ".html"
		if u.Format == store.FormatText {
			ext = ".txt"
		}
		if err := writeCase(filepath.Join(dir, name), ext, u.Content, c); err != nil {
			return err
		}
	}
	fmt.Fprintf(r.stdout, "wrote %d corrected updates to %s as corpus cases\n", len(updates), dir)
	return nil
}

// caseOf is what the admin says update u holds: its points as published
// (or waiting for review), hidden ones left out, in letter order.
func caseOf(ctx context.Context, st *store.Store, u store.Update) (corpusCase, error) {
	items, err := st.ReviewItems(ctx, store.ReviewQuery{UpdateIDs: []string{u.ID}, Limit: 10000})
	if err != nil {
		return corpusCase{}, err
	}
	c := corpusCase{Partner: u.PartnerName, Items: []corpusItem{},
		Note: "corrected by an admin in prayerfeed; " + u.Link}
	for _, it := range publishedPoints(items) {
		c.Items = append(c.Items, corpusItem{Kind: string(it.Kind), Text: it.Text})
	}
	return c, nil
}

// publishedPoints are items without the hidden ones, in letter order.
func publishedPoints(items []store.ReviewItem) []store.ReviewItem {
	var out []store.ReviewItem
	for _, it := range items {
		if it.State != store.StateHidden {
			out = append(out, it)
		}
	}
	sortByPosition(out)
	return out
}

func sortByPosition(items []store.ReviewItem) {
	slices.SortStableFunc(items, func(a, b store.ReviewItem) int { return a.Position - b.Position })
}

func writeCase(base, ext, content string, c corpusCase) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+ext, []byte(content), 0o644); err != nil {
		return fmt.Errorf("review export: %w", err)
	}
	if err := os.WriteFile(base+".expected.json", append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("review export: %w", err)
	}
	return nil
}
