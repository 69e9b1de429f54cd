package fetcher

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// ParsePage reads an HTML page into updates: one per src.Select.Item match,
// or the whole page (its Content selection, else its body) as one update.
func ParsePage(r io.Reader, contentType string, src Source) ([]Update, error) {
	doc, err := goquery.NewDocumentFromReader(r)
	if err != nil {
		return nil, fmt.Errorf("parse page: %w", err)
	}
	base := src.URL
	if href, ok := doc.Find("base[href]").First().Attr("href"); ok {
		base = resolve(src.URL, href)
	}
	sel := src.Select
	if sel.Item == "" {
		u := pageUpdate(doc.Selection, sel, base, src)
		if u.Title == "" {
			u.Title = strings.TrimSpace(doc.Find("title").First().Text())
		}
		if u.Link == "" {
			u.Link = src.URL
		}
		return []Update{u}, nil
	}
	items := doc.Find(sel.Item)
	if items.Length() == 0 {
		return nil, fmt.Errorf("item selector %q matched nothing on %s", sel.Item, src.URL)
	}
	updates := make([]Update, 0, items.Length())
	items.Each(func(_ int, s *goquery.Selection) {
		updates = append(updates, pageUpdate(s, sel, base, src))
	})
	return updates, nil
}

func pageUpdate(s *goquery.Selection, sel Select, base string, src Source) Update {
	u := Update{PartnerID: src.PartnerID, SourceURL: src.URL}
	u.Title = strings.TrimSpace(pick(s, sel.Title, false))
	if l := pick(s, sel.Link, false); l != "" {
		u.Link = resolve(base, l)
	}
	content := s
	if sel.Content != "" {
		content = s.Find(sel.Content)
	}
	html, _ := goquery.OuterHtml(content)
	if sel.Content != "" {
		var b strings.Builder
		content.Each(func(_ int, c *goquery.Selection) {
			h, _ := goquery.OuterHtml(c)
			b.WriteString(h)
		})
		html = b.String()
	}
	u.HTML = html
	if d := pick(s, sel.Date, true); d != "" {
		u.Published = parseDate(d)
	}
	sum := sha256.Sum256([]byte(u.Title + "\x00" + content.Text()))
	u.GUID = u.Link
	if u.GUID == "" || u.GUID == src.URL {
		u.GUID = "sha256:" + hex.EncodeToString(sum[:12])
	}
	return u
}

// pick reads the text (or "@attr") of the first match of spec within s.
func pick(s *goquery.Selection, spec string, preferDatetime bool) string {
	if spec == "" {
		return ""
	}
	css, attr := splitSelector(spec)
	m := s
	if css != "" {
		m = s.Find(css).First()
	}
	if attr != "" {
		return m.AttrOr(attr, "")
	}
	if preferDatetime {
		if dt, ok := m.Attr("datetime"); ok {
			return dt
		}
	}
	return m.Text()
}

// splitSelector splits "h2 a@href" into "h2 a" and "href".
func splitSelector(sel string) (css, attr string) {
	sel = strings.TrimSpace(sel)
	if i := strings.LastIndex(sel, "@"); i >= 0 && !strings.ContainsAny(sel[i:], " ]\"'") {
		return strings.TrimSpace(sel[:i]), sel[i+1:]
	}
	return sel, ""
}

var dateLayouts = []string{
	time.RFC3339, "2006-01-02T15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123,
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "02/01/2006",
}

// parseDate reads the common ways a page writes a date; zero if none fits.
func parseDate(s string) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
