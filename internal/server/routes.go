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
}

// routes is the route table: every path the server answers. A published
// route (one the static build also writes) goes through s.published, which
// answers from the cache of rendered pages.
func (s *Server) routes() []route {
	rts := []route{
		{"GET /{$}", "wall", s.published(nil)},
		{"GET /embed", "embed", s.published(embedParams)},
		{"GET /embed.js", "embed_js", s.published(nil)},
		{"GET /feed.xml", "feed", s.published(feedParams)},
		{"GET /feed.atom", "feed", s.published(feedParams)},
		{"GET /feed.json", "feed", s.published(feedParams)},
		{"GET /partners/{id}/{file}", "partner_feed", s.published(feedParams)},
		{"GET /this-week.xml", "this_week", s.published(feedParams)},
		{"GET /this-week.atom", "this_week", s.published(feedParams)},
		{"GET /this-week.json", "this_week", s.published(feedParams)},
		{"GET /calendar.ics", "calendar", s.published(nil)},
		{"GET /partners.opml", "opml", s.published(nil)},
		{"GET /private/{token}/{rest...}", "private", s.servePrivate},
		{"GET /status", "status", s.status},
		{"GET /healthz", "healthz", healthz},
	}
	if s.cfg.Metrics != nil {
		rts = append(rts, route{"GET /metrics", "metrics", s.cfg.Metrics.serve})
	}
	return rts
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
