package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// MailJSON is review mail --json's output, a stable interface: fields may
// be added, none renamed or removed.
type MailJSON struct {
	Mail []KeptMailJSON `json:"mail"`
}

// KeptMailJSON is one kept message in MailJSON.
type KeptMailJSON struct {
	// ID is what review mail file and discard take.
	ID       int64  `json:"id"`
	Received string `json:"received"`
	Sender   string `json:"sender"`
	Subject  string `json:"subject"`
	// State is unmatched (from no partner) or unreadable.
	State   string `json:"state"`
	Reason  string `json:"reason"`
	Mailbox string `json:"mailbox"`
	Preview string `json:"preview"`
	// Cut is set when only the start of a large message was kept.
	Cut bool `json:"cut"`
}

// mail lists, files or discards the e-mail kept because it came from no
// partner or could not be read.
func (r *reviewCmd) mail(ctx context.Context, args []string) error {
	verb := "list"
	if len(args) > 0 && (args[0] == "list" || args[0] == "file" || args[0] == "discard") {
		verb, args = args[0], args[1:]
	}
	asJSON := r.fs.Bool("json", false, "print JSON (list)")
	partner := r.fs.String("partner", "", "the partner to file the message to (file)")
	rest, err := r.parse(args)
	if err != nil {
		return err
	}
	cfg, err := r.g.loadConfig()
	if err != nil {
		return err
	}
	st, err := r.g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	desk := newMailDesk(cfg, st)
	switch verb {
	case "file":
		if len(rest) != 1 || *partner == "" {
			return errors.New("review mail file: want ID --partner PARTNER (see review mail for the ids)")
		}
		if err := checkPartnerFlag(cfg, *partner); err != nil {
			return err
		}
		id, err := mailID(rest[0])
		if err != nil {
			return err
		}
		rc, err := desk.File(ctx, r.who, id, *partner)
		if err != nil {
			return err
		}
		printReceipt(r.stdout, rc)
		return nil
	case "discard":
		if len(rest) == 0 {
			return errors.New("review mail discard: want one or more ids (see review mail)")
		}
		for _, a := range rest {
			id, err := mailID(a)
			if err != nil {
				return err
			}
			if err := desk.Discard(ctx, r.who, id); err != nil {
				return err
			}
			fmt.Fprintf(r.stdout, "discarded mail %d: it will not be published\n", id)
		}
		return nil
	}
	kept, err := desk.Kept(ctx, 200)
	if err != nil {
		return err
	}
	if *asJSON {
		out := MailJSON{Mail: []KeptMailJSON{}}
		for _, k := range kept {
			out.Mail = append(out.Mail, KeptMailJSON{ID: k.ID, Received: k.Received.Format(time.RFC3339), Sender: k.Sender,
				Subject: k.Subject, State: k.State, Reason: k.Reason, Mailbox: k.Mailbox, Preview: k.Preview, Cut: k.Cut})
		}
		enc := json.NewEncoder(r.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if len(kept) == 0 {
		fmt.Fprintln(r.stdout, "no kept mail: every message came from a partner")
		return nil
	}
	tw := tabwriter.NewWriter(r.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tRECEIVED\tSTATE\tFROM\tSUBJECT\tSTART")
	for _, k := range kept {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Received.Format("2006-01-02 15:04"), k.State,
			shorten(k.Sender, 30), shorten(k.Subject, 30), shorten(k.Preview, 50))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(r.stdout, "file one to a partner: prayerfeed review mail file ID --partner PARTNER; or discard ID")
	return nil
}

// mailID reads a kept message's id.
func mailID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("mail id %q: want the number review mail lists", s)
	}
	return id, nil
}

// newMailDesk is the desk filing kept mail into st as ingest delivers it.
func newMailDesk(cfg *config.Config, st *store.Store) *inbox.Desk {
	return inbox.NewDesk(newDeliverer(cfg, st), st)
}
