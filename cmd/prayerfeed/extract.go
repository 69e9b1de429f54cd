package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// runExtract prints the points found in one update file, or stdin for "-".
func runExtract(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("extract", "[--json] [--format html|markdown|text] FILE|-", stderr)
	asJSON := fs.Bool("json", false, `print {"items":[{"kind":...,"text":...}]}`)
	format := fs.String("format", "", "how the update is written (default: from the file name, else sniffed)")
	corrected := fs.Bool("corrected", false, "when --db holds this very update, print its points as published, an admin's corrections applied")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("extract: want one FILE or -, got %d arguments", fs.NArg())
	}
	name := fs.Arg(0)
	data, err := readInput(name)
	if err != nil {
		return err
	}
	f, err := pickFormat(*format, name, data)
	if err != nil {
		return err
	}
	points := extract.Points(string(data), f, extract.Options{})
	if *corrected {
		if points, err = correctedPoints(ctx, g, string(data), points); err != nil {
			return err
		}
	}
	if *asJSON {
		return writePointsJSON(stdout, points)
	}
	for _, p := range points {
		fmt.Fprintf(stdout, "%s: %s\n\n", p.Kind, p.Text)
	}
	if len(points) == 0 {
		fmt.Fprintln(stdout, "no prayer or praise points found")
	}
	return nil
}

func readInput(name string) ([]byte, error) {
	if name == "-" {
		return io.ReadAll(os.Stdin)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	return data, nil
}

// pickFormat honours --format, then the file's extension, then sniffs.
func pickFormat(flagVal, name string, data []byte) (extract.Format, error) {
	switch strings.ToLower(flagVal) {
	case "html":
		return extract.FormatHTML, nil
	case "markdown", "md":
		return extract.FormatMarkdown, nil
	case "text", "txt":
		return extract.FormatText, nil
	case "":
	default:
		return 0, fmt.Errorf("extract: --format %q: want html, markdown or text", flagVal)
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return extract.FormatHTML, nil
	case ".md", ".markdown":
		return extract.FormatMarkdown, nil
	}
	return extract.FormatAuto, nil
}

type jsonPoint struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
	HTML string `json:"html,omitempty"`
}

func writePointsJSON(w io.Writer, points []extract.Point) error {
	out := struct {
		Items []jsonPoint `json:"items"`
	}{Items: make([]jsonPoint, len(points))}
	for i, p := range points {
		out.Items[i] = jsonPoint{Kind: string(p.Kind), Text: p.Text, HTML: p.HTML}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// correctedPoints are the published points of the stored update whose
// content is data (what review export writes), or points when the store
// has no such update.
func correctedPoints(ctx context.Context, g *globals, data string, points []extract.Point) ([]extract.Point, error) {
	st, err := g.openStore(ctx)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	u, err := st.UpdateByContent(ctx, data)
	if errors.Is(err, store.ErrNotFound) {
		return points, nil
	}
	if err != nil {
		return nil, err
	}
	items, err := st.ReviewItems(ctx, store.ReviewQuery{UpdateIDs: []string{u.ID}, Limit: 10000})
	if err != nil {
		return nil, err
	}
	out := []extract.Point{}
	for _, it := range publishedPoints(items) {
		out = append(out, extract.Point{Kind: it.Kind, Text: it.Text, HTML: it.HTML})
	}
	return out, nil
}
