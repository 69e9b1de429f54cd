package server

import (
	"net/http"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Header values shared by every response, allocated once. Header maps are
// assigned directly with canonical keys to keep the hot path short.
var (
	publicCache = []string{"public, max-age=300"}
	noStore     = []string{"no-store"}
	varyAE      = []string{"Accept-Encoding"}
	anyOrigin   = []string{"*"}
	gzipCoding  = []string{"gzip"}
	nosniff     = []string{"nosniff"}
	textPlain   = []string{"text/plain; charset=utf-8"}
)

// servePage answers a published route for scope from the cache: params
// names the query parameters the route reads; others are ignored and do
// not make a new cache entry.
func (s *Server) servePage(w http.ResponseWriter, r *http.Request, route string, sc site.Scope, params []string) int {
	known := s.known
	if sc.Private {
		known = s.knownPrivate
	}
	q, key, err := cacheKey(route, r.URL.RawQuery, sc, params, known)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return http.StatusBadRequest
	}
	sn, err := s.cache.snapshot(r.Context())
	if err != nil {
		s.cfg.Logger.Error("check store generation", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return http.StatusInternalServerError
	}
	e := s.cache.get(r.Context(), sn, key, route, q, sc)
	if e.status != 0 {
		http.Error(w, e.msg, e.status)
		return e.status
	}
	return e.write(w, r)
}

// write sends e, or 304 when the request's validators match it.
func (e *entry) write(w http.ResponseWriter, r *http.Request) int {
	h := w.Header()
	h["Cache-Control"] = publicCache
	h["Vary"] = varyAE
	h["Last-Modified"] = e.lastModified
	if e.cors {
		h["Access-Control-Allow-Origin"] = anyOrigin
	}
	gz := e.gz != nil && acceptsGzip(r.Header["Accept-Encoding"])
	if gz {
		h["Etag"] = e.etagGzH
	} else {
		h["Etag"] = e.etagH
	}
	if e.notModified(r.Header["If-None-Match"], r.Header["If-Modified-Since"]) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	h["Content-Type"] = e.contentType
	h["X-Content-Type-Options"] = nosniff
	if e.contentSecurity != nil {
		h["Content-Security-Policy"] = e.contentSecurity
	}
	if gz {
		h["Content-Encoding"] = gzipCoding
		h["Content-Length"] = e.gzLength
		w.Write(e.gz)
	} else {
		h["Content-Length"] = e.length
		w.Write(e.body)
	}
	return http.StatusOK
}
