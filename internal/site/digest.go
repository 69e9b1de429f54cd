package site

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// digestWeeks is how many past weeks the digest feeds list.
const digestWeeks = 8

// A digest week ends when the weekly e-mail goes out (partners.yaml
// digest: day, hour, timezone; Monday 7:00 UTC without one) and holds the
// points prayerfeed first saw in the seven days before. First seen, not
// published: an update dated Sunday but fetched on Monday morning still
// reaches the next e-mail instead of none. Only ended weeks are listed, so
// an entry never grows after an RSS-to-e-mail service has sent it.

// DigestWeek is one ended digest week.
type DigestWeek struct {
	// Start and End bound the week: points first seen in [Start, End).
	Start, End time.Time
	Sheet      Sheet
}

// DigestWeekEnd is the end of the latest digest week ended at t.
func (s *Site) DigestWeekEnd(t time.Time) time.Time {
	return s.cfg.Digest.Schedule().WeekEnd(t)
}

// DigestWeeks returns the n digest weeks ending at or before end, newest
// first, leaving out weeks without points. It reads the newest
// feed.MaxLimit points, which bounds the work whatever the history holds.
func (s *Site) DigestWeeks(ctx context.Context, end time.Time, n int, sc Scope) ([]DigestWeek, error) {
	items, err := s.items(ctx, feed.Query{Limit: feed.MaxLimit}, sc)
	if err != nil {
		return nil, fmt.Errorf("digest: %w", err)
	}
	var out []DigestWeek
	for range n {
		start := end.AddDate(0, 0, -7)
		var in []feed.Item
		for _, it := range items {
			if seen := firstSeen(it); !seen.Before(start) && seen.Before(end) {
				in = append(in, it)
			}
		}
		if len(in) > 0 {
			out = append(out, DigestWeek{Start: start, End: end, Sheet: s.digestSheet(in, start, end, sc)})
		}
		end = start
	}
	return out, nil
}

// firstSeen is when prayerfeed first saw an item, or its date when the
// store has no such record.
func firstSeen(it feed.Item) time.Time {
	if it.FirstSeen.IsZero() {
		return it.Published
	}
	return it.FirstSeen
}

// digestSheet is the sheet of one digest week: its points, with the
// rotation of the week the e-mail opens (the one holding end) first.
func (s *Site) digestSheet(items []feed.Item, start, end time.Time, sc Scope) Sheet {
	ids := s.thisWeekIDs(end, sc)
	sh := Sheet{
		Church: s.redact.Text("", s.cfg.Title),
		// The week ends on its last morning; readers count whole days.
		Heading: "New prayer points, " + dateRange(start, end.AddDate(0, 0, -1)),
		From:    start, To: end,
		Partners: s.newSheet(items, ids, 0),
	}
	var tw ThisWeek
	for _, id := range ids {
		p, _ := s.partner(id)
		tw.Partners = append(tw.Partners, WeekPartner{Name: s.redact.Text(id, p.Short), Region: s.redact.Text(id, p.Region)})
	}
	sh.Sentence = tw.Sentence()
	return sh
}

// DigestFeed renders "/digest.xml" or "/digest.atom": one entry per
// ended week, holding that week's new points as HTML.
func (s *Site) DigestFeed(ctx context.Context, route string, sc Scope) (*Page, error) {
	f, err := feed.FormatFromExt(path.Ext(route))
	if err != nil || f == feed.FormatJSON {
		return nil, ErrNotFound
	}
	end := s.DigestWeekEnd(s.now())
	weeks, err := s.DigestWeeks(ctx, end, digestWeeks, sc)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	church := s.redact.Text("", s.cfg.Title)
	ds := make([]feed.Digest, 0, len(weeks))
	for _, w := range weeks {
		html, err := DigestHTML(w.Sheet)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", route, err)
		}
		ds = append(ds, feed.Digest{
			ID: s.digestID(w.End), Title: w.Sheet.Heading, Link: s.cfg.BaseURL + sc.Prefix + "/",
			Author: church, Text: DigestText(w.Sheet), HTML: html, Date: w.End,
		})
	}
	meta := feed.Meta{
		Title: "Weekly prayer digest · " + church, Description: "One entry a week with the new prayer points, for e-mail newsletters.",
		HomeURL: s.cfg.BaseURL + "/", FeedURL: s.cfg.BaseURL + sc.Prefix + route, Language: s.cfg.Language,
	}
	var buf bytes.Buffer
	if err := feed.WriteDigests(&buf, f, meta, ds); err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	// A new week's entry appears when the week ends, even if the store
	// does not change.
	return &Page{Body: buf.Bytes(), ContentType: f.ContentType(), Expires: end.AddDate(0, 0, 7)}, nil
}

// digestID is a week's stable id, a tag URI (RFC 4151) minted from the
// site's host and the day the week ends.
func (s *Site) digestID(end time.Time) string {
	host := "prayerfeed"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + ",2026:digest:" + end.Format("2006-01-02")
}

// DigestHTML renders a sheet as an HTML fragment with inline styles only
// (e-mail clients drop style sheets) and no remote images.
func DigestHTML(sh Sheet) (string, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "digest-body", sh); err != nil {
		return "", fmt.Errorf("render digest: %w", err)
	}
	return buf.String(), nil
}

// DigestMailHTML is DigestHTML as a whole HTML document, for an e-mail's
// HTML part; unsubscribe, when set, is linked at the foot.
func DigestMailHTML(sh Sheet, unsubscribe string) (string, error) {
	var buf bytes.Buffer
	data := struct {
		Sheet       Sheet
		Unsubscribe template.URL
	}{sh, safeUnsubscribe(unsubscribe)}
	if err := templates.ExecuteTemplate(&buf, "digest-mail", data); err != nil {
		return "", fmt.Errorf("render digest e-mail: %w", err)
	}
	return buf.String(), nil
}

// safeUnsubscribe passes only the mailto: and https: addresses config
// validation allows.
func safeUnsubscribe(u string) template.URL {
	if strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "https://") {
		return template.URL(u)
	}
	return ""
}

// DigestText renders a sheet as plain text, the e-mail's text part.
func DigestText(sh Sheet) string {
	var b strings.Builder
	b.WriteString(sh.Church + "\n" + sh.Heading + "\n")
	if sh.Sentence != "" {
		b.WriteString("\n" + sh.Sentence + "\n")
	}
	for _, p := range sh.Partners {
		b.WriteString("\n" + p.Name)
		if p.Region != "" {
			b.WriteString(" (" + p.Region + ")")
		}
		b.WriteString("\n" + strings.Repeat("=", min(60, len([]rune(p.Name))+2)) + "\n")
		for _, g := range p.Groups {
			b.WriteString(g.Title + ":\n")
			for _, pt := range g.Points {
				b.WriteString("  * " + pt.Text + "\n")
			}
		}
	}
	return b.String()
}
