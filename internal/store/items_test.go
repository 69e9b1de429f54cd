package store

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
)

// item is a fresh item as the extractor hands it to SaveItems.
func item(partner, guid string, pos int, kind feed.Kind, text string) feed.Item {
	return feed.Item{
		Kind: kind, Text: text, HTML: "<p>" + text + "</p>",
		PartnerID: partner, PartnerName: "Partner " + partner,
		SourceURL: "https://" + partner + ".example/feed", UpdateGUID: guid,
		UpdateLink: "https://" + partner + ".example/" + guid, UpdateTitle: "Update " + guid,
		Published: t0.Add(-24 * time.Hour), Position: pos,
	}
}

func save(t *testing.T, s *Store, items ...feed.Item) SaveResult {
	t.Helper()
	res, err := s.SaveItems(context.Background(), items)
	if err != nil {
		t.Fatalf("SaveItems: %v", err)
	}
	return res
}

func all(t *testing.T, s *Store, q feed.Query) []feed.Item {
	t.Helper()
	items, err := s.Items(context.Background(), q)
	if err != nil {
		t.Fatalf("Items: %v", err)
	}
	return items
}

func ids(items []feed.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

const (
	textA = "Pray for the families in Chennai who were freed from the brick kiln this week"
	textB = "Praise God for the new court ruling protecting survivors of forced labour"
)

func TestSaveItemsTwiceAddsNothing(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, c, _ := openTest(t, db)
		batch := []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB)}
		if got, want := save(t, s, batch...), (SaveResult{New: 2}); got != want {
			t.Fatalf("first save = %+v, want %+v", got, want)
		}
		first := all(t, s, feed.Query{})
		c.Advance(time.Hour)
		if got, want := save(t, s, batch...), (SaveResult{Unchanged: 2}); got != want {
			t.Fatalf("second save = %+v, want %+v", got, want)
		}
		second := all(t, s, feed.Query{})
		if !slices.Equal(ids(first), ids(second)) {
			t.Fatalf("ids after re-save = %v, want %v", ids(second), ids(first))
		}
		for i, it := range second {
			if !it.FirstSeen.Equal(t0) {
				t.Errorf("item %d FirstSeen = %v, want %v", i, it.FirstSeen, t0)
			}
			if want := t0.Add(time.Hour); !it.LastSeen.Equal(want) {
				t.Errorf("item %d LastSeen = %v, want %v", i, it.LastSeen, want)
			}
		}
	})
}

func TestSaveItemsRoundTripsFields(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		in := item("ijm", "u1", 3, feed.KindPraise, textB)
		save(t, s, in)
		got := all(t, s, feed.Query{})
		if len(got) != 1 {
			t.Fatalf("got %d items, want 1", len(got))
		}
		want := in
		want.ID, want.FirstSeen, want.LastSeen = got[0].ID, t0, t0
		if !reflect.DeepEqual(got[0], want) {
			t.Errorf("stored item = %+v\nwant %+v", got[0], want)
		}
		if len(got[0].ID) != 16 {
			t.Errorf("id %q: want 16 URL-safe characters", got[0].ID)
		}
	})
}

func TestSaveItemsIdentity(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		tests := []struct {
			name     string
			edited   string
			wantSame bool
			want     SaveResult
		}{
			{"unchanged", textA, true, SaveResult{Unchanged: 1}},
			{"punctuation and case", "pray for the families in Chennai, who were freed from the brick kiln this week!", true, SaveResult{Updated: 1}},
			{"one word changed", "Pray for the families in Chennai who were rescued from the brick kiln this week", true, SaveResult{Updated: 1}},
			{"rewritten", "Pray for the staff travelling to the hearing in Delhi next month", false, SaveResult{New: 1, Retired: 1}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s, c, _ := openTest(t, db)
				save(t, s, item("ijm", "u1", 0, feed.KindPrayer, textA))
				before := all(t, s, feed.Query{})[0]
				c.Advance(time.Hour)
				if got := save(t, s, item("ijm", "u1", 0, feed.KindPrayer, tc.edited)); got != tc.want {
					t.Errorf("save of edit = %+v, want %+v", got, tc.want)
				}
				items := all(t, s, feed.Query{})
				var after feed.Item
				for _, it := range items {
					if it.Text == tc.edited {
						after = it
					}
				}
				if got := after.ID == before.ID; got != tc.wantSame {
					t.Errorf("edited id %q, original %q: same = %v, want %v", after.ID, before.ID, got, tc.wantSame)
				}
				// A rewritten point replaces the old one in the feeds; the old
				// version moves to the history, where nothing is lost.
				if len(items) != 1 {
					t.Errorf("published %d items, want 1", len(items))
				}
				if got, want := historyCount(t, s), map[bool]int{true: 0, false: 1}[tc.wantSame]; got != want {
					t.Errorf("history holds %d items, want %d", got, want)
				}
				if tc.wantSame && (!after.FirstSeen.Equal(t0) || after.HTML != "<p>"+tc.edited+"</p>") {
					t.Errorf("edited item FirstSeen %v HTML %q: want first seen kept and HTML updated", after.FirstSeen, after.HTML)
				}
			})
		}
	})
}

