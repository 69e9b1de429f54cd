package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

// runDiscover finds the feeds a page links to and prints a partners.yaml
// snippet an admin can paste.
func runDiscover(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("discover", "URL", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("discover: want one URL")
	}
	url := fs.Arg(0)
	client := fetcher.NewClient(fetcher.ClientConfig{DenyPrivate: true}) // a URL typed by anyone must not probe our own network
	resp, err := client.Get(ctx, url, fetcher.Validators{})
	if err != nil {
		return fmt.Errorf("discover %s: %w", url, err)
	}
	if fetcher.LooksLikeFeed(resp.Body) {
		fmt.Fprintf(stdout, "# %s is itself a feed\nsources:\n  - type: rss\n    url: %s\n", url, resp.URL)
		return nil
	}
	links, err := fetcher.Discover(bytes.NewReader(resp.Body), resp.URL)
	if err != nil {
		return fmt.Errorf("discover %s: %w", url, err)
	}
	if len(links) == 0 {
		fmt.Fprintf(stdout, "# %s links to no feed; read it as a page with CSS selectors:\nsources:\n  - type: page\n    url: %s\n    select: {item: article, title: h2, link: \"h2 a@href\", date: time@datetime, content: p}\n", url, resp.URL)
		return nil
	}
	fmt.Fprintln(stdout, "sources:")
	for _, l := range links {
		if l.Title != "" {
			fmt.Fprintf(stdout, "  # %s (%s)\n", l.Title, l.Type)
		}
		fmt.Fprintf(stdout, "  - type: rss\n    url: %s\n", l.URL)
	}
	return nil
}
