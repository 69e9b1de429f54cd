package store

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

func texts(items []feed.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = string(it.Kind) + ": " + it.Text
	}
	return out
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// published is every published item, checked on both query paths (one
// partner, and several partners as a tag).
func published(t *testing.T, s *Store) []string {
	t.Helper()
	got := texts(all(t, s, feed.Query{}))
	tag := texts(all(t, s, feed.Query{Partners: []string{"ijm", "other"}}))
	if !slices.Equal(got, tag) {
		t.Fatalf("tag query = %q, plain query = %q", tag, got)
	}
	return got
}

const textC = "Pray for the lawyers preparing the appeal hearing in the high court next month"

func TestCorrectionsSurviveRefetch(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		a, b, cc := item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB),
			item("ijm", "u1", 2, feed.KindPrayer, textC)
		save(t, s, a, b, cc)
		before := all(t, s, feed.Query{})
		id := func(text string) string {
			for _, it := range before {
				if it.Text == text {
					return it.ID
				}
			}
			t.Fatalf("no item %q", text)
			return ""
		}
		gen0, _, _ := s.Generation(ctx)
		mustDo(t, s.Hide(ctx, "test", id(textA)))
		mustDo(t, s.SetKind(ctx, "test", id(textB), feed.KindPrayer))
		mustDo(t, s.EditText(ctx, "test", id(textC), "Pray for the lawyers preparing the appeal"))
		if gen1, _, _ := s.Generation(ctx); gen1 != gen0+3 {
			t.Errorf("generation after 3 corrections = %d, want %d", gen1, gen0+3)
		}
		want := []string{"prayer: " + textB, "prayer: Pray for the lawyers preparing the appeal"}
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after corrections = %q, want %q", got, want)
		}
		if got := texts(all(t, s, feed.Query{Kinds: []feed.Kind{feed.KindPraise}})); len(got) != 0 {
			t.Errorf("praise after kind change = %q, want none", got)
		}

		// Re-fetch with a word changed in each point: same ids, same corrections.
		c.Advance(time.Hour)
		a.Text = strings.Replace(a.Text, "this week", "this month", 1)
		b.Text += " today"
		cc.Text = strings.Replace(cc.Text, "next month", "next week", 1)
		res := save(t, s, a, b, cc)
		if res.New != 0 || res.Retired != 0 {
			t.Fatalf("re-fetch = %+v, want no new or retired items", res)
		}
		// The kind-changed point takes the partner's new wording, still a prayer.
		want[0] = "prayer: " + b.Text
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after re-fetch = %q, want %q", got, want)
		}

		// Restore brings back the extractor's (fresh) version.
		mustDo(t, s.Restore(ctx, "test", id(textA), id(textB), id(textC)))
		want = []string{"prayer: " + a.Text, "praise: " + b.Text, "prayer: " + cc.Text}
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after restore = %q, want %q", got, want)
		}
	})
}

func TestHiddenItemRetiredAndFoundAgainStaysHidden(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		a, b := item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB)
		save(t, s, a, b)
		items := all(t, s, feed.Query{})
		mustDo(t, s.Hide(ctx, "test", items[0].ID))
		c.Advance(time.Hour)
		save(t, s, b) // the partner took the point out...
		c.Advance(time.Hour)
		save(t, s, a, b) // ...and put it back
		if got, want := published(t, s), []string{"praise: " + textB}; !slices.Equal(got, want) {
			t.Fatalf("published = %q, want %q", got, want)
		}
	})
}

func TestHoldForReview(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		saveHeld := func(items ...feed.Item) {
			t.Helper()
			out, err := s.SaveFetch(ctx, []SourceBatch{{Items: items, Hold: true,
				State: SourceState{PartnerID: "ijm", URL: items[0].SourceURL}}})
			mustDo(t, err)
			mustDo(t, out[0].Err)
		}
		a, b, cc := item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB),
			item("ijm", "u2", 0, feed.KindPrayer, textC)
		saveHeld(a, b, cc)
		if got := published(t, s); len(got) != 0 {
			t.Fatalf("held partner published %q before approval", got)
		}
		pending, err := s.ReviewItems(ctx, ReviewQuery{Pending: true})
		mustDo(t, err)
		if len(pending) != 3 || pending[0].State != StatePending {
			t.Fatalf("pending = %+v, want 3 pending items", pending)
		}
		mustDo(t, s.Approve(ctx, "test", pending[0].ID))
		if got := published(t, s); len(got) != 1 {
			t.Fatalf("after approving one: %q", got)
		}
		n, err := s.ApproveAll(ctx, "test", ApproveWhere{UpdateID: UpdateID("ijm", "u1")})
		mustDo(t, err)
		if got := published(t, s); n != 1 || len(got) != 2 {
			t.Fatalf("after approving update u1 (%d): %q", n, got)
		}
		// A light edit keeps an approved item published; a new point waits.
		c.Advance(time.Hour)
		a.Text += " again"
		d := item("ijm", "u1", 2, feed.KindPrayer, "Pray for the new staff joining the Chennai office")
		saveHeld(a, b, cc, d)
		if got := published(t, s); len(got) != 2 {
			t.Fatalf("after re-fetch: %q, want the 2 approved", got)
		}
		n, err = s.ApproveAll(ctx, "test", ApproveWhere{Partner: "ijm"})
		mustDo(t, err)
		if got := published(t, s); n != 2 || len(got) != 4 {
			t.Fatalf("after approving the partner (%d): %q", n, got)
		}
	})
}

