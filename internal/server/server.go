// Package server is prayerfeed's http.Handler: the feeds, the prayer wall,
// the widget and the admin views.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Renderer renders a route to bytes.
type Renderer interface {
	Render(ctx context.Context, route string, q url.Values, sc site.Scope) (*site.Page, error)
}

// Config wires a Server.
type Config struct {
	Site   Renderer
	Logger *slog.Logger
	// Tokens checks reader tokens for /private/{token}/ routes; without
	// it those routes are 404.
	Tokens TokenChecker
}

// Server serves every route.
type Server struct {
	cfg Config
	mux *http.ServeMux
}

// New returns a Server.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux()}
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
	})
	s.mux.HandleFunc("GET /private/{token}/{rest...}", s.servePrivate)
	for _, p := range []string{"/feed.xml", "/feed.atom", "/feed.json", "/partners/{id}/{file}",
		"/this-week.xml", "/this-week.atom", "/this-week.json", "/calendar.ics", "/partners.opml"} {
		s.mux.HandleFunc("GET "+p, s.serveRoute)
	}
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

func (s *Server) serveRoute(w http.ResponseWriter, r *http.Request) {
	page, err := s.cfg.Site.Render(r.Context(), r.URL.Path, r.URL.Query(), site.Scope{})
	if s.renderError(w, r, err) {
		return
	}
	w.Header().Set("Content-Type", page.ContentType)
	w.Write(page.Body)
}