func TestSaveItemsIdentityScope(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		tests := []struct {
			name        string
			second      feed.Item
			want        SaveResult
			wantVisible int
		}{
			// The same point in another update, of the partner or of another
			// (a joint letter), is a copy: stored, but published once, under
			// the first one's id (copies.go).
			{"other update of the source", item("ijm", "u2", 0, feed.KindPrayer, textA), SaveResult{New: 1}, 2},
			{"other source", fromSource(item("ijm", "u2", 0, feed.KindPrayer, textA), "mail:ijm"), SaveResult{New: 1, Copies: 1}, 1},
			{"other partner, same letter", withLink(item("kelu", "u1", 0, feed.KindPrayer, textA), "https://ijm.example/u1"), SaveResult{New: 1, Copies: 1}, 1},
			{"other partner, another letter", item("kelu", "u1", 0, feed.KindPrayer, textA), SaveResult{New: 1}, 2},
			{"other source, another point", fromSource(item("ijm", "u2", 0, feed.KindPrayer, textC), "mail:ijm"), SaveResult{New: 1}, 2},
			// The same update now calls the point praise: a new item, and the
			// prayer it replaces leaves the feeds for the history.
			{"other kind", item("ijm", "u1", 0, feed.KindPraise, textA), SaveResult{New: 1, Retired: 1}, 1},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s, _, _ := openTest(t, db)
				save(t, s, item("ijm", "u1", 0, feed.KindPrayer, textA))
				first := all(t, s, feed.Query{})[0]
				if got := save(t, s, tc.second); got != tc.want {
					t.Errorf("save = %+v, want %+v", got, tc.want)
				}
				items := all(t, s, feed.Query{})
				if len(items) != tc.wantVisible {
					t.Fatalf("items %v: want %d", ids(items), tc.wantVisible)
				}
				if slices.Contains(ids(items), first.ID) == (tc.want.Retired == 1) {
					t.Errorf("items %v: the first item's presence is wrong", ids(items))
				}
			})
		}
	})
}

// Two identical points in one update are two items, told apart by position,
// and re-fetching keeps each on its own id.
func TestSaveItemsRepeatedPointInOneUpdate(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, c, _ := openTest(t, db)
		batch := []feed.Item{
			item("ijm", "u1", 0, feed.KindPrayer, textA),
			item("ijm", "u1", 1, feed.KindPrayer, textA),
		}
		if got, want := save(t, s, batch...), (SaveResult{New: 2}); got != want {
			t.Fatalf("first save = %+v, want %+v", got, want)
		}
		first := all(t, s, feed.Query{})
		if len(first) != 2 || first[0].ID == first[1].ID {
			t.Fatalf("ids %v: want two distinct", ids(first))
		}
		c.Advance(time.Hour)
		if got, want := save(t, s, batch...), (SaveResult{Unchanged: 2}); got != want {
			t.Errorf("second save = %+v, want %+v", got, want)
		}
		if second := all(t, s, feed.Query{}); !slices.Equal(ids(first), ids(second)) {
			t.Errorf("ids after re-save %v, want %v", ids(second), ids(first))
		}
	})
}

