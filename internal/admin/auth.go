package admin

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// cookieName is the admin session cookie; its Path keeps it off the
// public routes.
const cookieName = "prayerfeed_admin"

// maxForm bounds a form body: an edited point is a few hundred bytes.
const maxForm = 64 << 10

// caller is who made a request: the audit's name for them, and the CSRF
// token their forms must carry ("" for a Bearer caller: a browser never
// attaches an Authorization header on its own, so a cross-site form cannot
// forge one).
type caller struct {
	who, csrf string
	session   bool
}

// caller identifies r's admin, from a Bearer header or the session cookie.
func (h *Handler) caller(r *http.Request) (caller, bool) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		scheme, tok, ok := strings.Cut(auth, " ")
		if ok && strings.EqualFold(scheme, "Bearer") && tokenEqual(strings.TrimSpace(tok), h.cfg.AdminToken) {
			return caller{who: "admin token"}, true
		}
		return caller{}, false
	}
	c, err := r.Cookie(cookieName)
	if err != nil {
		return caller{}, false
	}
	sess, err := h.cfg.Sessions.Session(r.Context(), c.Value)
	if err != nil {
		if !errors.Is(err, store.ErrNotFound) {
			h.cfg.Logger.Error("read admin session", "err", err)
		}
		return caller{}, false
	}
	return caller{who: sess.Who, csrf: sess.CSRF, session: true}, true
}

// tokenEqual compares in constant time; hashing first hides the length too.
func tokenEqual(got, want string) bool {
	if got == "" || want == "" {
		return false
	}
	a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(a[:], b[:]) == 1
}

// secure reports whether the browser reached us over HTTPS, directly or
// through a proxy that says so.
func secure(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	proto, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Proto"), ",")
	return strings.EqualFold(strings.TrimSpace(proto), "https")
}

// login checks the admin token from the login form and starts a session.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if !tokenEqual(r.PostForm.Get("token"), h.cfg.AdminToken) {
		w.WriteHeader(http.StatusUnauthorized)
		h.render(w, "login.html", loginPage{Title: h.title(), Error: "That is not the admin token. Try again."})
		return
	}
	sess, err := h.cfg.Sessions.CreateSession(r.Context(), h.cfg.SessionTTL)
	if err != nil {
		h.fail(w, "start session", err)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: cookieName, Value: sess.ID, Path: "/admin", Expires: sess.Expires,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteStrictMode,
	})
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// logout ends the session and clears its cookie.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request, c caller) {
	if c.session {
		if ck, err := r.Cookie(cookieName); err == nil {
			if err := h.cfg.Sessions.EndSession(r.Context(), ck.Value); err != nil {
				h.fail(w, "end session", err)
				return
			}
		}
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/admin", MaxAge: -1,
		HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/admin", http.StatusSeeOther)
}

// post wraps a form handler: the caller must be an admin (401 otherwise),
// and a session's form must carry its CSRF token (403 otherwise).
func (h *Handler) post(fn func(http.ResponseWriter, *http.Request, caller)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c, ok := h.caller(r)
		if !ok {
			unauthorized(w)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxForm)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if c.session && !tokenEqual(r.PostForm.Get("csrf"), c.csrf) {
			http.Error(w, "403 forbidden: the form's security token is missing or stale; reload the page and try again",
				http.StatusForbidden)
			return
		}
		fn(w, r, c)
	}
}

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="prayerfeed admin"`)
	http.Error(w, "401 unauthorized: log in at /admin, or send the admin token as \"Authorization: Bearer TOKEN\"",
		http.StatusUnauthorized)
}
