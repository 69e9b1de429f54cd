package site

import (
	"context"
	"net/url"
	"strings"
)

// sheetOutput renders the routes that carry the prayer list beyond feed
// readers (PrayerMate, the printed sheet, the weekly digest); ok is false
// for any other route.
func (s *Site) sheetOutput(ctx context.Context, route string, q url.Values, sc Scope) (page *Page, ok bool, err error) {
	if _, isPM := prayerMateRoute(route); isPM {
		page, err = s.PrayerMate(ctx, route, q, sc)
		return page, true, err
	}
	if _, isPrint := printRoute(route); isPrint {
		page, err = s.Print(ctx, route, q, sc)
		return page, true, err
	}
	switch route {
	case "/digest.xml", "/digest.atom":
		page, err = s.DigestFeed(ctx, route, sc)
		return page, true, err
	}
	return nil, false, nil
}

// weeklyOutput reports whether one of those routes shows the rotation
// week, so that it goes stale on Monday.
func weeklyOutput(route string) bool {
	_, isPrint := printRoute(route)
	return isPrint || strings.HasPrefix(route, "/this-week/")
}

// outputPaths lists those routes for a static build of scope.
func (s *Site) outputPaths(sc Scope) []string {
	out := []string{"/prayermate.json", "/this-week/prayermate.json", "/digest.xml", "/digest.atom", "/print", "/this-week/print"}
	for _, p := range s.cfg.Partners {
		if s.visible(p.ID, sc) {
			out = append(out, "/partners/"+p.ID+"/prayermate.json", "/partners/"+p.ID+"/print")
		}
	}
	return out
}

// outputLink is a link from the prayer wall to another home of the list.
type outputLink struct {
	Label, URL string
}

// outputLinks are the wall's links to the printed sheet, the PrayerMate
// feed and (public only: it is for newsletter services) the digest feed.
func (s *Site) outputLinks(sc Scope) []outputLink {
	base := s.cfg.BaseURL + sc.Prefix
	out := []outputLink{
		{"Printable sheet", base + "/print"},
		{"PrayerMate", base + "/prayermate.json"},
	}
	if !sc.Private {
		out = append(out, outputLink{"Weekly digest feed", base + "/digest.atom"})
	}
	return out
}
