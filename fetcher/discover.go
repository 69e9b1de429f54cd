package fetcher

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// FeedLink is a feed a page points to with <link rel="alternate">.
type FeedLink struct {
	URL   string
	Title string
	Type  string
}

// feedTypes ranks the link types that announce a feed: the feed formats
// themselves first, then generic XML and JSON, which sites also use for
// other things.
var feedTypes = map[string]int{
	"application/rss+xml":   2,
	"application/atom+xml":  2,
	"application/feed+json": 2,
	"application/rdf+xml":   1,
	"text/xml":              1,
	"application/xml":       1,
	"application/json":      0,
}

// commonFeedPaths are where sites keep a feed they forgot to link, tried
// in order only when a page links none.
var commonFeedPaths = []string{"/feed", "/rss.xml", "/atom.xml", "/feed.xml"}

// Discover lists the feeds an HTML page links to, absolute, best first:
// the site's main feed before category and comment feeds. WordPress's
// REST links (rel=alternate, type application/json) are not feeds and
// are left out.
func Discover(r io.Reader, pageURL string) ([]FeedLink, error) {
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse page %s: %w", pageURL, err)
	}
	base := pageURL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b := resolve(pageURL, href); b != "" {
			base = b
		}
	}
	var out []FeedLink
	rank := map[string]int{}
	doc.Find("link[href]").Each(func(_ int, s *goquery.Selection) {
		if !hasToken(s.AttrOr("rel", ""), "alternate") {
			return
		}
		typ := strings.ToLower(strings.TrimSpace(strings.Split(s.AttrOr("type", ""), ";")[0]))
		typeRank, ok := feedTypes[typ]
		u := resolve(base, s.AttrOr("href", ""))
		if !ok || u == "" || strings.Contains(u, "/wp-json/") {
			return
		}
		if _, seen := rank[u]; seen {
			return
		}
		l := FeedLink{URL: u, Title: cleanText(s.AttrOr("title", "")), Type: typ}
		rank[u] = typeRank - 4*btoi(isCommentFeed(l))
		out = append(out, l)
	})
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].URL] > rank[out[j].URL] })
	return out, nil
}

// isCommentFeed reports a feed of comments rather than of posts, in the
// words WordPress and other CMSs use in several languages.
func isCommentFeed(l FeedLink) bool {
	s := strings.ToLower(l.URL + " " + l.Title)
	for _, w := range []string{"comment", "kommentar", "comentario", "comentário", "commentaire", "komentar"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func hasToken(list, token string) bool {
	for _, t := range strings.Fields(strings.ToLower(list)) {
		if t == token {
			return true
		}
	}
	return false
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// FindFeeds lists the feeds behind page, best first: those it links to,
// or, when it links none, the first of commonFeedPaths on its site that
// serves a feed. It returns ErrNoFeed when there is none.
func (c *Client) FindFeeds(ctx context.Context, page *Response) ([]FeedLink, error) {
	links, err := Discover(bytes.NewReader(toUTF8(page.Body, page.ContentType)), page.URL)
	if err != nil {
		return nil, err
	}
	if len(links) > 0 {
		return links, nil
	}
	for _, path := range commonFeedPaths {
		u := resolve(page.URL, path)
		if c.checkRobots(ctx, u) != nil {
			continue
		}
		if resp, err := c.Get(ctx, u, Validators{}); err == nil && LooksLikeFeed(resp.Body) {
			return []FeedLink{{URL: resp.URL, Title: "found at " + path}}, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, fmt.Errorf("%w: %s links to no RSS, Atom or JSON feed, and none is at %s",
		ErrNoFeed, page.URL, strings.Join(commonFeedPaths, ", "))
}

// fetchAuto reads an auto source: the URL itself when it is a feed, else
// the best feed its page leads to. The page is fetched unconditionally
// (an unchanged homepage says nothing about its feed) and v goes to the
// feed, whose validators the result carries.
func (c *Client) fetchAuto(ctx context.Context, src Source, v Validators) (*Result, error) {
	if err := c.checkRobots(ctx, src.URL); err != nil {
		return nil, err
	}
	page, err := c.Get(ctx, src.URL, Validators{})
	if err != nil {
		return nil, err
	}
	if LooksLikeFeed(page.Body) {
		return feedResult(page, src)
	}
	links, err := c.FindFeeds(ctx, page)
	if err != nil {
		return nil, err
	}
	feedURL := links[0].URL
	if err := c.checkRobots(ctx, feedURL); err != nil {
		return nil, err
	}
	resp, err := c.Get(ctx, feedURL, v)
	if err != nil {
		if errors.Is(err, ErrNotModified) {
			return nil, err
		}
		return nil, fmt.Errorf("discovered feed %s: %w", feedURL, err)
	}
	res, err := feedResult(resp, src)
	if err != nil {
		return nil, fmt.Errorf("discovered feed %s: %w", feedURL, err)
	}
	return res, nil
}

// feedResult parses a fetched feed into a Result.
func feedResult(resp *Response, src Source) (*Result, error) {
	updates, err := ParseFeed(bytes.NewReader(resp.Body), src)
	if err != nil {
		return nil, &BodyError{Status: resp.Status, Err: err}
	}
	return &Result{Updates: updates, Status: resp.Status, Validators: resp.Validators,
		FeedURL: resp.URL, RetryAfter: resp.RetryAfter, MaxAge: resp.MaxAge}, nil
}

// titleSeparators split a page title into its page and site parts.
var titleSeparators = []string{" | ", " – ", " — ", " - ", " :: ", " » ", " · ", " : "}

// SiteName guesses the name of the site a page belongs to, for a
// partners.yaml snippet: og:site_name or application-name, else the part
// of its <title> that names the site (the first on a homepage, where
// titles read "Site – Tagline", the last elsewhere, "Page | Site").
func SiteName(body []byte, contentType, pageURL string) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(toUTF8(body, contentType)))
	if err != nil {
		return ""
	}
	for _, css := range []string{`meta[property="og:site_name"]`, `meta[name="application-name"]`} {
		if v := cleanText(doc.Find(css).First().AttrOr("content", "")); v != "" {
			return v
		}
	}
	title := cleanText(doc.Find("title").First().Text())
	for _, sep := range titleSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		if u, err := url.Parse(pageURL); err == nil && strings.Trim(u.Path, "/") == "" {
			return strings.TrimSpace(parts[0])
		}
		return strings.TrimSpace(parts[len(parts)-1])
	}
	return title
}

// listSelectors are the containers CMSs put each post of a list in.
var listSelectors = []string{"article", ".post", ".entry", ".news-item", ".views-row", ".blog-post", ".update"}

// GuessItemSelector suggests an item selector for a page that lists news,
// or "" for a page that reads as one update.
func GuessItemSelector(body []byte, contentType string) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(toUTF8(body, contentType)))
	if err != nil {
		return ""
	}
	stripChrome(doc)
	for _, css := range listSelectors {
		if doc.Find(css).Length() >= 2 {
			return css
		}
	}
	return ""
}
