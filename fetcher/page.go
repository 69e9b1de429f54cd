package fetcher

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// ErrNoMatch is returned when a page source's selectors match nothing: the
// site changed or the selectors are wrong. An empty page is not success.
var ErrNoMatch = errors.New("selectors match nothing")

// maxPageItems caps the entries read from one list page.
const maxPageItems = 200

// pageReader reads one fetched page of one source.
type pageReader struct {
	src Source
	sel selectors
	// base resolves relative links: the page's URL or its <base href>.
	base string
	// page is the URL the page was fetched from, after redirects.
	page string
	now  time.Time
}

// parsePage reads an HTML page fetched from pageURL (which differs from
// src.URL after a redirect) into updates: one per src.Select.Item match,
// or, with no item selector, the whole page as one update (its Content
// selection, else its main content found as a reader mode would). The body
// is decoded to UTF-8 from contentType's charset or the page's own, and
// year-less dates are read relative to now.
func parsePage(body []byte, contentType string, src Source, pageURL string, now time.Time) ([]Update, error) {
	sel, err := compileSelect(src.Select)
	if err != nil {
		return nil, err
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(capPageElements(toUTF8(body, contentType), maxPageElements)))
	if err != nil {
		return nil, fmt.Errorf("parse page %s: %w", pageURL, err)
	}
	pr := &pageReader{src: src, sel: sel, base: pageURL, page: pageURL, now: now}
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		if b := resolve(pageURL, href); b != "" {
			pr.base = b
		}
	}
	if !sel.item.given() {
		u, err := pr.single(doc)
		if err != nil {
			return nil, err
		}
		return []Update{u}, nil
	}
	return pr.list(doc)
}

// list reads one update per item match.
func (pr *pageReader) list(doc *goquery.Document) ([]Update, error) {
	items := doc.Find(pr.sel.item.css)
	if items.Length() == 0 {
		return nil, fmt.Errorf("%w: item selector %q on %s", ErrNoMatch, pr.sel.item.raw, pr.page)
	}
	// Entries beyond the cap are older news no reader needs, and nested
	// matches on a hostile page would otherwise cost time squared.
	items = items.Slice(0, min(items.Length(), maxPageItems))
	if err := pr.sel.matchSomewhere(items); err != nil {
		return nil, fmt.Errorf("%w on %s", err, pr.page)
	}
	updates := make([]Update, 0, items.Length())
	prints := make([]string, 0, items.Length())
	items.Each(func(_ int, s *goquery.Selection) {
		u, fp := pr.item(s)
		updates = append(updates, u)
		prints = append(prints, fp)
	})
	return uniqueGUIDs(updates, prints), nil
}

// item reads one list entry: its title, link, date and content, found by
// the selectors given or, where none is given, the way a reader would.
// It returns the entry's content fingerprint beside it.
func (pr *pageReader) item(s *goquery.Selection) (Update, string) {
	u := Update{PartnerID: pr.src.PartnerID, SourceURL: pr.src.URL}
	u.Title = cleanText(pr.sel.title.pick(s, ""))
	if u.Title == "" && !pr.sel.title.given() {
		u.Title = cleanText(s.Find("h1, h2, h3, h4, h5, h6").First().Text())
	}
	link := pr.sel.link.pick(s, "")
	if link == "" && !pr.sel.link.given() {
		link = itemLink(s)
	}
	if link != "" {
		u.Link = resolve(pr.base, link)
	}
	u.Published = pr.date(s)
	content := s
	if pr.sel.content.given() {
		content = s.Find(pr.sel.content.css)
	}
	u.HTML = outerHTML(content)
	fp := fingerprint(u.Title, u.Published, content)
	u.GUID = u.Link
	if u.GUID == "" || u.GUID == pr.page || u.GUID == pr.src.URL {
		u.GUID = fp
	}
	return u, fp
}

