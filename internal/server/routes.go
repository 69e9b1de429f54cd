package server

import (
	"net/http"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// route is one entry of the route table.
type route struct {
	// pattern is the http.ServeMux pattern; "GET" also answers HEAD.
	pattern string
	// name labels the route's metrics; keep it low-cardinality.
	name string
	// handle answers a request and returns the status it sent.
	handle func(w http.ResponseWriter, r *http.Request) int
	// page marks a published route answered from the cache.
	page bool
}

// routes is the route table: every path the server answers. A published
// route (one the static build also writes) is an s.page, answered from the
// cache of rendered pages.
func (s *Server) routes() []route {
	rts := []route{
		s.page("GET /{$}", "wall", wallParams),
		s.page("GET /embed", "embed", embedParams),
		s.page("GET /embed.js", "embed_js", nil),
		s.page("GET /embed-data.js", "embed_data", nil),
		s.page("GET /feed.xml", "feed", feedParams),
		s.page("GET /feed.atom", "feed", feedParams),
		s.page("GET /feed.json", "feed", feedParams),
		s.page("GET /partners/{id}/{file}", "partner_feed", partnerParams),
		s.page("GET /partners/{id}/{$}", "partner_page", nil),
		s.page("GET /this-week.xml", "this_week", feedParams),
		s.page("GET /this-week.atom", "this_week", feedParams),
		s.page("GET /this-week.json", "this_week", feedParams),
		s.page("GET /calendar.ics", "calendar", nil),
		s.page("GET /partners.opml", "opml", nil),
		s.page("GET /prayermate.json", "prayermate", feedParams),
		s.page("GET /this-week/prayermate.json", "prayermate", feedParams),
		s.page("GET /digest.xml", "digest", nil),
		s.page("GET /digest.atom", "digest", nil),
		s.page("GET /print", "print", printParams),
		s.page("GET /this-week/print", "print", printParams),
		{pattern: "GET /private/{token}/{rest...}", name: "private", handle: s.servePrivate},
		{pattern: "GET /status", name: "status", handle: s.status},
		{pattern: "GET /healthz", name: "healthz", handle: healthz},
	}
	rts = append(rts, s.adminRoutes()...)
	if s.cfg.Metrics != nil {
		rts = append(rts, route{pattern: "GET /metrics", name: "metrics", handle: s.cfg.Metrics.serve})
	}
	return rts
}

// page is the route table entry of a published route.
func (s *Server) page(pattern, name string, params []string) route {
	return route{pattern: pattern, name: name, handle: s.published(params), page: true}
}

// published returns the handler of a public route, answered from the cache;
// params are the query parameters the route reads.
func (s *Server) published(params []string) func(http.ResponseWriter, *http.Request) int {
	return func(w http.ResponseWriter, r *http.Request) int {
		return s.servePage(w, r, r.URL.Path, site.Scope{}, params)
	}
}

func healthz(w http.ResponseWriter, r *http.Request) int {
	h := w.Header()
	h["Content-Type"] = textPlain
	h["Cache-Control"] = noStore
	w.Write([]byte("ok\n"))
	return http.StatusOK
}
