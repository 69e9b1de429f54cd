package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// PrayerMate has no published specification. The document below follows
// its public client libraries and feed previewer exactly:
//
//   - andygeers/prayermate-client_php, src/Petition.php: a petition is
//     uid, date (YYYY-MM-DD), exclusive, title ("for notifications
//     only"), description (the content), markdown, public_url,
//     video_embed_url and remote_attachment_url; toArray runs array_filter,
//     so false and empty values are left out (its tests assert that a
//     dated petition has no "exclusive" key and a plain one no
//     "markdown").
//   - monty5811/prayermate-preview-feed, index.html.tmpl: the feed
//     document is an object whose "name" titles the diary and whose
//     "petitions" list is shown by date and description.
//
// A petition without a date is "exclusive" and replaces every other
// petition in the subscriber's feed, so every petition here is dated and
// exclusive is never written. Descriptions are plain text (the point's
// words), so markdown is never written either: a partner's "*" or "_"
// stays as typed. The schema in testdata/prayermate.schema.json is
// written from the same two sources and checks this output.

// prayerMateDoc is the document a PrayerMate feed subscription reads.
type prayerMateDoc struct {
	Name      string               `json:"name"`
	Petitions []prayerMatePetition `json:"petitions"`
}

// prayerMatePetition is one point as PrayerMate shows it. omitempty
// mirrors the PHP client's array_filter.
type prayerMatePetition struct {
	UID         string `json:"uid"`
	Date        string `json:"date"`
	Exclusive   bool   `json:"exclusive,omitempty"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description"`
	Markdown    bool   `json:"markdown,omitempty"`
	PublicURL   string `json:"public_url,omitempty"`
}

// prayerMateRoute returns the feed route base ("/feed", "/this-week",
// "/partners/ID/feed") a PrayerMate route stands for.
func prayerMateRoute(route string) (string, bool) {
	switch {
	case route == "/prayermate.json":
		return "/feed", true
	case route == "/this-week/prayermate.json":
		return "/this-week", true
	case strings.HasPrefix(route, "/partners/") && strings.HasSuffix(route, "/prayermate.json"):
		id := strings.TrimSuffix(strings.TrimPrefix(route, "/partners/"), "/prayermate.json")
		if id == "" || strings.Contains(id, "/") {
			return "", false
		}
		return "/partners/" + id + "/feed", true
	}
	return "", false
}

// PrayerMate renders a PrayerMate petitions document: "/prayermate.json",
// "/this-week/prayermate.json" or "/partners/ID/prayermate.json", with the
// feeds' kind, partner, tag and limit filters. One petition per point.
func (s *Site) PrayerMate(ctx context.Context, route string, q url.Values, sc Scope) (*Page, error) {
	base, ok := prayerMateRoute(route)
	if !ok {
		return nil, ErrNotFound
	}
	query, name, err := s.feedQuery(base, q, sc)
	if err != nil {
		return nil, err
	}
	items, err := s.items(ctx, query, sc)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	doc := prayerMateDoc{Name: s.redact.Text("", name), Petitions: make([]prayerMatePetition, 0, len(items))}
	for _, it := range items {
		doc.Petitions = append(doc.Petitions, s.petition(it))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	return &Page{Body: buf.Bytes(), ContentType: "application/json; charset=utf-8"}, nil
}

// petition maps one (already redacted) item to a petition.
func (s *Site) petition(it feed.Item) prayerMatePetition {
	who := it.PartnerName
	if p, ok := s.partner(it.PartnerID); ok && p.Short != "" {
		who = s.redact.Text(it.PartnerID, p.Short)
	}
	return prayerMatePetition{
		UID:         it.ID,
		Date:        it.Published.UTC().Format("2006-01-02"),
		Title:       who + " · " + it.Kind.Title(),
		Description: it.Text,
		PublicURL:   it.UpdateLink,
	}
}
