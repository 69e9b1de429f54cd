// Package site renders every published route (feeds, pages, widget) to
// bytes, in one place, so that `serve` and the static `build` publish the
// same documents.
package site

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/rotation"
)

// ErrNotFound is returned for a route that does not exist, including a
// private partner's feed asked for without a reader token.
var ErrNotFound = errors.New("not found")

// Reader is the part of the store the site reads.
type Reader interface {
	Items(ctx context.Context, q feed.Query) ([]feed.Item, error)
}

// Config wires a Site.
type Config struct {
	Config *config.Config
	Store  Reader
	// Now is the clock that says which rotation week it is; time.Now
	// when nil.
	Now func() time.Time
	// Sources, when set, lets the site render the status page.
	Sources SourceLister
	// Alerts, when set, lists the health alerts on the status page.
	Alerts AlertLister
	// Resolved, when set, tells partners.opml the feeds sources resolved
	// to (an auto source's homepage lists its feed); Sources serves when
	// it is nil. A static build sets only this: the status page and the
	// first-run notice stay out of it.
	Resolved SourceLister
}

// Site renders routes from the store and the partners' config.
type Site struct {
	cfg     *config.Config
	st      Reader
	sources SourceLister
	alerts  AlertLister
	// resolved reads the feeds sources resolved to, for partners.opml.
	resolved SourceLister
	now      func() time.Time
	rot      *rotation.Rotation
	redact   *redactor
	// byID indexes the configured partners: every item rendered is
	// checked against it, and a build renders 1,500 feeds of 500 partners.
	byID map[string]config.Partner
	// sanitized remembers the point HTML already sanitized at render.
	sanitized sanitizedHTML
}

// New returns a Site.
func New(cfg Config) *Site {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	resolved := cfg.Resolved
	if resolved == nil {
		resolved = cfg.Sources
	}
	byID := make(map[string]config.Partner, len(cfg.Config.Partners))
	for _, p := range cfg.Config.Partners {
		byID[p.ID] = p
	}
	return &Site{
		cfg: cfg.Config, st: cfg.Store, sources: cfg.Sources, alerts: cfg.Alerts, now: cfg.Now, resolved: resolved,
		rot: rotation.New(cfg.Config), redact: newRedactor(cfg.Config.Partners), byID: byID,
	}
}

// partner returns the configured partner with the given id.
func (s *Site) partner(id string) (config.Partner, bool) {
	p, ok := s.byID[id]
	return p, ok
}

// items reads items from the store with every partner's redactions
// applied: the one place store text turns into published text.
func (s *Site) items(ctx context.Context, q feed.Query, sc Scope) ([]feed.Item, error) {
	// The database leaves out the configured private partners; what it
	// returns is then checked against partners.yaml as an allow-list, so the
	// items of a partner removed from the file (perhaps for someone's
	// safety) or renamed never reach an output. That is rare, so the query
	// is widened only when something was dropped.
	q.Exclude = s.hidden(sc)
	want := q.EffectiveLimit()
	for n := want; ; n = min(n*4, feed.MaxLimit) {
		q.Limit = n
		items, err := s.st.Items(ctx, q)
		if err != nil {
			return nil, err
		}
		kept := items[:0]
		for _, it := range items {
			p, ok := s.partner(it.PartnerID)
			if !ok || (p.Private() && !sc.Private) {
				continue
			}
			// The name readers see is the configured one, not the one
			// stored when the item was fetched: renaming a partner to a
			// pseudonym must cover its old items too.
			it.PartnerName = p.Name
			it.Copies = s.copies(it.Copies, sc)
			kept = append(kept, s.redact.Item(s.publishable(it)))
		}
		if len(kept) >= want || len(items) < n || n >= feed.MaxLimit {
			return kept[:min(len(kept), want)], nil
		}
	}
}

// copies are the copies of a point this scope may see, in a new slice
// (the store's may be shared): those of partners in partners.yaml and
// visible to it, named as configured, with their partner's redactions;
// the point's own partner's redactions follow in redactor.Item. A joint
// letter's copy from a private partner never shows in a public output.
func (s *Site) copies(in []feed.Copy, sc Scope) []feed.Copy {
	var out []feed.Copy
	for _, c := range in {
		p, ok := s.partner(c.PartnerID)
		if !ok || !s.visible(c.PartnerID, sc) {
			continue
		}
		c.PartnerName = p.Name
		if c, ok = s.redact.Copy(c.PartnerID, c); ok {
			out = append(out, c)
		}
	}
	return out
}

// Scope says whose view is rendered: the public's, or a reader holding a
// token, who also sees private partners.
type Scope struct {
	Private bool
	// Prefix is prepended to self links, e.g. "/private/TOKEN".
	Prefix string
}

// Page is a rendered route.
type Page struct {
	Body        []byte
	ContentType string
	// Expires, when set, is when the page goes stale even if the store
	// does not change: pages that show this week's rotation.
	Expires time.Time
	// Script marks an HTML page that runs this site's own scripts (the
	// iframe widget, which sizes its frame); other pages run none.
	Script bool
}

// visible reports whether partner id may appear in scope.
func (s *Site) visible(id string, sc Scope) bool {
	p, ok := s.partner(id)
	return ok && (sc.Private || !p.Private())
}

// hidden lists the partner ids a scope must not show.
func (s *Site) hidden(sc Scope) []string {
	if sc.Private {
		return nil
	}
	var ids []string
	for _, p := range s.cfg.Partners {
		if p.Private() {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// Render renders any public route for scope. q holds the request's query
// parameters (nil for a static build). Routes are the server's paths: "/"
// is the prayer wall, "/embed" the iframe widget.
func (s *Site) Render(ctx context.Context, route string, q url.Values, sc Scope) (*Page, error) {
	page, err := s.render(ctx, route, q, sc)
	if err == nil && weekly(route) {
		monday := rotation.Monday(s.now()).AddDate(0, 0, 7)
		if page.Expires.IsZero() || monday.Before(page.Expires) {
			page.Expires = monday
		}
	}
	return page, err
}

func (s *Site) render(ctx context.Context, route string, q url.Values, sc Scope) (*Page, error) {
	switch route {
	case "/calendar.ics":
		return s.Calendar(sc)
	case "/partners.opml":
		return s.OPML(ctx)
	case "/":
		return s.Wall(ctx, q, sc)
	case "/embed":
		return s.Embed(ctx, q, sc)
	case "/embed.js":
		return s.EmbedJS(), nil
	}
	if id, ok := partnerPageRoute(route); ok {
		return s.PartnerPage(ctx, id, sc)
	}
	if partner, ok := embedDataRoute(route); ok {
		return s.EmbedData(ctx, partner, sc)
	}
	if page, ok, err := s.sheetOutput(ctx, route, q, sc); ok {
		return page, err
	}
	return s.Feed(ctx, route, q, sc)
}

// weekly reports whether a route shows the rotation week, so that it
// changes on Monday even when the store does not.
func weekly(route string) bool {
	switch route {
	case "/", "/embed", "/calendar.ics", "/" + EmbedDataFile:
		return true
	}
	if _, ok := partnerPageRoute(route); ok {
		return true // "This week we are praying for …"
	}
	return strings.HasPrefix(route, "/this-week.") || weeklyOutput(route)
}