func TestSaveItemsRejectsInvalid(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		tests := map[string]func(*feed.Item){
			"no kind":    func(it *feed.Item) { it.Kind = "" },
			"no partner": func(it *feed.Item) { it.PartnerID = "" },
			"no text":    func(it *feed.Item) { it.Text = "  " },
		}
		for name, spoil := range tests {
			t.Run(name, func(t *testing.T) {
				s, _, _ := openTest(t, db)
				it := item("ijm", "u1", 0, feed.KindPrayer, textA)
				spoil(&it)
				good := item("ijm", "u1", 1, feed.KindPrayer, textB)
				if _, err := s.SaveItems(context.Background(), []feed.Item{good, it}); err == nil {
					t.Fatal("SaveItems accepted an invalid item")
				}
				if n := len(all(t, s, feed.Query{})); n != 0 {
					t.Errorf("stored %d items after a rejected batch, want 0", n)
				}
			})
		}
	})
}

func TestSaveItemsPublished(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		tests := []struct {
			name      string
			published time.Time
			want      time.Time
		}{
			{"given", t0.Add(-48 * time.Hour), t0.Add(-48 * time.Hour)},
			{"zero", time.Time{}, t0},
			{"1970", time.Unix(0, 0), t0},
			{"before 1990", time.Date(1989, 12, 31, 0, 0, 0, 0, time.UTC), t0},
			{"1990", earliestPublished, earliestPublished},
			{"now", t0, t0},
			{"a minute ahead", t0.Add(time.Minute), t0},
			{"year 2999", time.Date(2999, 1, 1, 0, 0, 0, 0, time.UTC), t0},
			{"other zone", t0.Add(-time.Hour).In(time.FixedZone("IST", 5*3600+1800)), t0.Add(-time.Hour)},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				s, _, _ := openTest(t, db)
				it := item("ijm", "u1", 0, feed.KindPrayer, textA)
				it.Published = tc.published
				save(t, s, it)
				if got := all(t, s, feed.Query{})[0].Published; !got.Equal(tc.want) {
					t.Errorf("Published = %v, want %v", got, tc.want)
				}
			})
		}
	})
}

// A future date stands in as first seen, stays put while it is in the
// future, and is taken once it has passed.
func TestSaveItemsFuturePublishedSettles(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, c, _ := openTest(t, db)
		it := item("ijm", "u1", 0, feed.KindPrayer, textA)
		it.Published = t0.Add(3 * time.Hour)
		save(t, s, it)
		c.Advance(time.Hour)
		if got, want := save(t, s, it), (SaveResult{Unchanged: 1}); got != want {
			t.Errorf("re-save while still future = %+v, want %+v", got, want)
		}
		c.Advance(3 * time.Hour)
		if got, want := save(t, s, it), (SaveResult{Updated: 1}); got != want {
			t.Errorf("re-save once past = %+v, want %+v", got, want)
		}
		if got := all(t, s, feed.Query{})[0].Published; !got.Equal(it.Published) {
			t.Errorf("Published = %v, want %v", got, it.Published)
		}
	})
}

