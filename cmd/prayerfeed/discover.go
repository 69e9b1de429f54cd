package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

// runDiscover finds the feeds a page leads to and prints a partners.yaml
// partner entry, ready to paste under partners:.
func runDiscover(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("discover", "[--allow-private] URL", stderr)
	allowPrivate := fs.Bool("allow-private", false, "allow loopback, private and link-local addresses (refused by default, so a pasted URL cannot probe this machine's network)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errors.New("discover: want one URL")
	}
	raw := fs.Arg(0)
	if raw == "-" {
		// A letter pasted from an e-mail: its "view in browser" link
		// leads to the web copy, and from there to the archive's feed.
		letter, err := io.ReadAll(io.LimitReader(os.Stdin, 4<<20))
		if err != nil {
			return fmt.Errorf("discover: read stdin: %w", err)
		}
		if raw = fetcher.ViewInBrowser(letter); raw == "" {
			return errors.New(`discover -: the pasted letter has no "view in browser" link; paste the letter's web address instead`)
		}
		fmt.Fprintf(stdout, "# the letter's web copy: %s\n", raw)
	}
	if u, err := url.Parse(raw); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("discover %q: not an absolute http(s) URL", raw)
	}
	client := fetcher.NewClient(fetcher.ClientConfig{DenyPrivate: !*allowPrivate})
	resp, err := client.Get(ctx, raw, fetcher.Validators{})
	if errors.Is(err, fetcher.ErrForbiddenAddress) {
		return fmt.Errorf("discover %s: %w; it is on this machine or a private network: if you mean it (a test site, an intranet), run prayerfeed discover --allow-private %s", raw, err, raw)
	}
	if err != nil {
		return fmt.Errorf("discover %s: %w", raw, err)
	}
	entry := snippet{URL: resp.URL}
	switch {
	case fetcher.LooksLikeFeed(resp.Body):
		entry.Comment = "the URL is itself a feed"
		entry.Sources = []snippetSource{{Type: fetcher.TypeRSS, URL: resp.URL}}
	default:
		entry.Name = fetcher.SiteName(resp.Body, resp.ContentType, resp.URL)
		links, err := client.FindFeeds(ctx, resp)
		if pl, ok := platformFeed(ctx, client, resp); ok {
			links, err = append([]fetcher.FeedLink{pl}, withoutURL(links, pl.URL)...), nil
		}
		switch {
		case errors.Is(err, fetcher.ErrNoFeed):
			entry.Comment = "no feed found: read as a page; check with prayerfeed check --live --partner ID"
			entry.Sources = []snippetSource{{Type: fetcher.TypePage, URL: resp.URL,
				Item: fetcher.GuessItemSelector(resp.Body, resp.ContentType)}}
		case err != nil:
			return fmt.Errorf("discover %s: %w", raw, err)
		default:
			for _, l := range links {
				entry.Sources = append(entry.Sources, snippetSource{Type: fetcher.TypeRSS, URL: l.URL, Note: l.Title})
			}
		}
	}
	entry.write(stdout)
	return nil
}

// snippet is a partner entry for partners.yaml.
type snippet struct {
	Name, URL, Comment string
	Sources            []snippetSource
}

type snippetSource struct {
	Type, URL, Note, Item string
}

// write prints the entry as YAML. The first source is the one to keep;
// the rest (comment feeds, other formats of the same feed) are commented
// out so pasting the snippet never polls a site twice.
func (s snippet) write(w io.Writer) {
	name := s.Name
	if name == "" {
		name = hostOf(s.URL)
	}
	if s.Comment != "" {
		fmt.Fprintf(w, "# %s\n", s.Comment)
	}
	fmt.Fprintf(w, "  - id: %s\n    name: %s\n    homepage: %s\n    sources:\n", slug(name), strconv.Quote(name), homepageOf(s.URL))
	for i, src := range s.Sources {
		prefix := "      "
		if i > 0 {
			prefix = "      # "
		}
		fmt.Fprintf(w, "%s- type: %s\n%s  url: %s\n", prefix, src.Type, prefix, src.URL)
		if src.Type == fetcher.TypePage && src.Item != "" {
			fmt.Fprintf(w, "%s  select: {item: %q}\n", prefix, src.Item)
		}
		if src.Note != "" {
			fmt.Fprintf(w, "%s  # %s\n", prefix, strings.ReplaceAll(src.Note, "\n", " "))
		}
	}
}

// slug makes a partners.yaml id ([a-z0-9-]) from a name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 40 {
		s = strings.Trim(s[:40], "-")
	}
	if s == "" {
		return "partner"
	}
	return s
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return raw
}

func homepageOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return u.Scheme + "://" + u.Host + "/"
}

// platformFeed is the feed of the platform a page is published with
// (fetcher.PlatformFeed), when that feed answers as a feed. A Mailchimp
// archive feed is proposed without a request: its address is fixed, and
// Mailchimp answers robots and bots unevenly.
func platformFeed(ctx context.Context, client *fetcher.Client, page *fetcher.Response) (fetcher.FeedLink, bool) {
	feed, platform := fetcher.PlatformFeed(page.URL, page.Body)
	if feed == "" {
		return fetcher.FeedLink{}, false
	}
	link := fetcher.FeedLink{URL: feed, Title: platform + " feed"}
	if platform == "Mailchimp" {
		return link, true
	}
	resp, err := client.Get(ctx, feed, fetcher.Validators{})
	if err != nil || !fetcher.LooksLikeFeed(resp.Body) {
		return fetcher.FeedLink{}, false
	}
	link.URL = resp.URL
	return link, true
}

// withoutURL is links without the one at url.
func withoutURL(links []fetcher.FeedLink, url string) []fetcher.FeedLink {
	var out []fetcher.FeedLink
	for _, l := range links {
		if l.URL != url {
			out = append(out, l)
		}
	}
	return out
}
