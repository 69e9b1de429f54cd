// Package admin is the review and correction area behind the admin token:
// a login that sets a session cookie, server-rendered pages (no
// JavaScript) listing every partner's updates beside the points extracted
// from them, forms that hide, re-kind, edit, add and approve points, the
// audit of every action, and the health alerts as an Atom feed.
package admin

import (
	"context"
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/alerts"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Sessions keeps logged-in admins; *store.Store is one.
type Sessions interface {
	CreateSession(ctx context.Context, ttl time.Duration) (store.Session, error)
	Session(ctx context.Context, id string) (store.Session, error)
	EndSession(ctx context.Context, id string) error
}

// Reviewer reads what the admin reviews; *store.Store is one.
type Reviewer interface {
	ReviewItems(ctx context.Context, q store.ReviewQuery) ([]store.ReviewItem, error)
	Updates(ctx context.Context, q store.UpdateQuery) ([]store.Update, error)
	UpdateByID(ctx context.Context, id string) (store.Update, error)
	Audit(ctx context.Context, limit int) ([]store.AuditEntry, error)
}

// Corrector applies an admin's corrections; *store.Store is one.
type Corrector interface {
	Hide(ctx context.Context, who string, ids ...string) error
	Restore(ctx context.Context, who string, ids ...string) error
	SetKind(ctx context.Context, who, id string, kind feed.Kind) error
	EditText(ctx context.Context, who, id, text string) error
	Approve(ctx context.Context, who string, ids ...string) error
	ApproveAll(ctx context.Context, who string, w store.ApproveWhere) (int, error)
	AddPoint(ctx context.Context, who, updateID string, kind feed.Kind, text string) (string, error)
	MarkNoPoints(ctx context.Context, who, updateID string) error
}

// Alert is one health alert.
type Alert = alerts.Alert

// Alerter lists the current health alerts.
type Alerter interface {
	Alerts(ctx context.Context, now time.Time) ([]Alert, error)
}

// Config wires a Handler.
type Config struct {
	Config     *config.Config
	AdminToken string
	Sessions   Sessions
	Reviewer   Reviewer
	Corrector  Corrector
	Alerter    Alerter
	// Mail, when set, lists the kept e-mail on the dashboard to file or
	// discard.
	Mail       MailDesk
	SessionTTL time.Duration // default 12 hours
	Logger     *slog.Logger
	Now        func() time.Time
}

// Handler serves /admin and everything under it.
type Handler struct {
	cfg  Config
	mux  *http.ServeMux
	tmpl *template.Template
}

//go:embed templates/*.html
var templates embed.FS

// New returns a Handler with cfg's defaults filled.
func New(cfg Config) *Handler {
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 12 * time.Hour
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux()}
	h.tmpl = template.Must(template.New("").Funcs(funcs).ParseFS(templates, "templates/*.html"))
	h.mux.HandleFunc("GET /admin", h.dashboard)
	h.mux.HandleFunc("GET /admin/{$}", h.dashboard)
	h.mux.HandleFunc("POST /admin/login", h.login)
	h.mux.HandleFunc("POST /admin/logout", h.post(h.logout))
	h.mux.HandleFunc("GET /admin/updates/{id}", h.updatePage)
	h.mux.HandleFunc("POST /admin/items/{id}/{action}", h.post(h.itemAction))
	h.mux.HandleFunc("POST /admin/updates/{id}/{action}", h.post(h.updateAction))
	h.mux.HandleFunc("POST /admin/approve-all", h.post(h.approveAll))
	h.mux.HandleFunc("POST /admin/mail/{id}/{action}", h.post(h.mailAction))
	h.mux.HandleFunc("GET /admin/alerts.atom", h.alertsFeed)
	return h
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Frame-Options", "DENY")
	hd.Set("Referrer-Policy", "no-referrer")
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	if h.cfg.AdminToken == "" {
		http.Error(w, "the admin area is off: set admin_token in partners.yaml or the PRAYERFEED_ADMIN_TOKEN environment variable", http.StatusNotFound)
		return
	}
	h.mux.ServeHTTP(w, r)
}
