package feed

import (
	"fmt"
	"html"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gorilla/feeds"
)

// itemIDPrefix makes an item's id an IRI that no other publisher mints, so
// readers keep an item's read state when it moves between feeds.
const itemIDPrefix = "urn:prayerfeed:item:"

// document is a feed as every format renders it: strings already cleaned
// for XML 1.0, links resolved, dates settled. Building it once keeps the
// three writers saying the same thing about each item.
type document struct {
	Title, Description, HomeURL, FeedURL, Language, ID string
	Updated                                            time.Time
	Entries                                            []entry
}

// entry is one Item as a reader sees it.
type entry struct {
	// ID is the stable item IRI.
	ID    string
	Title string
	Link  string
	// Author is the partner's name.
	Author string
	Kind   Kind
	// Text is the point as plain text; HTML the point as HTML.
	Text, HTML string
	// Date is used as both published and updated: an item is never
	// re-dated, so readers never announce it twice.
	Date time.Time
	// Copies are the other letters that carried the point, as links; HTML
	// already ends with a paragraph linking to them.
	Copies []Link
}

// newDocument validates m and items and prepares them for a writer. Items
// keep their order: the store sorts, writers do not.
func newDocument(m Meta, items []Item) (document, error) {
	if err := m.Validate(); err != nil {
		return document{}, err
	}
	d := document{
		Title:       clean(m.Title),
		Description: clean(m.description()),
		HomeURL:     clean(m.HomeURL),
		FeedURL:     clean(m.FeedURL),
		Language:    clean(m.Language),
		ID:          clean(m.id()),
		Entries:     make([]entry, 0, len(items)),
	}
	var newest time.Time
	for _, it := range items {
		if err := it.Validate(); err != nil {
			return document{}, err
		}
		e := newEntry(it, d.HomeURL)
		if e.Date.After(newest) {
			newest = e.Date
		}
		d.Entries = append(d.Entries, e)
	}
	d.Updated = feedDate(m.Updated, newest)
	for i := range d.Entries {
		if d.Entries[i].Date.IsZero() {
			d.Entries[i].Date = d.Updated
		}
	}
	return d, nil
}

// feedDate is the feed's updated date: the one Meta sets, else the newest
// item's, else the Unix epoch, because Atom requires a date and a
// wall-clock one would change the bytes (and the ETag) of an empty feed on
// every build.
func feedDate(set, newest time.Time) time.Time {
	switch {
	case !set.IsZero():
		return normTime(set)
	case !newest.IsZero():
		return newest
	}
	return time.Unix(0, 0).UTC()
}

func newEntry(it Item, home string) entry {
	author := clean(it.PartnerName)
	if author == "" {
		author = clean(it.PartnerID)
	}
	text := clean(it.Text)
	body := clean(it.HTML)
	if body == "" {
		body = html.EscapeString(text)
	}
	copies := it.CopyLinks()
	return entry{
		ID:     itemIDPrefix + url.PathEscape(clean(it.ID)),
		Title:  itemTitle(it.Kind, author, text),
		Link:   itemLink(clean(it.UpdateLink), home),
		Author: author,
		Kind:   it.Kind,
		Text:   text,
		HTML:   body + copiesHTML(copies),
		Date:   itemDate(it),
		Copies: copies,
	}
}

// copiesHTML is the paragraph that ends an entry's HTML when its point
// came in other letters too: readers show content, not a feed's extra
// links, so this is where a congregation member sees them.
func copiesHTML(copies []Link) string {
	if len(copies) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("<p>Also in: ")
	for i, c := range copies {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`<a href="` + html.EscapeString(c.URL) + `">` + html.EscapeString(c.Title) + "</a>")
	}
	b.WriteString("</p>")
	return b.String()
}

// titleRunes is about where an item title's text is cut: long enough to
// recognise the point, short enough for a reader's list view.
const titleRunes = 80

// itemTitle is "Prayer · International Justice Mission: On July 9th, …".
func itemTitle(k Kind, partner, text string) string {
	return k.Title() + " · " + partner + ": " + truncateWords(strings.Join(strings.Fields(text), " "), titleRunes)
}

// truncateWords shortens s to at most n runes plus an ellipsis, cutting at
// the last space when there is one in the second half of the cut.
func truncateWords(s string, n int) string {
	cut, runes := 0, 0
	for i := range s {
		if runes == n {
			cut = i
			break
		}
		runes++
	}
	if cut == 0 {
		return s
	}
	head := s[:cut]
	if s[cut] != ' ' {
		if sp := strings.LastIndexByte(head, ' '); sp > len(head)/2 {
			head = head[:sp]
		} else {
			return strings.TrimRight(head, " ") + "…"
		}
	}
	return strings.TrimRight(head, " ,;:-") + " …"
}

// itemLink is the partner's update when it is an absolute http(s) URL;
// anything else (relative, javascript:, empty) falls back to home, because
// a reader would open it as is.
func itemLink(link, home string) string {
	if link == "" || checkAbsURL(link) != nil {
		return home
	}
	return link
}

// itemDate is the item's publication date, or first-seen when missing.
func itemDate(it Item) time.Time {
	if !it.Published.IsZero() {
		return normTime(it.Published)
	}
	return normTime(it.FirstSeen)
}

// normTime drops sub-second precision and the zone, which RSS cannot carry,
// so that every format states the same instant.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return t.UTC().Truncate(time.Second)
}

// clean removes what XML 1.0 forbids (C0 controls other than tab, newline
// and carriage return, U+FFFE, U+FFFF, invalid UTF-8) and C1 controls,
// which are legal but never meant in UTF-8 text and upset some readers.
// Every string a writer emits passes through it, JSON too, so the three
// formats carry the same text.
func clean(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, notXMLChar) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if notXMLChar(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
}

// notXMLChar reports whether clean drops r. Invalid UTF-8 decodes to
// U+FFFD, which XML allows, so clean removes invalid bytes separately.
func notXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return true
	}
	return r > 0x10ffff
}

// writeXML prepares the document and writes the XML value build makes of
// it with gorilla/feeds' encoder.
func writeXML(w io.Writer, f Format, m Meta, items []Item, build func(document) feeds.XmlFeed) error {
	d, err := newDocument(m, items)
	if err != nil {
		return wrapWrite(f, m, err)
	}
	return wrapWrite(f, m, feeds.WriteXML(build(d), w))
}

// wrapWrite names the operation and feed in a writer's error.
func wrapWrite(format Format, m Meta, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("write %s feed %s: %w", format, m.FeedURL, err)
}