func TestItemsFiltersAndOrder(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		day := func(d int) time.Time { return t0.Add(-time.Duration(d) * 24 * time.Hour) }
		at := func(it feed.Item, published time.Time) feed.Item { it.Published = published; return it }
		save(t, s,
			at(item("ijm", "a", 0, feed.KindPrayer, "ijm a prayer zero"), day(1)),
			at(item("ijm", "a", 1, feed.KindPraise, "ijm a praise one"), day(1)),
			at(item("ijm", "a", 2, feed.KindPrayer, "ijm a prayer two"), day(1)),
			at(item("ijm", "b", 0, feed.KindPrayer, "ijm b prayer zero"), day(3)),
			at(item("kelu", "c", 0, feed.KindPraise, "kelu c praise zero"), day(2)),
			at(item("kelu", "c", 1, feed.KindPrayer, "kelu c prayer one"), day(2)),
			at(item("ops", "d", 0, feed.KindPrayer, "ops d prayer zero"), day(0)),
		)
		tests := []struct {
			name string
			q    feed.Query
			want []string
		}{
			{"all newest first then position", feed.Query{}, []string{
				"ops d prayer zero", "ijm a prayer zero", "ijm a praise one", "ijm a prayer two",
				"kelu c praise zero", "kelu c prayer one", "ijm b prayer zero"}},
			{"kind", feed.Query{Kinds: []feed.Kind{feed.KindPraise}}, []string{"ijm a praise one", "kelu c praise zero"}},
			{"both kinds", feed.Query{Kinds: []feed.Kind{feed.KindPraise, feed.KindPrayer}, Limit: 2}, []string{
				"ops d prayer zero", "ijm a prayer zero"}},
			{"partner", feed.Query{Partners: []string{"kelu"}}, []string{"kelu c praise zero", "kelu c prayer one"}},
			{"partners and kind", feed.Query{Partners: []string{"kelu", "ops"}, Kinds: []feed.Kind{feed.KindPrayer}}, []string{
				"ops d prayer zero", "kelu c prayer one"}},
			{"exclude", feed.Query{Exclude: []string{"ijm", "ops"}}, []string{"kelu c praise zero", "kelu c prayer one"}},
			{"exclude wins over partners", feed.Query{Partners: []string{"kelu", "ops"}, Exclude: []string{"kelu"}}, []string{
				"ops d prayer zero"}},
			{"limit", feed.Query{Limit: 3}, []string{"ops d prayer zero", "ijm a prayer zero", "ijm a praise one"}},
			{"unknown partner", feed.Query{Partners: []string{"nobody"}}, nil},
			{"every partner excluded", feed.Query{Partners: []string{"kelu", "ops"}, Exclude: []string{"ops", "kelu"}}, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var got []string
				for _, it := range all(t, s, tc.q) {
					got = append(got, it.Text)
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("texts = %q\nwant %q", got, tc.want)
				}
			})
		}
	})
}

func TestItemsLimitClamped(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		var batch []feed.Item
		for i := range feed.MaxLimit + 10 {
			batch = append(batch, item("ijm", "u", i, feed.KindPrayer, fmt.Sprintf("point number %d", i)))
		}
		save(t, s, batch...)
		for _, tc := range []struct{ limit, want int }{{0, feed.DefaultLimit}, {7, 7}, {100000, feed.MaxLimit}} {
			if got := len(all(t, s, feed.Query{Limit: tc.limit})); got != tc.want {
				t.Errorf("Limit %d: got %d items, want %d", tc.limit, got, tc.want)
			}
		}
	})
}

func TestGeneration(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		gen := func() (int64, time.Time) {
			t.Helper()
			g, changed, err := s.Generation(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return g, changed
		}
		g0, changed0 := gen()
		if !changed0.IsZero() {
			t.Errorf("changed before any item = %v, want zero", changed0)
		}
		steps := []struct {
			name    string
			items   []feed.Item
			changes bool
		}{
			{"new item", []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA)}, true},
			{"same again", []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA)}, false},
			{"empty batch", nil, false},
			{"edit", []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA+" again")}, true},
		}
		prev := g0
		for _, st := range steps {
			c.Advance(time.Minute)
			save(t, s, st.items...)
			g, changed := gen()
			if got := g != prev; got != st.changes {
				t.Errorf("%s: generation %d → %d, changed = %v, want %v", st.name, prev, g, got, st.changes)
			}
			if st.changes && !changed.Equal(c.Now()) {
				t.Errorf("%s: changed = %v, want %v", st.name, changed, c.Now())
			}
			prev = g
		}
	})
}

// Strings with invalid UTF-8 (from a broken or hostile source) are stored
// valid, and saving them again still finds the stored item.
func TestSaveItemsInvalidUTF8(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		it := item("ijm", "guid-\xff\xfe-\"quoted\"", 0, feed.KindPrayer, "Pray for \xc3 the team")
		save(t, s, it)
		if got, want := save(t, s, it), (SaveResult{Unchanged: 1}); got != want {
			t.Errorf("re-save = %+v, want %+v", got, want)
		}
		got := all(t, s, feed.Query{})
		if len(got) != 1 {
			t.Fatalf("stored %d items, want 1", len(got))
		}
		for _, f := range []string{got[0].UpdateGUID, got[0].Text, got[0].HTML} {
			if !utf8.ValidString(f) {
				t.Errorf("stored %q: invalid UTF-8", f)
			}
		}
	})
}

