package admin

import (
	"errors"
	"net/http"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// itemAction corrects one point: hide, restore, kind, edit or approve.
func (h *Handler) itemAction(w http.ResponseWriter, r *http.Request, c caller) {
	ctx, id := r.Context(), r.PathValue("id")
	var err error
	switch r.PathValue("action") {
	case "hide":
		err = h.cfg.Corrector.Hide(ctx, c.who, id)
	case "restore":
		err = h.cfg.Corrector.Restore(ctx, c.who, id)
	case "approve":
		err = h.cfg.Corrector.Approve(ctx, c.who, id)
	case "kind":
		k, kerr := feed.ParseKind(r.PostForm.Get("kind"))
		if kerr != nil {
			http.Error(w, "400: "+kerr.Error(), http.StatusBadRequest)
			return
		}
		err = h.cfg.Corrector.SetKind(ctx, c.who, id, k)
	case "edit":
		text := strings.TrimSpace(r.PostForm.Get("text"))
		if text == "" {
			http.Error(w, "400: the new text is empty; to take the point out, hide it", http.StatusBadRequest)
			return
		}
		err = h.cfg.Corrector.EditText(ctx, c.who, id, text)
	default:
		http.NotFound(w, r)
		return
	}
	h.done(w, r, err, "i-"+id)
}

// updateAction acts on one update: add a point, mark it as holding no
// points, or approve all its waiting points.
func (h *Handler) updateAction(w http.ResponseWriter, r *http.Request, c caller) {
	ctx, id := r.Context(), r.PathValue("id")
	var err error
	switch r.PathValue("action") {
	case "add":
		k, kerr := feed.ParseKind(r.PostForm.Get("kind"))
		text := strings.TrimSpace(r.PostForm.Get("text"))
		if kerr != nil || text == "" {
			http.Error(w, "400: to add a point, type or paste its text and pick prayer or praise", http.StatusBadRequest)
			return
		}
		_, err = h.cfg.Corrector.AddPoint(ctx, c.who, id, k, text)
	case "no-points":
		err = h.cfg.Corrector.MarkNoPoints(ctx, c.who, id)
	case "approve":
		_, err = h.cfg.Corrector.ApproveAll(ctx, c.who, store.ApproveWhere{UpdateID: id})
	default:
		http.NotFound(w, r)
		return
	}
	h.done(w, r, err, "u-"+id)
}

// approveAll approves every waiting point, or one partner's.
func (h *Handler) approveAll(w http.ResponseWriter, r *http.Request, c caller) {
	_, err := h.cfg.Corrector.ApproveAll(r.Context(), c.who, store.ApproveWhere{Partner: r.PostForm.Get("partner")})
	h.done(w, r, err, "")
}

// done answers a form: back to the page it came from, or the error.
func (h *Handler) done(w http.ResponseWriter, r *http.Request, err error, anchor string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		http.Error(w, "404: no such point or update (it may have been removed by its partner)", http.StatusNotFound)
	case errors.Is(err, store.ErrExists):
		http.Error(w, "409: that point is already there", http.StatusConflict)
	case err != nil:
		h.fail(w, "correct", err)
	default:
		http.Redirect(w, r, backTo(r, anchor), http.StatusSeeOther)
	}
}