// single reads the whole page as one update, the way a prayer letter page
// is: its title, its date from the page's markup, and its content.
func (pr *pageReader) single(doc *goquery.Document) (Update, error) {
	u := Update{PartnerID: pr.src.PartnerID, SourceURL: pr.src.URL, Link: pr.page}
	if err := pr.sel.matchSomewhere(doc.Selection); err != nil {
		return Update{}, fmt.Errorf("%w on %s", err, pr.page)
	}
	if pr.sel.date.given() {
		u.Published = pr.date(doc.Selection)
	} else {
		u.Published = metaDate(doc, pr.now)
	}
	stripChrome(doc)
	var content *goquery.Selection
	if pr.sel.content.given() {
		content = doc.Find(pr.sel.content.css)
		if content.Length() == 0 {
			return Update{}, fmt.Errorf("%w: content selector %q on %s", ErrNoMatch, pr.sel.content.raw, pr.page)
		}
	} else {
		content = mainContent(doc)
	}
	if u.Published.IsZero() && !pr.sel.date.given() {
		// Only the content's own dates: a sidebar's "next event: July 20"
		// is not when the letter was written.
		u.Published = findDate(content, pr.now)
	}
	u.Title = pr.pageTitle(doc, content)
	if l := pr.sel.link.pick(doc.Selection, ""); l != "" {
		u.Link = resolve(pr.base, l)
	}
	u.HTML = outerHTML(content)
	// The page is the update: its identity is its link (the source URL
	// unless a link selector names a permalink), which no volatile part of
	// the page can change. When the letter on it is replaced, the store
	// keeps the points that carried over and adds the new ones.
	u.GUID = u.Link
	if pr.sel.link.raw == "" {
		u.GUID = pr.src.URL
	}
	return u, nil
}

// pageTitle is the title selector's text, else the content's first
// heading, else the page's og:title or <title>.
func (pr *pageReader) pageTitle(doc *goquery.Document, content *goquery.Selection) string {
	if pr.sel.title.given() {
		return cleanText(pr.sel.title.pick(doc.Selection, ""))
	}
	for _, t := range []string{
		content.Find("h1").First().Text(),
		doc.Find("h1").First().Text(),
		doc.Find(`meta[property="og:title"]`).AttrOr("content", ""),
		doc.Find("title").First().Text(),
		content.Find("h2, h3").First().Text(),
	} {
		if t = cleanText(t); t != "" {
			return t
		}
	}
	return ""
}

// date reads an update's date from the date selector, or when none is
// given from a <time> element or a short date-like element within s.
func (pr *pageReader) date(s *goquery.Selection) time.Time {
	if pr.sel.date.given() {
		return parseDate(pr.sel.date.pick(s, "datetime"), pr.now)
	}
	return findDate(s, pr.now)
}

// itemLink guesses a list entry's own link: the one in its heading, a
// permalink, the entry itself when it is a link, else its first link.
func itemLink(s *goquery.Selection) string {
	for _, css := range []string{"h1 a[href], h2 a[href], h3 a[href], h4 a[href]", "a[rel~=bookmark]"} {
		if href, ok := s.Find(css).First().Attr("href"); ok {
			return href
		}
	}
	if href, ok := s.Attr("href"); ok {
		return href
	}
	return s.Find("a[href]").First().AttrOr("href", "")
}

// uniqueGUIDs gives entries that share a link (every "Read more" pointing
// at one page) their content fingerprint instead, so none is lost.
func uniqueGUIDs(updates []Update, prints []string) []Update {
	count := map[string]int{}
	for _, u := range updates {
		count[u.GUID]++
	}
	for i, u := range updates {
		if count[u.GUID] > 1 && u.GUID != prints[i] {
			updates[i].GUID = u.GUID + "#" + prints[i]
		}
	}
	return updates
}

func outerHTML(s *goquery.Selection) string {
	var b strings.Builder
	s.Each(func(_ int, c *goquery.Selection) {
		h, err := goquery.OuterHtml(c)
		if err == nil {
			b.WriteString(h)
		}
	})
	return b.String()
}

func cleanText(s string) string { return strings.Join(strings.Fields(s), " ") }
