package admin

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/prayerfeed/prayerfeed/internal/inbox"
)

// MailDesk lists the e-mail kept because it came from no partner (or
// could not be read), and files or discards it; *inbox.Desk is one.
type MailDesk interface {
	Kept(ctx context.Context, limit int) ([]inbox.Kept, error)
	File(ctx context.Context, who string, id int64, partner string) (inbox.Receipt, error)
	Discard(ctx context.Context, who string, id int64) error
}

// keptOnDashboard is how many kept messages the dashboard lists.
const keptOnDashboard = 50

// mailAction files a kept message to the partner the form names, through
// the same path as any mail (the admin's filing approves it), or
// discards it.
func (h *Handler) mailAction(w http.ResponseWriter, r *http.Request, c caller) {
	if h.cfg.Mail == nil {
		http.NotFound(w, r)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	ctx := r.Context()
	switch r.PathValue("action") {
	case "file":
		partner := r.PostForm.Get("partner")
		if _, ok := h.cfg.Config.Partner(partner); !ok {
			http.Error(w, "400: pick the partner the message is from", http.StatusBadRequest)
			return
		}
		_, err = h.cfg.Mail.File(ctx, c.who, id, partner)
	case "discard":
		err = h.cfg.Mail.Discard(ctx, c.who, id)
	default:
		http.NotFound(w, r)
		return
	}
	switch {
	case errors.Is(err, inbox.ErrNotKept):
		http.Error(w, "404: that message is no longer kept: it was filed or discarded already", http.StatusNotFound)
	case inbox.IsUnreadable(err):
		http.Error(w, "422: "+err.Error(), http.StatusUnprocessableEntity)
	case err != nil:
		h.fail(w, "file mail", err)
	default:
		http.Redirect(w, r, backTo(r, "kept-mail"), http.StatusSeeOther)
	}
}
