package store

import (
	"context"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

func TestSourceStateRoundTrip(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		const url = "https://ijm.example/feed"

		got, err := s.SourceState(ctx, "ijm", url)
		if err != nil {
			t.Fatal(err)
		}
		if want := (SourceState{PartnerID: "ijm", URL: url}); got != want {
			t.Errorf("unknown source state = %+v, want %+v", got, want)
		}

		want := SourceState{
			PartnerID: "ijm", URL: url, ETag: `W/"abc"`, LastModified: "Mon, 02 Mar 2026 08:00:00 GMT",
			LastFetch: t0, LastSuccess: t0.Add(-time.Hour), LastStatus: 503, LastError: "503 Service Unavailable",
			Failures: 2, NextDue: t0.Add(30 * time.Minute),
		}
		if err := s.PutSourceState(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.SourceState(ctx, "ijm", url); got != want {
			t.Errorf("state = %+v\nwant %+v", got, want)
		}

		want.LastError, want.Failures, want.LastStatus, want.LastSuccess = "", 0, 200, t0
		if err := s.PutSourceState(ctx, want); err != nil {
			t.Fatal(err)
		}
		if got, _ = s.SourceState(ctx, "ijm", url); got != want {
			t.Errorf("state after second put = %+v\nwant %+v", got, want)
		}
	})
}

func TestSourceStatesCountsItems(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		ijm := item("ijm", "u1", 0, feed.KindPrayer, textA)
		save(t, s, ijm, item("ijm", "u1", 1, feed.KindPraise, textB), item("kelu", "u9", 0, feed.KindPrayer, textA))
		for _, st := range []SourceState{
			{PartnerID: "ijm", URL: ijm.SourceURL, LastStatus: 200},
			{PartnerID: "ops", URL: "https://ops.example/feed", LastError: "timeout", Failures: 1},
		} {
			if err := s.PutSourceState(ctx, st); err != nil {
				t.Fatal(err)
			}
		}
		states, err := s.SourceStates(ctx)
		if err != nil {
			t.Fatal(err)
		}
		type row struct {
			partner string
			items   int
			status  int
		}
		var got []row
		for _, st := range states {
			got = append(got, row{st.PartnerID, st.Items, st.LastStatus})
		}
		want := []row{{"ijm", 2, 200}, {"kelu", 1, 0}, {"ops", 0, 0}}
		if len(got) != len(want) {
			t.Fatalf("states = %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("state %d = %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}
