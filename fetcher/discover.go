package fetcher

import (
	"fmt"
	"io"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// FeedLink is a feed a page points to with <link rel="alternate">.
type FeedLink struct {
	URL   string
	Title string
	Type  string
}

var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      true,
	"application/rdf+xml":   true,
	"text/xml":              true,
	"application/xml":       true,
}

// Discover lists the feeds an HTML page links to, absolute, in page order.
func Discover(r io.Reader, pageURL string) ([]FeedLink, error) {
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		base = resolve(pageURL, href)
	}
	var out []FeedLink
	seen := map[string]bool{}
	doc.Find("link[href]").Each(func(_ int, s *goquery.Selection) {
		rel := strings.ToLower(s.AttrOr("rel", ""))
		typ := strings.ToLower(strings.TrimSpace(strings.Split(s.AttrOr("type", ""), ";")[0]))
		if !strings.Contains(rel, "alternate") || !feedTypes[typ] {
			return
		}
		u := resolve(base, s.AttrOr("href", ""))
		if u == "" || seen[u] {
			return
		}
		seen[u] = true
		out = append(out, FeedLink{URL: u, Title: strings.TrimSpace(s.AttrOr("title", "")), Type: typ})
	})
	return out, nil
}