// One call may carry several sources and many updates.
func TestSaveItemsManySourcesAndUpdates(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		var batch []feed.Item
		for p := range 3 {
			for u := range 700 {
				batch = append(batch, item(fmt.Sprintf("p%d", p), fmt.Sprintf("u%d", u), 0, feed.KindPrayer, fmt.Sprintf("point %d %d", p, u)))
			}
		}
		if got, want := save(t, s, batch...), (SaveResult{New: len(batch)}); got != want {
			t.Fatalf("first save = %+v, want %+v", got, want)
		}
		if got, want := save(t, s, batch...), (SaveResult{Unchanged: len(batch)}); got != want {
			t.Errorf("second save = %+v, want %+v", got, want)
		}
	})
}

// TestItemsOfPartnersMatchesFeedOrder checks the per-partner merge against
// the feed order filtered here, over partners whose updates interleave in
// time, with limits small enough that the merge drops and prunes rows.
func TestItemsOfPartnersMatchesFeedOrder(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		var batch []feed.Item
		for p := range 12 {
			partner := fmt.Sprintf("p%02d", p)
			for u := range 6 {
				guid := fmt.Sprintf("u%d", u)
				for pos, kind := range []feed.Kind{feed.KindPrayer, feed.KindPraise, feed.KindPrayer} {
					it := item(partner, guid, pos, kind, fmt.Sprintf("%s %s point %d", partner, guid, pos))
					// Some partners publish on the same days, some hours apart.
					it.Published = t0.Add(-time.Duration((u*5+p%4)*7) * time.Hour)
					batch = append(batch, it)
				}
			}
		}
		save(t, s, batch...)
		everything := all(t, s, feed.Query{Limit: feed.MaxLimit})
		tests := []struct {
			name string
			q    feed.Query
		}{
			{"three partners, limit 4", feed.Query{Partners: []string{"p01", "p05", "p09"}, Limit: 4}},
			{"nine partners, limit 2", feed.Query{Partners: []string{"p00", "p01", "p02", "p03", "p04", "p05", "p06", "p07", "p08"}, Limit: 2}},
			{"eleven partners, kind, limit 5", feed.Query{Kinds: []feed.Kind{feed.KindPraise},
				Partners: []string{"p11", "p10", "p09", "p08", "p07", "p06", "p05", "p04", "p03", "p02", "p01"}, Limit: 5}},
			{"repeats and unknowns, limit 7", feed.Query{Partners: []string{"p03", "zz", "p03", "p07", "p07"}, Limit: 7}},
			{"exclude, limit 3", feed.Query{Partners: []string{"p02", "p06", "p10"}, Exclude: []string{"p06"}, Limit: 3}},
			{"more than there are", feed.Query{Partners: []string{"p04", "p08"}, Kinds: []feed.Kind{feed.KindPrayer}, Limit: 100}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				var want []string
				for _, it := range everything {
					if len(want) < tc.q.EffectiveLimit() && slices.Contains(listedPartners(tc.q), it.PartnerID) &&
						(len(tc.q.Kinds) == 0 || slices.Contains(tc.q.Kinds, it.Kind)) {
						want = append(want, it.Text)
					}
				}
				var got []string
				for _, it := range all(t, s, tc.q) {
					got = append(got, it.Text)
				}
				if len(want) == 0 || !slices.Equal(got, want) {
					t.Errorf("texts = %q\nwant %q", got, want)
				}
			})
		}
	})
}

// TestMovedSourceKeepsIDs: a partner's feed moves (http to https, a new
// address) and the church updates partners.yaml. The same updates read
// from the new URL are the same points: readers must see no duplicates.
func TestMovedSourceKeepsIDs(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, c, _ := openTest(t, db)
		old := []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB)}
		save(t, s, old...)
		before := all(t, s, feed.Query{})
		c.Advance(time.Hour)
		moved := slices.Clone(old)
		for i := range moved {
			moved[i].SourceURL = "https://feeds.ijm.example/news.xml"
		}
		if got, want := save(t, s, moved...), (SaveResult{Unchanged: 2}); got != want {
			t.Fatalf("save from the moved source = %+v, want %+v", got, want)
		}
		after := all(t, s, feed.Query{})
		if !slices.Equal(ids(before), ids(after)) {
			t.Fatalf("ids after the move = %v, want %v", ids(after), ids(before))
		}
	})
}

