package server

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"regexp"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// TokenChecker says whether a reader token is valid (known, not revoked).
type TokenChecker interface {
	CheckToken(ctx context.Context, token string) (name string, ok bool, err error)
}

// privateRoutes are the routes a reader token opens, below /private/TOKEN.
var privateRoutes = regexp.MustCompile(`^/(feed|this-week|partners/[a-z0-9-]+/feed)\.(xml|atom|json)$|^/calendar\.ics$|^(/this-week|/partners/[a-z0-9-]+)?/(prayermate\.json|print)$`)

// servePrivate serves /private/{token}/...: the feeds with private
// partners included. An unknown or revoked token is a 404, as if the
// route did not exist. The rendered bytes hold the token (in self links),
// so they are rendered per request and never enter the shared cache.
func (s *Server) servePrivate(w http.ResponseWriter, r *http.Request) int {
	token := r.PathValue("token")
	route := "/" + r.PathValue("rest")
	if s.cfg.Tokens == nil || !privateRoutes.MatchString(route) {
		http.NotFound(w, r)
		return http.StatusNotFound
	}
	_, ok, err := s.cfg.Tokens.CheckToken(r.Context(), token)
	if err != nil {
		s.cfg.Logger.Error("check reader token", "path", SafePath(r.URL.Path), "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return http.StatusInternalServerError
	}
	if !ok {
		http.NotFound(w, r)
		return http.StatusNotFound
	}
	page, err := s.cfg.Site.Render(r.Context(), route, r.URL.Query(), site.Scope{Private: true, Prefix: "/private/" + token})
	if code := s.renderError(w, r, err); code != 0 {
		return code
	}
	h := w.Header()
	// Only the reader's own client may keep a copy; no shared cache, no
	// search engine, no Referer carrying the token onwards.
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("X-Robots-Tag", "noindex")
	h.Set("Referrer-Policy", "no-referrer")
	sum := sha256.Sum256(page.Body)
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	h.Set("ETag", etag)
	if strings.Contains(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	h.Set("Content-Type", page.ContentType)
	w.Write(page.Body)
	return http.StatusOK
}

// privatePath matches the token segment of a private route.
var privatePath = regexp.MustCompile(`^/private/[^/?#]*`)

// SafePath is a request path fit for logs and metric labels: a reader
// token in it is replaced, because a token in a log is a leaked token.
func SafePath(p string) string {
	return privatePath.ReplaceAllLiteralString(p, "/private/REDACTED")
}

// renderError answers a failed render and returns the status it sent, or
// 0 when err is nil.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, site.ErrNotFound):
		http.NotFound(w, r)
		return http.StatusNotFound
	case errors.Is(err, site.ErrBadQuery):
		http.Error(w, err.Error(), http.StatusBadRequest)
		return http.StatusBadRequest
	}
	s.cfg.Logger.Error("render", "path", SafePath(r.URL.Path), "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
	return http.StatusInternalServerError
}
