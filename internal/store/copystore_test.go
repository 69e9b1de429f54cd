package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// storeContents is everything a reader, an admin or the fetcher sees of
// a store, to compare a copy with its original.
type storeContents struct {
	Items   []feed.Item
	Review  []ReviewItem
	Sources []SourceState
	Tokens  []Token
	Mail    []Mail
	Audit   []AuditEntry
	Updates []Update
	Gen     int64
}

func contentsOf(t *testing.T, s *Store) storeContents {
	t.Helper()
	ctx := context.Background()
	var c storeContents
	var err error
	errs := []error{}
	c.Items, err = s.Items(ctx, feed.Query{Limit: feed.MaxLimit})
	errs = append(errs, err)
	c.Review, err = s.ReviewItems(ctx, ReviewQuery{})
	errs = append(errs, err)
	c.Sources, err = s.SourceStates(ctx)
	errs = append(errs, err)
	c.Tokens, err = s.Tokens(ctx)
	errs = append(errs, err)
	c.Mail, err = s.MailMessages(ctx, MailQuery{WithRaw: true})
	errs = append(errs, err)
	c.Audit, err = s.Audit(ctx, 100)
	errs = append(errs, err)
	c.Updates, err = s.Updates(ctx, UpdateQuery{Limit: 1000})
	errs = append(errs, err)
	c.Gen, _, err = s.Generation(ctx)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCopyTo copies a SQLite store with items, a retired point, a
// correction, held points, fetch state, a token, mail and an audit into
// PostgreSQL, and that copy into a new SQLite file: each copy reads back
// as its original, the counts are reported, and a copy into a store that
// has data is refused.
func TestCopyTo(t *testing.T) {
	ctx := context.Background()
	orig, c, _ := openTest(t, sqliteBackend)
	save(t, orig, item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB))
	c.Advance(time.Hour)
	save(t, orig, item("ijm", "u1", 0, feed.KindPrayer, textA))
	mustDo(t, orig.PutSourceState(ctx, SourceState{PartnerID: "ijm", URL: "https://ijm.example/feed", ETag: `"e1"`,
		LastFetch: t0, LastSuccess: t0, LastStatus: 200, NextDue: t0.Add(6 * time.Hour)}))
	held := item("kelu", "k1", 0, feed.KindPrayer, "Pray for the translation team checking Luke this month")
	if _, err := orig.SaveFetch(ctx, []SourceBatch{{Items: []feed.Item{held}, Hold: true,
		State: SourceState{PartnerID: "kelu", URL: held.SourceURL, LastFetch: t0}}}); err != nil {
		t.Fatal(err)
	}
	first := all(t, orig, feed.Query{})[0]
	mustDo(t, orig.EditText(ctx, "cli", first.ID, "Pray for the team in Chennai and their families"))
	if _, err := orig.CreateToken(ctx, "smith family"); err != nil {
		t.Fatal(err)
	}
	mustDo(t, orig.PutMail(ctx, Mail{MessageID: "<m1@x>", Mailbox: "INBOX", Sender: "a@x", Subject: "News",
		State: "unknown", Reason: "from no partner", Raw: []byte("Subject: News\r\n\r\nhello\x00")}))
	want := contentsOf(t, orig)
	if len(want.Items) == 0 || len(want.Review) < 2 || len(want.Mail) != 1 || len(want.Audit) == 0 {
		t.Fatalf("setup: %d items, %d review, %d mail, %d audit", len(want.Items), len(want.Review), len(want.Mail), len(want.Audit))
	}

	pg, _, _ := openTest(t, postgresBackend)
	counts, err := orig.CopyTo(ctx, pg)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range counts {
		if c.From != c.To {
			t.Errorf("%s: %d copied, %d stored", c.Table, c.From, c.To)
		}
		if c.Table == "item_history" && c.To != 1 {
			t.Errorf("item_history: %d rows copied, want the retired point", c.To)
		}
	}
	check := func(name string, s *Store) {
		t.Helper()
		got := contentsOf(t, s)
		if got.Gen <= want.Gen {
			t.Errorf("%s: generation %d, want past the original's %d", name, got.Gen, want.Gen)
		}
		got.Gen = want.Gen
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s differs from the original:\n got %+v\nwant %+v", name, got, want)
		}
		if _, ok, err := s.CheckToken(ctx, "no such token"); ok || err != nil {
			t.Errorf("%s: CheckToken of an unknown token = %v, %v", name, ok, err)
		}
	}
	check("PostgreSQL copy", pg)

	back, _, _ := openTest(t, sqliteBackend)
	if _, err := pg.CopyTo(ctx, back); err != nil {
		t.Fatal(err)
	}
	want.Gen++
	check("SQLite copy of the PostgreSQL copy", back)

	if _, err := orig.CopyTo(ctx, pg); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("copy into a store with data: err = %v, want ErrNotEmpty", err)
	}
	// The copy goes on working: new audit and mail rows get new ids.
	mustDo(t, pg.Hide(ctx, "cli", first.ID))
	mustDo(t, pg.PutMail(ctx, Mail{MessageID: "<m2@x>", State: "unknown"}))
}
