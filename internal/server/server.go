// Package server is prayerfeed's http.Handler: the feeds, the prayer wall,
// the widget and the admin views. Published routes are answered from a
// cache of rendered bytes that is rebuilt only when the store changes.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Renderer renders routes to bytes; *site.Site is one.
type Renderer interface {
	// Render renders a public route (a feed, the wall, the widget).
	Render(ctx context.Context, route string, q url.Values, sc site.Scope) (*site.Page, error)
	// Status renders the admin status page.
	Status(ctx context.Context, now time.Time) (*site.Page, error)
	// FilterValues returns the configured partner ids and tags a scope
	// may see, the only partner and tag filter values kept in a cache key.
	FilterValues(sc site.Scope) (partners, tags []string)
}

// Generationer tells when the store's items last changed; *store.Store is one.
type Generationer interface {
	Generation(ctx context.Context) (gen int64, changed time.Time, err error)
}

// Config wires a Server.
type Config struct {
	Site  Renderer
	Store Generationer
	// AdminToken guards /status; empty turns /status off.
	AdminToken string
	// Metrics, when set, is filled with request metrics and served at
	// /metrics; nil leaves /metrics out.
	Metrics *Metrics
	// CheckEvery is how often, at most, the store's generation is read to
	// see whether cached pages are stale; default (0) one second, negative
	// on every request. Another process (`prayerfeed fetch`) may change
	// the store, so it is polled.
	CheckEvery time.Duration
	// MaxEntries bounds the cached pages (routes × normalised queries);
	// default 1024.
	MaxEntries int
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Tokens checks reader tokens for /private/{token}/ routes; without
	// it those routes are 404.
	Tokens TokenChecker
	// Now defaults to time.Now.
	Now func() time.Time
	// Admin, when set, serves /admin and everything under it (the review
	// area, internal/admin).
	Admin http.Handler
}

// Server serves every route.
type Server struct {
	cfg   Config
	mux   *http.ServeMux
	cache *cache
	// known and knownPrivate are the filter values of the public and
	// the private scope.
	known, knownPrivate knownValues
}

// New returns a Server with cfg's defaults filled.
func New(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.CheckEvery == 0 {
		cfg.CheckEvery = time.Second
	}
	if cfg.MaxEntries <= 0 {
		cfg.MaxEntries = 1024
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(),
		known:        newKnownValues(cfg.Site.FilterValues(site.Scope{})),
		knownPrivate: newKnownValues(cfg.Site.FilterValues(site.Scope{Private: true})),
	}
	cc := cacheConfig{
		store: cfg.Store, render: cfg.Site.Render, every: cfg.CheckEvery,
		max: cfg.MaxEntries, now: cfg.Now, logger: cfg.Logger,
	}
	if cfg.Metrics != nil {
		cc.onRender = cfg.Metrics.renders.Inc
	}
	s.cache = newCache(cc)
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, s.instrument(rt))
	}
	return s
}

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// Invalidate makes the next request check the store for changes at once,
// e.g. after this process saved new items.
func (s *Server) Invalidate() { s.cache.invalidate() }

// instrument wraps a route's handler with its request metrics.
func (s *Server) instrument(rt route) http.Handler {
	if s.cfg.Metrics == nil {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rt.handle(w, r) })
	}
	rm := s.cfg.Metrics.forRoute(rt.name)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		code := rt.handle(w, r)
		rm.observe(code, time.Since(start))
	})
}
