package store

import (
	"context"
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
)

// TestSaveFetch saves three sources in one call: a good fetch, a failed
// fetch of a source that has items (no items, a failure state), and a
// fetch whose items are invalid, which must write nothing of its own and
// nothing less of the others.
func TestSaveFetch(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		kept := item("kelu", "old", 0, feed.KindPrayer, textC)
		save(t, s, kept)
		gen0, _, _ := s.Generation(ctx)

		good := item("ijm", "u1", 0, feed.KindPrayer, textA)
		bad := item("ops", "u2", 0, feed.KindPrayer, "   ")
		states := []SourceState{
			{PartnerID: "ijm", URL: good.SourceURL, ETag: `"v1"`, LastStatus: 200, LastSuccess: t0, LastFetch: t0},
			{PartnerID: "kelu", URL: kept.SourceURL, LastStatus: 503, LastError: "HTTP 503", Failures: 1, LastFetch: t0},
			{PartnerID: "ops", URL: bad.SourceURL, LastStatus: 200, LastFetch: t0},
		}
		saved, err := s.SaveFetch(ctx, []SourceBatch{
			{Items: []feed.Item{good, item("ijm", "u1", 1, feed.KindPraise, textB)}, State: states[0]},
			{State: states[1]},
			{Items: []feed.Item{bad}, State: states[2]},
		})
		if err != nil {
			t.Fatalf("SaveFetch: %v", err)
		}
		if len(saved) != 3 {
			t.Fatalf("got %d results, want 3", len(saved))
		}
		if saved[0].Err != nil || saved[0].New != 2 {
			t.Errorf("good batch: %+v, want 2 new and no error", saved[0])
		}
		if saved[1].Err != nil || saved[1].SaveResult != (SaveResult{}) {
			t.Errorf("failed fetch: %+v, want nothing saved and no error", saved[1])
		}
		if saved[2].Err == nil {
			t.Errorf("invalid batch: no error")
		}
		for i, want := range states[:2] {
			if got, _ := s.SourceState(ctx, want.PartnerID, want.URL); got != want {
				t.Errorf("state %d = %+v\nwant %+v", i, got, want)
			}
		}
		if got, _ := s.SourceState(ctx, "ops", bad.SourceURL); !got.LastFetch.IsZero() {
			t.Errorf("state of the invalid batch was written: %+v", got)
		}
		counts := map[string]int{}
		for _, it := range all(t, s, feed.Query{}) {
			counts[it.PartnerID]++
		}
		if len(counts) != 2 || counts["ijm"] != 2 || counts["kelu"] != 1 {
			t.Errorf("items by partner = %v, want ijm 2, kelu 1", counts)
		}
		if gen, _, _ := s.Generation(ctx); gen != gen0+1 {
			t.Errorf("generation = %d, want %d (one bump for the call)", gen, gen0+1)
		}
	})
}

// TestSaveFetchRollsBackASourceThatFails makes one source's write fail
// inside the transaction (a trigger refuses its items) and
// checks that its state is not written while the next source's is.
func TestSaveFetchRollsBackASourceThatFails(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		trigger := `CREATE TRIGGER no_ops BEFORE INSERT ON items
			WHEN NEW.partner_id = 'ops' BEGIN SELECT RAISE(ABORT, 'ops refused'); END`
		if s.dialect == postgres {
			trigger = `CREATE FUNCTION refuse_ops() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN IF NEW.partner_id = 'ops' THEN RAISE EXCEPTION 'ops refused'; END IF; RETURN NEW; END $$;
				CREATE TRIGGER no_ops BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION refuse_ops()`
		}
		if _, err := s.db.ExecContext(ctx, trigger); err != nil {
			t.Fatal(err)
		}
		ops := item("ops", "u1", 0, feed.KindPrayer, textA)
		ijm := item("ijm", "u1", 0, feed.KindPrayer, textA)
		saved, err := s.SaveFetch(ctx, []SourceBatch{
			{Items: []feed.Item{ops}, State: SourceState{PartnerID: "ops", URL: ops.SourceURL, LastFetch: t0}},
			{Items: []feed.Item{ijm}, State: SourceState{PartnerID: "ijm", URL: ijm.SourceURL, LastFetch: t0}},
		})
		if err != nil {
			t.Fatalf("SaveFetch: %v", err)
		}
		if saved[0].Err == nil || saved[1].Err != nil || saved[1].New != 1 {
			t.Fatalf("results = %+v, want the first failed and the second saved", saved)
		}
		if got, _ := s.SourceState(ctx, "ops", ops.SourceURL); !got.LastFetch.IsZero() {
			t.Errorf("state of the failed source was written: %+v", got)
		}
		if got, _ := s.SourceState(ctx, "ijm", ijm.SourceURL); !got.LastFetch.Equal(t0) {
			t.Errorf("state of the saved source = %+v, want LastFetch %v", got, t0)
		}
	})
}
