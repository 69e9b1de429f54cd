package site

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// wallGroupPoints is how many points the wall shows under each partner;
// the partner's page has the rest.
const wallGroupPoints = 5

// wallScan is how many recent points the wall groups by partner.
const wallScan = 200

// partnerGroup is one partner's recent points on the wall.
type partnerGroup struct {
	ID, Name, Region  string
	Latest, LatestISO string
	// URL is the partner's page.
	URL    string
	Points []point
	// More is set when the partner has more points than the wall shows.
	More bool
}

// partnerNav is a link to one partner's page.
type partnerNav struct{ Name, URL string }

// wallFilter is what the wall shows: the query's kind and partner filters
// (served pages only; a static page offers the same through its links).
type wallFilter struct {
	Kinds    []feed.Kind
	Partners []string
}

func parseWallFilter(q url.Values) (wallFilter, error) {
	var f wallFilter
	for _, k := range q["kind"] {
		kind, err := feed.ParseKind(k)
		if err != nil {
			return f, fmt.Errorf("%w: %v", ErrBadQuery, err)
		}
		f.Kinds = append(f.Kinds, kind)
	}
	f.Partners = q["partner"]
	return f, nil
}

// groups returns the recent points of partners in scope, grouped by
// partner, the partner with the newest point first; partners in skip (this
// week's, shown above) are left out.
func (s *Site) groups(ctx context.Context, sc Scope, f wallFilter, skip []string) ([]partnerGroup, error) {
	q := feed.Query{Kinds: f.Kinds, Limit: wallScan}
	if len(f.Partners) > 0 {
		q.Partners = f.Partners
	}
	items, err := s.items(ctx, q, sc)
	if err != nil {
		return nil, fmt.Errorf("render wall: %w", err)
	}
	var out []partnerGroup
	at := map[string]int{}
	for _, it := range items {
		if contains(skip, it.PartnerID) {
			continue
		}
		i, ok := at[it.PartnerID]
		if !ok {
			p, _ := s.partner(it.PartnerID)
			i = len(out)
			at[it.PartnerID] = i
			pub := it.Published.UTC()
			out = append(out, partnerGroup{
				ID: p.ID, Name: s.redact.Text(p.ID, p.Name), Region: s.redact.Text(p.ID, p.Region),
				Latest: pub.Format("2 January 2006"), LatestISO: pub.Format(time.RFC3339),
				URL: s.partnerPageURL(p.ID, sc),
			})
		}
		g := &out[i]
		if len(g.Points) == wallGroupPoints {
			g.More = true
			continue
		}
		g.Points = append(g.Points, pointOf(it))
	}
	return out, nil
}

// partnerPageURL is the address of a partner's page.
func (s *Site) partnerPageURL(id string, sc Scope) string {
	return s.cfg.BaseURL + sc.Prefix + "/partners/" + id + "/"
}

// partnerNavs links every partner in scope's page, for the wall's
// partner filter.
func (s *Site) partnerNavs(sc Scope) []partnerNav {
	var out []partnerNav
	for _, p := range s.cfg.Partners {
		if s.visible(p.ID, sc) {
			out = append(out, partnerNav{Name: s.redact.Text(p.ID, p.Name), URL: s.partnerPageURL(p.ID, sc)})
		}
	}
	return out
}

// partnerPageRoute reports whether route is a partner's page,
// "/partners/{id}/", and whose.
func partnerPageRoute(route string) (string, bool) {
	rest, ok := strings.CutPrefix(route, "/partners/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/")
	return id, ok && id != "" && !strings.Contains(id, "/")
}
