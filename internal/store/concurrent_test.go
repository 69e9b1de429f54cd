package store

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
)

// parallel runs fn(0..n-1) in n goroutines and reports their errors.
func parallel(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = fn(i)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
	}
}

// Many goroutines saving, reading and recording state at once all succeed:
// no SQLITE_BUSY reaches a caller.
func TestConcurrentSaveItems(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, _ := openTest(t, db)
		const workers, updates = 16, 10
		parallel(t, workers, func(w int) error {
			partner := fmt.Sprintf("p%02d", w)
			for u := range updates {
				guid := fmt.Sprintf("u%d", u)
				batch := []feed.Item{
					item(partner, guid, 0, feed.KindPrayer, "pray for "+partner+" "+guid),
					item(partner, guid, 1, feed.KindPraise, "praise for "+partner+" "+guid),
				}
				if _, err := s.SaveItems(ctx, batch); err != nil {
					return err
				}
				if err := s.PutSourceState(ctx, SourceState{PartnerID: partner, URL: batch[0].SourceURL, LastStatus: 200}); err != nil {
					return err
				}
				if _, err := s.Items(ctx, feed.Query{Partners: []string{partner}}); err != nil {
					return err
				}
			}
			return nil
		})
		got := all(t, s, feed.Query{Limit: feed.MaxLimit})
		if want := workers * updates * 2; len(got) != want {
			t.Errorf("stored %d items, want %d", len(got), want)
		}
	})
}

// Two stores on one file, as a fetch process beside a serve process, write
// without SQLITE_BUSY: the second waits on the busy timeout.
func TestTwoStoresOneFile(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s1, _, path := openTest(t, db)
		s2, err := Open(ctx, Config{Path: path})
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		stores := []*Store{s1, s2}
		parallel(t, len(stores), func(i int) error {
			for u := range 50 {
				it := item(fmt.Sprintf("s%d", i), fmt.Sprintf("u%d", u), 0, feed.KindPrayer, fmt.Sprintf("point %d", u))
				if _, err := stores[i].SaveItems(ctx, []feed.Item{it}); err != nil {
					return err
				}
			}
			return nil
		})
		if n := len(all(t, s1, feed.Query{Limit: feed.MaxLimit})); n != 100 {
			t.Errorf("stored %d items, want 100", n)
		}
	})
}
