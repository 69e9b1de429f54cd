package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"

	"github.com/prayerfeed/prayerfeed/internal/pdf"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// runPrint renders the weekly prayer sheet (the /print page) to PDF with
// headless Chromium, or to HTML with --html.
func runPrint(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("print", "--out FILE.pdf [--this-week|--partner ID] [--limit N] [--paper a4|letter]", stderr)
	out := fs.String("out", "", "PDF file to write (required)")
	thisWeek := fs.Bool("this-week", false, "only this week's rotation partners")
	partner := fs.String("partner", "", "only this partner")
	limit := fs.Int("limit", 5, "points per partner")
	paper := fs.String("paper", "a4", "paper size: a4 or letter")
	private := fs.Bool("private", false, "include private partners (the sheet is then marked for the prayer team only)")
	asHTML := fs.Bool("html", false, "write the sheet's HTML instead of a PDF (no Chromium needed)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return errors.New("print: --out FILE.pdf is required")
	}
	if *paper != "a4" && *paper != "letter" {
		return fmt.Errorf("print: --paper %q: want a4 or letter", *paper)
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	if err := checkPartnerFlag(cfg, *partner); err != nil {
		return err
	}
	route := "/print"
	switch {
	case *partner != "":
		route = "/partners/" + *partner + "/print"
	case *thisWeek:
		route = "/this-week/print"
	}
	// Find the browser before any work, so a missing one is the first thing said.
	var chromium string
	if !*asHTML {
		if chromium = os.Getenv("PRAYERFEED_CHROMIUM"); chromium == "" {
			if chromium, err = pdf.FindChromium(); err != nil {
				return fmt.Errorf("print: %w; or use --html and print that page from a browser", err)
			}
		}
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	s := site.New(site.Config{Config: cfg, Store: st})
	q := url.Values{"limit": {strconv.Itoa(*limit)}, "paper": {*paper}}
	page, err := s.Render(ctx, route, q, site.Scope{Private: *private})
	if errors.Is(err, site.ErrNotFound) {
		return fmt.Errorf("print: partner %q is private: add --private to print it", *partner)
	}
	if err != nil {
		return fmt.Errorf("print: %w", err)
	}
	if *asHTML {
		if err := os.WriteFile(*out, page.Body, 0o644); err != nil {
			return fmt.Errorf("print: %w", err)
		}
	} else if err := pdf.Render(ctx, pdf.Config{Chromium: chromium}, page.Body, *out); err != nil {
		return fmt.Errorf("print: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}