// TestTwoSourcesOneUpdate: a partner's feed and its news page carry the
// same update (the page's GUID is the feed's link). Saving both, fetch
// after fetch, must neither duplicate the points nor count them as changed,
// which would invalidate every cached feed on every cycle.
func TestTwoSourcesOneUpdate(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		rss := []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, textA)}
		page := slices.Clone(rss)
		page[0].SourceURL = "https://ijm.example/news"
		save(t, s, rss...)
		gen0, _, _ := s.Generation(t.Context())
		for range 3 {
			save(t, s, page...)
			save(t, s, rss...)
		}
		gen, _, _ := s.Generation(t.Context())
		if gen != gen0 {
			t.Errorf("generation moved %d -> %d with nothing new", gen0, gen)
		}
		if got := all(t, s, feed.Query{}); len(got) != 1 {
			t.Errorf("%d items, want 1", len(got))
		}
	})
}

// TestTiedItemsOrderTheSameEverywhere: a heavily edited point is a new item
// beside the version it replaced, with the same date, update and position.
// The single-query path and the multi-partner merge must pick and order
// such ties alike, or a tag feed and the combined feed would disagree and
// ETags would change between renders with nothing new.
func TestTiedItemsOrderTheSameEverywhere(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		for i := range 40 {
			save(t, s, item("ijm", "u1", 0, feed.KindPrayer, fmt.Sprintf("%s version %d entirely different words %d", textA[:10], i, i*7919)))
			save(t, s, item("sim", "u1", 0, feed.KindPrayer, fmt.Sprintf("%s version %d entirely different words %d", textB[:10], i, i*104729)))
		}
		for limit := 1; limit <= 80; limit++ {
			one := all(t, s, feed.Query{Limit: limit})
			merged := all(t, s, feed.Query{Partners: []string{"ijm", "sim"}, Limit: limit})
			a, b := ids(one), ids(merged)
			if i := slices.IndexFunc(a, func(id string) bool { return !slices.Contains(b, id) }); i >= 0 || !slices.Equal(a, b) {
				t.Fatalf("limit %d: the combined feed and the partner-list query differ (first missing at %d of %d)", limit, i, len(a))
			}
		}
	})
}

// historyCount is how many retired points the store keeps.
func historyCount(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	if err := s.db.QueryRowContext(t.Context(), "SELECT count(*) FROM item_history").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestRemovedPointLeavesFeeds: a partner takes a point out of an update it
// re-publishes. The feeds show the update as it is now; the point is kept
// in the history; and another source carrying a shorter version of the
// same update (a feed of summaries beside the full page) retires nothing
// of what the page says.
func TestRemovedPointLeavesFeeds(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, c, _ := openTest(t, db)
		a, b := item("ijm", "u1", 0, feed.KindPrayer, textA), item("ijm", "u1", 1, feed.KindPraise, textB)
		save(t, s, a, b)
		c.Advance(time.Hour)
		summary := a
		summary.SourceURL = "https://ijm.example/summaries.xml"
		if got, want := save(t, s, summary), (SaveResult{Unchanged: 1}); got != want {
			t.Fatalf("save from the summaries feed = %+v, want %+v", got, want)
		}
		if got := len(all(t, s, feed.Query{})); got != 2 {
			t.Fatalf("after the summaries feed: %d items published, want 2", got)
		}
		gen0, _, _ := s.Generation(t.Context())
		if got, want := save(t, s, a), (SaveResult{Unchanged: 1, Retired: 1}); got != want {
			t.Fatalf("save without the praise = %+v, want %+v", got, want)
		}
		items := all(t, s, feed.Query{})
		if len(items) != 1 || items[0].Text != textA {
			t.Errorf("published %v, want only the prayer", ids(items))
		}
		if got := historyCount(t, s); got != 1 {
			t.Errorf("history holds %d items, want the retired praise", got)
		}
		if gen, _, _ := s.Generation(t.Context()); gen == gen0 {
			t.Error("retiring a point did not change the generation: cached feeds would keep it")
		}
	})
}

