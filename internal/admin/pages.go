package admin

import (
	"bytes"
	"errors"
	"html/template"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// recentUpdates is how many updates the dashboard lists.
const recentUpdates = 25

type loginPage struct {
	Title, Error string
}

// page is what every signed-in page shows.
type page struct {
	Title, Who, CSRF string
	// Back is where a form returns to.
	Back     string
	Partners []partnerLink
	Partner  string
	// Pending are the updates with points waiting for review; Updates
	// the recent ones (without those already in Pending).
	Pending      []updateView
	PendingCount int
	Updates      []updateView
	// Update is set on one update's page.
	Update *updateView
	Audit  []store.AuditEntry
	Alerts []Alert
	// Kept is the e-mail from no partner, or unreadable, to file or discard.
	Kept []inbox.Kept
}

type partnerLink struct {
	ID, Name string
	Selected bool
}

// updateView is an update with its points and its letter, marked.
type updateView struct {
	store.Update
	Items   []itemView
	Letter  []block
	Pending int
}

type itemView struct {
	store.ReviewItem
	N int
}

// updateArgs is what the "update" template is given: the page (for the
// CSRF token and the way back) and the update.
type updateArgs struct {
	Page page
	U    updateView
	// Open shows the letter at once, on the update's own page.
	Open bool
}

var funcs = template.FuncMap{
	"dict":     func(p page, u updateView) updateArgs { return updateArgs{Page: p, U: u} },
	"dictOpen": func(p page, u *updateView) updateArgs { return updateArgs{Page: p, U: *u, Open: true} },
	"date": func(t time.Time) string {
		if t.IsZero() {
			return "no date"
		}
		return t.UTC().Format("2 Jan 2006")
	},
	"datetime": func(t time.Time) string { return t.UTC().Format("2 Jan 2006 15:04 UTC") },
	"other": func(k feed.Kind) feed.Kind {
		if k == feed.KindPraise {
			return feed.KindPrayer
		}
		return feed.KindPraise
	},
}

func (h *Handler) title() string {
	if h.cfg.Config != nil && h.cfg.Config.Title != "" {
		return h.cfg.Config.Title
	}
	return "prayerfeed"
}

// dashboard is /admin: the login form, or every partner's recent updates
// with their points, pending ones first, and the audit.
func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	c, ok := h.caller(r)
	if !ok {
		h.render(w, "login.html", loginPage{Title: h.title()})
		return
	}
	ctx := r.Context()
	partner := r.URL.Query().Get("partner")
	p := h.newPage(c, r, partner)
	pendingItems, err := h.cfg.Reviewer.ReviewItems(ctx, store.ReviewQuery{Partner: partner, Pending: true})
	if err != nil {
		h.fail(w, "list pending points", err)
		return
	}
	p.PendingCount = len(pendingItems)
	var pendingIDs []string
	seen := map[string]bool{}
	for _, it := range pendingItems {
		if !seen[it.UpdateID] {
			seen[it.UpdateID] = true
			pendingIDs = append(pendingIDs, it.UpdateID)
		}
	}
	var pendingUpdates []store.Update
	for _, id := range pendingIDs {
		u, err := h.cfg.Reviewer.UpdateByID(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			h.fail(w, "read update", err)
			return
		}
		pendingUpdates = append(pendingUpdates, u)
	}
	recent, err := h.cfg.Reviewer.Updates(ctx, store.UpdateQuery{Partner: partner, Limit: recentUpdates})
	if err != nil {
		h.fail(w, "list updates", err)
		return
	}
	var others []store.Update
	for _, u := range recent {
		if !seen[u.ID] {
			others = append(others, u)
		}
	}
	if p.Pending, err = h.views(r, pendingUpdates); err != nil {
		h.fail(w, "list points", err)
		return
	}
	if p.Updates, err = h.views(r, others); err != nil {
		h.fail(w, "list points", err)
		return
	}
	if p.Audit, err = h.cfg.Reviewer.Audit(ctx, 30); err != nil {
		h.fail(w, "read audit", err)
		return
	}
	if h.cfg.Mail != nil && partner == "" {
		if p.Kept, err = h.cfg.Mail.Kept(ctx, keptOnDashboard); err != nil {
			h.fail(w, "list kept mail", err)
			return
		}
	}
	if h.cfg.Alerter != nil {
		if p.Alerts, err = h.cfg.Alerter.Alerts(ctx, h.cfg.Now()); err != nil {
			h.fail(w, "list alerts", err)
			return
		}
	}
	h.render(w, "dashboard.html", p)
}