func TestAddPointAndNoPoints(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		a := item("ijm", "u1", 0, feed.KindPrayer, textA)
		save(t, s, a)
		u := UpdateID("ijm", "u1")
		id, err := s.AddPoint(ctx, "test", u, feed.KindPraise, "  Praise God for   a safe journey home ")
		mustDo(t, err)
		if _, err := s.AddPoint(ctx, "test", u, feed.KindPraise, "Praise God for a safe journey home"); !errors.Is(err, ErrExists) {
			t.Errorf("adding the same point twice: err = %v, want ErrExists", err)
		}
		if _, err := s.AddPoint(ctx, "test", "nosuchupdate", feed.KindPraise, "x y"); !errors.Is(err, ErrNotFound) {
			t.Errorf("adding to an unknown update: err = %v, want ErrNotFound", err)
		}
		want := []string{"prayer: " + textA, "praise: Praise God for a safe journey home"}
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after add = %q, want %q", got, want)
		}
		c.Advance(time.Hour)
		if res := save(t, s, a); res.Retired != 0 {
			t.Fatalf("re-fetch retired the added point: %+v", res)
		}
		mustDo(t, s.MarkNoPoints(ctx, "test", u))
		want = want[1:]
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after no-points = %q, want %q", got, want)
		}
		// A point the extractor finds there later is hidden too.
		c.Advance(time.Hour)
		save(t, s, a, item("ijm", "u1", 1, feed.KindPrayer, textC))
		if got := published(t, s); !slices.Equal(got, want) {
			t.Fatalf("after a new point in a no-points update = %q, want %q", got, want)
		}
		items, err := s.ReviewItems(ctx, ReviewQuery{Partner: "ijm"})
		mustDo(t, err)
		var added int
		for _, it := range items {
			if it.Added {
				added++
				if it.ID != id {
					t.Errorf("added id = %s, want %s", it.ID, id)
				}
			}
		}
		if len(items) != 3 || added != 1 {
			t.Errorf("review items = %d (%d added), want 3 (1 added)", len(items), added)
		}
		audit, err := s.Audit(ctx, 10)
		mustDo(t, err)
		if len(audit) != 2 || audit[0].Action != "no-points" || audit[1].Action != "add" || audit[1].Who != "test" {
			t.Errorf("audit = %+v, want no-points then add, by test", audit)
		}
	})
}

func TestCorrectUnknownItem(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		if err := s.Hide(context.Background(), "test", "nosuchitem"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Hide(unknown) = %v, want ErrNotFound", err)
		}
		if got, err := s.Audit(context.Background(), 10); err != nil || len(got) != 0 {
			t.Fatalf("a failed correction was audited: %+v, %v", got, err)
		}
	})
}

func TestUpdatesRecorded(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		a := item("ijm", "u1", 0, feed.KindPrayer, textA)
		out, err := s.SaveFetch(ctx, []SourceBatch{{Items: []feed.Item{a},
			State: SourceState{PartnerID: "ijm", URL: a.SourceURL},
			Updates: []Update{
				{PartnerID: "ijm", PartnerName: "IJM", SourceURL: a.SourceURL, GUID: "u1", Title: "One", Content: "<p>" + textA + "</p>", Format: FormatHTML},
				{PartnerID: "ijm", PartnerName: "IJM", SourceURL: a.SourceURL, GUID: "u2", Title: "Two", Content: "No points \xff here", Format: FormatText},
			}}})
		mustDo(t, err)
		mustDo(t, out[0].Err)
		us, err := s.Updates(ctx, UpdateQuery{Partner: "ijm"})
		mustDo(t, err)
		if len(us) != 2 {
			t.Fatalf("updates = %+v", us)
		}
		byGUID := map[string]Update{}
		for _, u := range us {
			byGUID[u.GUID] = u
		}
		if u := byGUID["u1"]; u.Points != 1 || u.ID != UpdateID("ijm", "u1") || u.Format != FormatHTML {
			t.Errorf("u1 = %+v", u)
		}
		if u := byGUID["u2"]; u.Points != 0 || u.Content != "No points \uFFFD here" {
			t.Errorf("u2 = %+v", u)
		}
		// Saving the points alone keeps the content.
		save(t, s, a)
		u, err := s.UpdateByID(ctx, UpdateID("ijm", "u1"))
		mustDo(t, err)
		if u.Content == "" {
			t.Errorf("content lost after a save without it")
		}
	})
}