// fromSource is it read from another source of its partner.
func fromSource(it feed.Item, url string) feed.Item {
	it.SourceURL = url
	return it
}

// withLink is it in an update at link.
func withLink(it feed.Item, link string) feed.Item {
	it.UpdateLink = link
	return it
}

// A published point lists its copies, oldest first, whatever partner
// they came from; a copy an admin restored is a point of its own again.
func TestItemsListCopies(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		s, _, _ := openTest(t, db)
		save(t, s, item("ijm", "u1", 0, feed.KindPrayer, textA))
		mail := withLink(fromSource(item("ijm", "m1", 0, feed.KindPrayer, textA), "mail:ijm"), "https://mailchi.mp/ijm/u1")
		mail.Published = t0.Add(-48 * time.Hour)
		save(t, s, mail)
		save(t, s, withLink(item("kelu", "k1", 0, feed.KindPrayer, textA), "https://ijm.example/u1"))
		got := all(t, s, feed.Query{})
		if len(got) != 1 {
			t.Fatalf("items %v, want the point once", ids(got))
		}
		// Kelu's own feed holds the point of its joint letter, published
		// under IJM, once; and not among its praise, nor beside another
		// partner's feed that has it already.
		older := item("kelu", "k0", 0, feed.KindPrayer, textB)
		older.Published = t0.Add(-72 * time.Hour)
		save(t, s, older)
		for _, tc := range []struct {
			name string
			q    feed.Query
			want []string
		}{
			{"kelu", feed.Query{Partners: []string{"kelu"}}, []string{got[0].ID, "kelu older"}},
			{"kelu and ijm", feed.Query{Partners: []string{"kelu", "ijm"}}, []string{got[0].ID, "kelu older"}},
			{"kelu, limit 1", feed.Query{Partners: []string{"kelu"}, Limit: 1}, []string{got[0].ID}},
			{"kelu's praise", feed.Query{Partners: []string{"kelu"}, Kinds: []feed.Kind{feed.KindPraise}}, nil},
			// The site's query for no partner at all (an empty week).
			{"a NUL sentinel", feed.Query{Partners: []string{"\x00none"}}, nil},
		} {
			var gotIDs []string
			for _, it := range all(t, s, tc.q) {
				if it.PartnerID == "kelu" {
					gotIDs = append(gotIDs, "kelu older")
				} else {
					gotIDs = append(gotIDs, it.ID)
				}
			}
			if !slices.Equal(gotIDs, tc.want) {
				t.Errorf("%s: items %q, want %q", tc.name, gotIDs, tc.want)
			}
		}
		var links, partners []string
		for _, c := range got[0].Copies {
			links, partners = append(links, c.UpdateLink), append(partners, c.PartnerID)
		}
		if want := []string{"https://mailchi.mp/ijm/u1", "https://ijm.example/u1"}; !slices.Equal(links, want) || !slices.Equal(partners, []string{"ijm", "kelu"}) {
			t.Errorf("copies %q of %q, want %q of ijm then kelu", links, partners, want)
		}
		if !got[0].Published.Equal(mail.Published) {
			t.Errorf("point dated %v, want its earliest copy's %v", got[0].Published, mail.Published)
		}
		var mailCopy string
		if err := s.db.QueryRow(`SELECT id FROM items WHERE update_guid = 'm1'`).Scan(&mailCopy); err != nil {
			t.Fatal(err)
		}
		if err := s.Restore(context.Background(), "test", mailCopy); err != nil {
			t.Fatal(err)
		}
		got = all(t, s, feed.Query{Partners: []string{"ijm"}})
		if len(got) != 2 {
			t.Fatalf("after restoring the e-mail copy: ijm's items %v, want 2", ids(got))
		}
		for _, it := range got {
			if it.ID != mailCopy && (len(it.Copies) != 1 || it.Copies[0].PartnerID != "kelu") {
				t.Errorf("after restore, the point's copies are %+v, want kelu's only", it.Copies)
			}
			if it.ID == mailCopy && len(it.Copies) != 0 {
				t.Errorf("the restored copy lists copies %+v", it.Copies)
			}
		}
	})
}
