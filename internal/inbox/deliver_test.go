package inbox_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/pdftext/pdftexttest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

func newDeliverer(t *testing.T) (*inbox.Deliverer, *store.Store) {
	t.Helper()
	cfg, err := config.Parse("partners.yaml", []byte(inboxtest.Config))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(t.TempDir(), "prayerfeed.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	return inbox.NewDeliverer(inbox.Config{Config: cfg, Store: st, Now: func() time.Time { return now }}), st
}

// published are the texts of a partner's published points, in feed order.
func published(t *testing.T, st *store.Store, partner string) []string {
	t.Helper()
	items, err := st.Items(context.Background(), feed.Query{Partners: []string{partner}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	slices.Sort(out)
	return out
}

func pending(t *testing.T, st *store.Store, partner string) []string {
	t.Helper()
	items, err := st.ReviewItems(context.Background(), store.ReviewQuery{Partner: partner, Pending: true})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.Text)
	}
	slices.Sort(out)
	return out
}

func sorted(s ...[]string) []string {
	out := slices.Concat(s...)
	slices.Sort(out)
	return out
}

func TestDeliver(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	letter := pdftexttest.Print(t, pdftexttest.Letter(14), true)
	d, st := newDeliverer(t)
	ctx := context.Background()

	t.Run("HTML letter with a PDF, DKIM passing: published, body and PDF", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.HTMLWithPDF(letter), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != inbox.StatePublished || r.PartnerID != "okafor" {
			t.Fatalf("receipt %+v", r)
		}
		items, err := st.Items(ctx, feed.Query{Partners: []string{"okafor"}, Limit: 100})
		if err != nil || len(items) == 0 || items[0].UpdateLink != "https://mailchi.mp/okafor/spring" {
			t.Errorf("points link to %q, want the letter's web copy without the recipient's e=", items[0].UpdateLink)
		}
		want := sorted(inboxtest.HTMLPoints, pdftexttest.LetterPoints)
		if got := published(t, st, "okafor"); !slices.Equal(got, want) {
			t.Errorf("published:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("forwarded by the office from a partner's address: that partner's, quoted reply and signature gone", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.Forwarded(), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != inbox.StatePublished || r.PartnerID != "kelu" {
			t.Fatalf("receipt %+v", r)
		}
		if got, want := published(t, st, "kelu"), sorted(inboxtest.ForwardedPoints); !slices.Equal(got, want) {
			t.Errorf("published:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("unknown sender: kept for the admin, nothing stored as a point", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.Stranger(), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != inbox.StateUnmatched || !strings.Contains(r.Reason, "someone@elsewhere.example") {
			t.Fatalf("receipt %+v", r)
		}
		kept, err := st.MailMessages(ctx, store.MailQuery{States: []string{inbox.StateUnmatched}, WithRaw: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(kept) != 1 || !strings.Contains(string(kept[0].Raw), "visa interview") {
			t.Fatalf("kept %+v", kept)
		}
	})
	t.Run("forged sender: held with the reason, a header the sender added ignored", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.Forged(), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != inbox.StateHeld || !strings.Contains(r.Reason, "dkim=fail") {
			t.Fatalf("receipt %+v", r)
		}
		if got := published(t, st, "okafor"); slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "gift card") }) {
			t.Errorf("forged point published: %q", got)
		}
		if got := pending(t, st, "okafor"); len(got) != 1 || !strings.Contains(got[0], "gift card") {
			t.Errorf("pending %q, want the forged point", got)
		}
		held, _ := st.MailMessages(ctx, store.MailQuery{States: []string{inbox.StateHeld}})
		if len(held) != 1 || held[0].Reason != r.Reason {
			t.Errorf("held mail %+v", held)
		}
	})
	t.Run("the same message again adds nothing", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.HTMLWithPDF(letter), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.New != 0 || r.Points != len(inboxtest.HTMLPoints)+len(pdftexttest.LetterPoints) {
			t.Errorf("again: %+v", r)
		}
	})
	t.Run("--partner with a sender not among its addresses: held", func(t *testing.T) {
		r, err := d.Deliver(ctx, inboxtest.Stranger(), inbox.Options{Partner: "kelu"})
		if err != nil {
			t.Fatal(err)
		}
		if r.State != inbox.StateHeld || r.PartnerID != "kelu" {
			t.Fatalf("receipt %+v", r)
		}
	})
}

func TestHostileMail(t *testing.T) {
	d, st := newDeliverer(t)
	ctx := context.Background()
	t.Run("MIME bomb of 10000 nested parts: unreadable, recorded, quick", func(t *testing.T) {
		start := time.Now()
		r, err := d.Deliver(ctx, inboxtest.Nested(10000), inbox.Options{})
		if !errors.Is(err, inbox.ErrUnreadable) || r.State != inbox.StateUnreadable {
			t.Fatalf("err %v, receipt %+v", err, r)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("took %s", took)
		}
		kept, _ := st.MailMessages(ctx, store.MailQuery{States: []string{inbox.StateUnreadable}})
		if len(kept) != 1 {
			t.Errorf("kept %d unreadable messages, want 1", len(kept))
		}
	})
	t.Run("50 MB attachment: skipped, the letter still read", func(t *testing.T) {
		big := make([]byte, 50<<20+1)
		copy(big, "%PDF-1.4\n")
		msg := strings.Replace(string(inboxtest.HTMLWithPDF(big)), "<spring-2026@okafor.example>", "<big@okafor.example>", 1)
		r, err := d.Deliver(ctx, []byte(msg), inbox.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Points != len(inboxtest.HTMLPoints) || len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "spring.pdf: larger than") {
			t.Errorf("receipt %+v", r)
		}
	})
}
