package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// runCheck validates partners.yaml and, with --live, shows what each
// source would yield without writing anything.
func runCheck(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("check", "[--live] [--redact] [--partner ID]", stderr)
	live := fs.Bool("live", false, "fetch each source and print the updates and points it would yield")
	redact := fs.Bool("redact", false, "for each redacted name, show which spellings redaction catches and any stored item where it still appears")
	partner := fs.String("partner", "", "check only this partner")
	var cf clientFlags
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	sources := 0
	for _, p := range cfg.Partners {
		sources += len(p.Sources)
	}
	fmt.Fprintf(stdout, "%s: ok: %d partners, %d sources\n", cfg.Path, len(cfg.Partners), sources)
	describeSunday(stdout, cfg)
	if err := checkPartnerFlag(cfg, *partner); err != nil {
		return err
	}
	if *redact {
		if err := checkRedact(ctx, g, cfg, *partner, stdout); err != nil {
			return err
		}
	}
	if !*live {
		return nil
	}
	client := cf.client()
	failed := 0
	for _, p := range cfg.Partners {
		if *partner != "" && p.ID != *partner {
			continue
		}
		for _, s := range p.Sources {
			if !preview(ctx, stdout, cfg, client, p, s) {
				failed++
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("check: %d sources failed", failed)
	}
	return nil
}

// preview fetches one source and prints its updates and their points.
func preview(ctx context.Context, w io.Writer, cfg *config.Config, client *fetcher.Client, p config.Partner, s config.Source) bool {
	fmt.Fprintf(w, "\n%s (%s) %s %s\n", p.Name, p.ID, s.Type, config.PublicURL(s.URL))
	if s.Type == config.TypeIMAP {
		return previewMailbox(ctx, w, cfg, s)
	}
	res, err := client.Fetch(ctx, worker.FetcherSource(p, s), fetcher.Validators{})
	if err != nil {
		fmt.Fprintf(w, "  FAIL: %s\n", config.PublicText(err.Error()))
		return false
	}
	if res.FeedURL != "" && res.FeedURL != s.URL {
		fmt.Fprintf(w, "  read %s\n", config.PublicURL(res.FeedURL))
	}
	opts := worker.ExtractOptions(p)
	total := 0
	for _, u := range res.Updates {
		items := extract.Update(u, opts)
		total += len(items)
		date := "no date: first seen"
		if !u.Published.IsZero() {
			date = u.Published.Format("2006-01-02")
		}
		fmt.Fprintf(w, "  update %q (%s) %s: %d points\n", u.Title, date, u.Link, len(items))
		for _, it := range items {
			fmt.Fprintf(w, "    %s: %s\n", it.Kind, shorten(it.Text, 100))
		}
	}
	fmt.Fprintf(w, "  %d updates, %d points\n", len(res.Updates), total)
	return true
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
