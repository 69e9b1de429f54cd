package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func TestClaimDigest(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, path := openTest(t, db)
		// Two processes (serve and a cron job) claim the same week at once:
		// exactly one may send it.
		other, err := Open(ctx, Config{Path: path, Now: c.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, st := range []*Store{s, other} {
			wg.Add(1)
			go func() { defer wg.Done(); errs[i] = st.ClaimDigest(ctx, "2026-03-02") }()
		}
		wg.Wait()
		if (errs[0] == nil) == (errs[1] == nil) {
			t.Fatalf("claims: %v, %v; want exactly one to succeed", errs[0], errs[1])
		}
		for _, err := range errs {
			if err != nil && !errors.Is(err, ErrDigestTaken) {
				t.Errorf("the losing claim: %v, want ErrDigestTaken", err)
			}
		}
		// A claim whose process died is taken over after an hour...
		c.Advance(61 * time.Minute)
		if err := s.ClaimDigest(ctx, "2026-03-02"); err != nil {
			t.Fatalf("a stale claim: %v", err)
		}
		// ...but a week that was sent never is.
		if err := s.DigestSent(ctx, "2026-03-02", 3, "<id@example>"); err != nil {
			t.Fatal(err)
		}
		c.Advance(30 * 24 * time.Hour)
		if err := s.ClaimDigest(ctx, "2026-03-02"); !errors.Is(err, ErrDigestTaken) {
			t.Errorf("a sent week claimed again: %v", err)
		}
		if sent, err := s.DigestWasSent(ctx, "2026-03-02"); err != nil || sent.IsZero() {
			t.Errorf("DigestWasSent: %v, %v", sent, err)
		}
		// A released claim (the send failed) may be claimed at once.
		if err := s.ClaimDigest(ctx, "2026-03-09"); err != nil {
			t.Fatal(err)
		}
		if err := s.ReleaseDigest(ctx, "2026-03-09"); err != nil {
			t.Fatal(err)
		}
		if err := s.ClaimDigest(ctx, "2026-03-09"); err != nil {
			t.Errorf("claim after release: %v", err)
		}
	})
}