// updatePage is one update: its letter with the points marked, beside them.
func (h *Handler) updatePage(w http.ResponseWriter, r *http.Request) {
	c, ok := h.caller(r)
	if !ok {
		http.Redirect(w, r, "/admin", http.StatusSeeOther)
		return
	}
	u, err := h.cfg.Reviewer.UpdateByID(r.Context(), r.PathValue("id"))
	if errors.Is(err, store.ErrNotFound) {
		http.Error(w, "404: no such update (it may have been removed by its partner)", http.StatusNotFound)
		return
	}
	if err != nil {
		h.fail(w, "read update", err)
		return
	}
	views, err := h.views(r, []store.Update{u})
	if err != nil {
		h.fail(w, "list points", err)
		return
	}
	p := h.newPage(c, r, u.PartnerID)
	p.Update = &views[0]
	h.render(w, "update.html", p)
}

func (h *Handler) newPage(c caller, r *http.Request, partner string) page {
	p := page{Title: h.title(), Who: c.who, CSRF: c.csrf, Back: r.URL.RequestURI(), Partner: partner}
	if h.cfg.Config != nil {
		for _, cp := range h.cfg.Config.Partners {
			p.Partners = append(p.Partners, partnerLink{ID: cp.ID, Name: cp.Name, Selected: cp.ID == partner})
		}
	}
	return p
}

// views reads the points of updates and marks them in their letters.
func (h *Handler) views(r *http.Request, updates []store.Update) ([]updateView, error) {
	if len(updates) == 0 {
		return nil, nil
	}
	ids := make([]string, len(updates))
	for i, u := range updates {
		ids[i] = u.ID
	}
	items, err := h.cfg.Reviewer.ReviewItems(r.Context(), store.ReviewQuery{UpdateIDs: ids, Limit: 5000})
	if err != nil {
		return nil, err
	}
	byUpdate := map[string][]store.ReviewItem{}
	for _, it := range items {
		byUpdate[it.UpdateID] = append(byUpdate[it.UpdateID], it)
	}
	out := make([]updateView, len(updates))
	for i, u := range updates {
		its := byUpdate[u.ID]
		sort.SliceStable(its, func(a, b int) bool { return its[a].Position < its[b].Position })
		v := updateView{Update: u}
		var marks []letterPoint
		for n, it := range its {
			v.Items = append(v.Items, itemView{ReviewItem: it, N: n + 1})
			marks = append(marks, letterPoint{text: it.ExtractedText, kind: string(it.ExtractedKind)})
			if it.State == store.StatePending {
				v.Pending++
			}
		}
		v.Letter = markLetter(u.Content, u.Format, marks)
		out[i] = v
	}
	return out, nil
}

// render writes a template, buffered so an error is a clean 500.
func (h *Handler) render(w http.ResponseWriter, name string, data any) {
	var buf bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&buf, name, data); err != nil {
		h.fail(w, "render "+name, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(buf.Bytes())
}

func (h *Handler) fail(w http.ResponseWriter, what string, err error) {
	h.cfg.Logger.Error("admin: "+what, "err", err)
	http.Error(w, "internal error: "+what, http.StatusInternalServerError)
}

// backTo is where a form returns: its back field when that is an admin
// page of this site, else /admin.
func backTo(r *http.Request, anchor string) string {
	back := r.PostForm.Get("back")
	if !strings.HasPrefix(back, "/admin") || strings.ContainsAny(back, "\\\r\n") {
		back = "/admin"
	}
	if i := strings.IndexByte(back, '#'); i >= 0 {
		back = back[:i]
	}
	if anchor != "" {
		back += "#" + anchor
	}
	return back
}
