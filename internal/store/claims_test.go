package store

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestClaimSource checks that of two runs on one PostgreSQL database
// only one fetches a due source, that a recorded fetch ends the claim,
// and that a dead run's source is taken over when its lease ends. On
// SQLite, where the lock file lets one run at a time, a claim is the due
// check alone.
func TestClaimSource(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		a, _, path := openTest(t, db)
		b, err := Open(ctx, Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		const lease = time.Minute
		claim := func(s *Store, url string, at time.Time) bool {
			t.Helper()
			_, ok, err := s.ClaimSource(ctx, "ijm", url, Claim{Now: at, Lease: lease})
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		if !claim(a, "https://x.example/feed", t0) {
			t.Fatal("a due source never fetched was not claimed")
		}
		if db.name == "sqlite" {
			if !claim(b, "https://x.example/feed", t0) {
				t.Error("SQLite: a due source is due for any run")
			}
			mustDo(t, a.PutSourceState(ctx, SourceState{PartnerID: "ijm", URL: "https://x.example/feed", NextDue: t0.Add(time.Hour)}))
			if claim(b, "https://x.example/feed", t0) {
				t.Error("SQLite: a source not due was claimed")
			}
			return
		}
		if claim(b, "https://x.example/feed", t0.Add(time.Second)) {
			t.Fatal("a second run claimed a source the first holds")
		}
		if !claim(a, "https://x.example/feed", t0.Add(time.Second)) {
			t.Error("the run holding a claim could not renew it")
		}
		mustDo(t, a.PutSourceState(ctx, SourceState{PartnerID: "ijm", URL: "https://x.example/feed",
			LastFetch: t0, NextDue: t0.Add(time.Hour)}))
		if claim(b, "https://x.example/feed", t0.Add(2*time.Second)) {
			t.Error("a source fetched and recorded was claimed again before it was due")
		}
		if !claim(b, "https://x.example/feed", t0.Add(time.Hour)) {
			t.Error("a recorded fetch did not end the claim: due again, not claimed")
		}

		// a claims z and gives it back: b may take it at once.
		if !claim(a, "https://z.example/feed", t0) {
			t.Fatal("z not claimed")
		}
		mustDo(t, b.ReleaseSource(ctx, "ijm", "https://z.example/feed")) // not b's: nothing changes
		if claim(b, "https://z.example/feed", t0) {
			t.Error("another run's release ended a claim")
		}
		mustDo(t, a.ReleaseSource(ctx, "ijm", "https://z.example/feed"))
		if !claim(b, "https://z.example/feed", t0) {
			t.Error("a released source was not claimable at once")
		}

		// a claims y and dies: b takes it over once the lease ends.
		if !claim(a, "https://y.example/feed", t0) {
			t.Fatal("y not claimed")
		}
		a.Close()
		if claim(b, "https://y.example/feed", t0.Add(lease-time.Second)) {
			t.Error("a dead run's source was taken before its lease ended")
		}
		if !claim(b, "https://y.example/feed", t0.Add(lease+time.Second)) {
			t.Error("a dead run's source was not taken over after its lease")
		}
	})
}

// TestHostSlot checks that two runs on one PostgreSQL database share a
// host's slots: with both taken by one, the other waits until one is
// released.
func TestHostSlot(t *testing.T) {
	ctx := context.Background()
	a, _, path := openTest(t, postgresBackend)
	b, err := Open(ctx, Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r1, err := a.HostSlot(ctx, "x.example", 2)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := a.HostSlot(ctx, "x.example", 2)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := b.HostSlot(short, "x.example", 2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("third slot of a host allowed 2: err = %v, want a wait until the deadline", err)
	}
	other, err := b.HostSlot(ctx, "y.example", 2)
	if err != nil {
		t.Fatalf("another host's slot: %v", err)
	}
	other()
	r1()
	got := make(chan error, 1)
	go func() {
		release, err := b.HostSlot(ctx, "x.example", 2)
		if err == nil {
			release()
		}
		got <- err
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a released slot was not taken by the waiting run")
	}
	r2()
}
