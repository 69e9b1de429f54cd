package mailbox_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/mailbox"
	"github.com/prayerfeed/prayerfeed/internal/mailbox/dovecottest"
	"github.com/prayerfeed/prayerfeed/internal/pdftext/pdftexttest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

func TestPollDovecot(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	letter := pdftexttest.Print(t, pdftexttest.Letter(14), true)
	srv := dovecottest.Start(t)
	srv.Append(t, inboxtest.HTMLWithPDF(letter), inboxtest.Forwarded(), inboxtest.Stranger(), inboxtest.Nested(10000))

	cfg, err := config.Parse("partners.yaml", []byte(inboxtest.Config))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(t.TempDir(), "prayerfeed.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := mailbox.New(mailbox.Config{
		Deliverer: inbox.NewDeliverer(inbox.Config{Config: cfg, Store: st}),
		Getenv:    func(k string) string { return map[string]string{"IMAP_PASSWORD": dovecottest.Password}[k] },
	})
	src := config.Source{Type: config.TypeIMAP, URL: srv.URL(), PasswordEnv: "IMAP_PASSWORD"}

	peeked, err := p.Peek(context.Background(), src, 2)
	if err != nil || peeked.New != 4 || len(peeked.Messages) != 2 || peeked.Mailbox != "INBOX" {
		t.Fatalf("peek: %d new, %d read, mailbox %q, err %v; want 4 new, the first 2 read, INBOX", peeked.New, len(peeked.Messages), peeked.Mailbox, err)
	}
	if !bytes.Contains(peeked.Messages[0], []byte("Spring news from Jos")) {
		t.Errorf("peek's first message is not the first appended:\n%.300s", peeked.Messages[0])
	}
	for _, f := range srv.Flags(t) {
		if slices.Contains(f, `\Seen`) || slices.ContainsFunc(f, func(s string) bool { return strings.EqualFold(s, mailbox.UnreadableFlag) }) {
			t.Fatalf("after a peek the flags are %v, want none marked", srv.Flags(t))
		}
	}

	res, err := p.Poll(context.Background(), src)
	if !errors.Is(err, mailbox.ErrUnreadableMail) || !strings.Contains(err.Error(), "nested") {
		t.Errorf("first poll: err = %v, want the unreadable message reported", err)
	}
	states := map[string]string{}
	for _, r := range res.Receipts {
		states[r.MessageID] = r.State + " " + r.PartnerID
	}
	want := map[string]string{
		"spring-2026@okafor.example":         "published okafor",
		"fwd-kelu-march@gracechurch.example": "published kelu",
		"stranger@elsewhere.example":         "unmatched ",
	}
	for id, w := range want {
		if states[id] != w {
			t.Errorf("message %s: %q, want %q", id, states[id], w)
		}
	}
	if res.Read != 4 || len(res.Unreadable) != 1 {
		t.Errorf("read %d, unreadable %d; want 4 and 1", res.Read, len(res.Unreadable))
	}

	flags := srv.Flags(t)
	var seen, unreadable int
	for _, f := range flags {
		if slices.Contains(f, `\Seen`) {
			seen++
		} else if slices.ContainsFunc(f, func(s string) bool { return strings.EqualFold(s, mailbox.UnreadableFlag) }) {
			unreadable++
		}
	}
	if seen != 3 || unreadable != 1 {
		t.Errorf("flags %v: want 3 seen, and the unreadable one left unread with %s", flags, mailbox.UnreadableFlag)
	}

	again, err := p.Poll(context.Background(), src)
	if err != nil || again.Read != 0 {
		t.Errorf("second poll: read %d, err %v; want nothing read again", again.Read, err)
	}

	t.Run("a wrong password is the source's error", func(t *testing.T) {
		p := mailbox.New(mailbox.Config{Deliverer: inbox.NewDeliverer(inbox.Config{Config: cfg, Store: st}),
			Getenv: func(string) string { return "wrong" }})
		_, err := p.Poll(context.Background(), src)
		if err == nil || !strings.Contains(err.Error(), "log in to") {
			t.Errorf("err = %v", err)
		}
		if _, err := p.Peek(context.Background(), src, 10); err == nil || !strings.Contains(err.Error(), "log in to") {
			t.Errorf("peek: err = %v", err)
		}
	})
}
