package main

import (
	"context"
	"fmt"
	"io"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/mailbox"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// checkMailMessages is how many of a mailbox's new messages check --live
// reads and shows.
const checkMailMessages = 10

// previewMailbox connects to an imap source as a poll would, and shows
// what its first new messages would become (partner, published or held,
// points), changing nothing on the server or in the database.
func previewMailbox(ctx context.Context, w io.Writer, cfg *config.Config, s config.Source) bool {
	dry := &dryMailStore{}
	d := inbox.NewDeliverer(inbox.Config{Config: cfg, Store: dry, Limits: inbox.Limits{MaxMessageBytes: maxIngestBytes}})
	peeked, err := mailbox.New(mailbox.Config{}).Peek(ctx, s, checkMailMessages)
	if err != nil {
		fmt.Fprintf(w, "  FAIL: %s\n", config.PublicText(err.Error()))
		return false
	}
	fmt.Fprintf(w, "  connected to %s, logged in, opened %s read-only: %d new message(s) a poll would read\n",
		peeked.Server, peeked.Mailbox, peeked.New)
	for _, raw := range peeked.Messages {
		dry.items = nil
		r, err := d.Deliver(ctx, raw, inbox.Options{Mailbox: s.URL})
		if err != nil && !inbox.IsUnreadable(err) {
			fmt.Fprintf(w, "  FAIL: %s\n", config.PublicText(err.Error()))
			return false
		}
		if r.State == inbox.StateUnreadable {
			fmt.Fprintf(w, "  message %s: %s (a poll leaves it unread and reports it)\n", r.MessageID, r.Reason)
			continue
		}
		fmt.Fprintf(w, "  message %q from %s: %s\n", r.Subject, r.Sender, mailOutcome(r))
		for _, it := range dry.items {
			fmt.Fprintf(w, "    %s: %s\n", it.Kind, shorten(it.Text, 100))
		}
		for _, n := range r.Notes {
			fmt.Fprintf(w, "    note: %s\n", n)
		}
	}
	for _, sk := range peeked.Skipped {
		fmt.Fprintf(w, "  skipped %s\n", sk)
	}
	if shown := len(peeked.Messages) + len(peeked.Skipped); shown < peeked.New {
		fmt.Fprintf(w, "  (the first %d shown; nothing was marked read)\n", shown)
	}
	return true
}

// mailOutcome says in words what delivering a message would do.
func mailOutcome(r inbox.Receipt) string {
	switch r.State {
	case inbox.StatePublished:
		return fmt.Sprintf("%s, published: %d point(s)", r.PartnerID, r.Points)
	case inbox.StateHeld:
		return fmt.Sprintf("%s, held for review (%s): %d point(s)", r.PartnerID, r.Reason, r.Points)
	}
	return r.State + ": " + r.Reason
}

// dryMailStore is the inbox's store for check --live: it keeps the last
// message's points to show, and writes nothing.
type dryMailStore struct{ items []feed.Item }

func (d *dryMailStore) SaveMail(_ context.Context, m store.MailDelivery) (store.SaveResult, error) {
	d.items = m.Items
	return store.SaveResult{New: len(m.Items)}, nil
}

func (d *dryMailStore) PutMail(context.Context, store.Mail) error { return nil }
