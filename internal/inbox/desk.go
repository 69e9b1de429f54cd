package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// DeskStore is the part of the store the mail desk uses; *store.Store is
// one.
type DeskStore interface {
	MailMessages(ctx context.Context, q store.MailQuery) ([]store.Mail, error)
	KeptMail(ctx context.Context, id int64) (store.Mail, error)
	DiscardMail(ctx context.Context, who string, id int64) error
}

// Desk is where an admin deals with the mail kept because it came from
// no partner (or could not be read): list it, file a message to a
// partner, or discard it. The command line and /admin share it.
type Desk struct {
	deliverer *Deliverer
	store     DeskStore
}

// NewDesk returns a Desk filing through d into st.
func NewDesk(d *Deliverer, st DeskStore) *Desk { return &Desk{deliverer: d, store: st} }

// Kept is one kept message as the admin sees it.
type Kept struct {
	store.Mail
	// Preview is the start of its text, for the admin to judge it by.
	Preview string
	// Cut is set when only the first part of a large message was kept,
	// so attachments past it are lost to a filing.
	Cut bool
}

// previewRunes is about how much of a kept message the admin sees.
const previewRunes = 300

// Kept lists the kept messages, newest first, at most limit.
func (k *Desk) Kept(ctx context.Context, limit int) ([]Kept, error) {
	msgs, err := k.store.MailMessages(ctx, store.MailQuery{States: []string{StateUnmatched, StateUnreadable}, Limit: limit, WithRaw: true})
	if err != nil {
		return nil, err
	}
	out := make([]Kept, len(msgs))
	for i, m := range msgs {
		out[i] = Kept{Mail: m, Preview: k.preview(m), Cut: len(m.Raw) >= k.deliverer.cfg.MaxKeptBytes}
		out[i].Raw = nil
	}
	return out, nil
}

// preview is the start of m's letter as text; "" when it cannot be read.
func (k *Desk) preview(m store.Mail) string {
	if m.State == StateUnreadable {
		return ""
	}
	msg, err := Read(bytes.NewReader(m.Raw), k.deliverer.cfg.Limits)
	if err != nil {
		return ""
	}
	letter := msg
	if msg.Forwarded != nil {
		letter = msg.Forwarded
	}
	text := CleanText(letter.Text)
	if strings.TrimSpace(text) == "" {
		text = htmlText(letter.HTML)
	}
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > previewRunes {
		text = string(r[:previewRunes]) + "…"
	}
	return text
}

// ErrNotKept is returned for a message that is not (or no longer) kept:
// filed or discarded already, or no such id.
var ErrNotKept = errors.New("no such kept message (see review mail)")

// File delivers kept message id to partner as if it came from there,
// through the same path as any mail: an admin filing it is the approval
// an unproven sender waits for. who names the admin for the audit.
func (k *Desk) File(ctx context.Context, who string, id int64, partner string) (Receipt, error) {
	m, err := k.store.KeptMail(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return Receipt{}, fmt.Errorf("file mail %d: %w", id, ErrNotKept)
	}
	if err != nil {
		return Receipt{}, err
	}
	r, err := k.deliverer.Deliver(ctx, m.Raw, Options{Mailbox: m.Mailbox, Partner: partner, Filed: &store.MailFiling{Kept: id, Who: who}})
	if IsUnreadable(err) {
		return r, fmt.Errorf("file mail %d: it still cannot be read (%w); discard it, or have it sent again", id, err)
	}
	if errors.Is(err, store.ErrNotFound) {
		return r, fmt.Errorf("file mail %d: %w", id, ErrNotKept)
	}
	if err == nil && len(m.Raw) >= k.deliverer.cfg.MaxKeptBytes {
		r.Notes = append(r.Notes, fmt.Sprintf("only the first %d bytes of the message were kept; attachments past them are lost", len(m.Raw)))
	}
	return r, err
}

// Discard drops kept message id, audited as who's decision.
func (k *Desk) Discard(ctx context.Context, who string, id int64) error {
	err := k.store.DiscardMail(ctx, who, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("discard mail %d: %w", id, ErrNotKept)
	}
	return err
}
