package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/mailbox"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// maxIngestBytes caps a piped message: the 50 MB attachment the inbox
// allows, base64-encoded, with room for the rest.
const maxIngestBytes = 100 << 20

// runIngest reads one e-mail message on stdin, from a mail server's pipe
// or .forward, and stores its points. A message recorded as held,
// unmatched or unreadable is still a success, so the mail server neither
// bounces nor retries it; the admin sees it on /status.
func runIngest(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("ingest", "[--partner ID] < message.eml", stderr)
	partner := fs.String("partner", "", "the partner the message is for (its sender must still be one of the partner's addresses to publish without review)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	if err := checkPartnerFlag(cfg, *partner); err != nil {
		return err
	}
	raw, err := io.ReadAll(io.LimitReader(os.Stdin, maxIngestBytes+1))
	if err != nil {
		return fmt.Errorf("ingest: read stdin: %w", err)
	}
	if len(raw) > maxIngestBytes {
		return fmt.Errorf("ingest: the message is larger than %d bytes", maxIngestBytes)
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	d := newDeliverer(cfg, st)
	r, err := d.Deliver(ctx, raw, inbox.Options{Mailbox: "ingest", Partner: *partner})
	printReceipt(stdout, r)
	if err != nil && !inbox.IsUnreadable(err) {
		return err
	}
	return nil
}

// printReceipt says in a line what became of a message, then any notes.
func printReceipt(w io.Writer, r inbox.Receipt) {
	switch r.State {
	case inbox.StatePublished:
		fmt.Fprintf(w, "published %s from %s: %d point(s) (%d new%s) for %s\n", r.MessageID, r.Sender, r.Points, r.New, copiesNote(r.Copies), r.PartnerID)
	case inbox.StateHeld:
		fmt.Fprintf(w, "held %s from %s: %d point(s) for %s wait for review: %s\n", r.MessageID, r.Sender, r.Points, r.PartnerID, r.Reason)
	default:
		fmt.Fprintf(w, "%s %s: %s\n", r.State, r.MessageID, r.Reason)
		fmt.Fprintln(w, "  kept, not published: prayerfeed review mail lists it to file to a partner or discard (also on /admin)")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
}

// newMailPoller is the poller of the imap sources, delivering to st.
func newMailPoller(cfg *config.Config, st *store.Store) *mailbox.Poller {
	return mailbox.New(mailbox.Config{Deliverer: newDeliverer(cfg, st)})
}

// newDeliverer delivers mail into st: piped, polled or filed by an admin.
func newDeliverer(cfg *config.Config, st *store.Store) *inbox.Deliverer {
	return inbox.NewDeliverer(inbox.Config{Config: cfg, Store: st, Limits: inbox.Limits{MaxMessageBytes: maxIngestBytes}})
}
