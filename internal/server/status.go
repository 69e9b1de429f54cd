package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// statusOff explains how to turn /status on.
const statusOff = "/status is off: set admin_token in partners.yaml or the PRAYERFEED_ADMIN_TOKEN " +
	"environment variable, then send it as \"Authorization: Bearer TOKEN\" or ?token=TOKEN\n"

// status serves the admin status page to a request that carries the admin
// token. The page lists source URLs, so without a configured token it is
// not served at all.
func (s *Server) status(w http.ResponseWriter, r *http.Request) int {
	h := w.Header()
	h["Cache-Control"] = noStore
	if s.cfg.AdminToken == "" {
		http.Error(w, statusOff, http.StatusNotFound)
		return http.StatusNotFound
	}
	if !tokenEqual(requestToken(r), s.cfg.AdminToken) {
		h.Set("WWW-Authenticate", `Bearer realm="prayerfeed status"`)
		http.Error(w, "401 unauthorized: send the admin token as \"Authorization: Bearer TOKEN\" or ?token=TOKEN",
			http.StatusUnauthorized)
		return http.StatusUnauthorized
	}
	page, err := s.cfg.Site.Status(r.Context(), s.cfg.Now())
	if err != nil {
		s.cfg.Logger.Error("render status", "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return http.StatusInternalServerError
	}
	// The URL may carry the token: keep it out of other sites' logs.
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h["Content-Type"] = []string{page.ContentType}
	w.Write(page.Body)
	return http.StatusOK
}

// requestToken is the bearer token of r's Authorization header, or its
// token query parameter.
func requestToken(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, tok, ok := strings.Cut(auth, " ")
		if ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok)
		}
		return ""
	}
	return r.URL.Query().Get("token")
}

// tokenEqual compares in constant time; hashing first hides the length too.
func tokenEqual(got, want string) bool {
	if got == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
