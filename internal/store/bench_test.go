package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// sourceBatch is what one fetch of one source yields: updates updates of
// three points each, as the worker hands it to SaveItems.
func sourceBatch(partner string, updates int) []feed.Item {
	var out []feed.Item
	for u := range updates {
		guid := fmt.Sprintf("https://%s.example/news/%d", partner, u)
		for p, kind := range []feed.Kind{feed.KindPrayer, feed.KindPrayer, feed.KindPraise} {
			it := item(partner, guid, p, kind, fmt.Sprintf(
				"Point %d of update %d from %s: pray for the team as they travel to the villages and meet new families this month", p, u, partner))
			it.Published = t0.Add(-time.Duration(u*24) * time.Hour)
			out = append(out, it)
		}
	}
	return out
}

// BenchmarkSaveItems saves one source's first fetch (20 updates × 3 points)
// per op, each op a new partner, as in the first fetch cycle.
func BenchmarkSaveItems(b *testing.B) {
	ctx := context.Background()
	s, _, _ := openTest(b, benchBackend())
	items := 0
	n := 0
	for b.Loop() {
		batch := sourceBatch(fmt.Sprintf("p%d", n), 20)
		n++
		if _, err := s.SaveItems(ctx, batch); err != nil {
			b.Fatal(err)
		}
		items += len(batch)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkSaveItemsUnchanged re-saves a source whose items are all stored.
func BenchmarkSaveItemsUnchanged(b *testing.B) {
	ctx := context.Background()
	s, _, _ := openTest(b, benchBackend())
	batch := sourceBatch("p", 20)
	if _, err := s.SaveItems(ctx, batch); err != nil {
		b.Fatal(err)
	}
	items := 0
	for b.Loop() {
		if _, err := s.SaveItems(ctx, batch); err != nil {
			b.Fatal(err)
		}
		items += len(batch)
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

// BenchmarkFirstCycle stores what 500 partners × 20 updates yield into an
// empty database, as issue 9's first cycle does: "per-source" with one
// SaveItems and one PutSourceState per source, "grouped" with SaveFetch
// taking 20 sources at once, as the worker does.
func BenchmarkFirstCycle(b *testing.B) {
	ctx := context.Background()
	const partners = 500
	batches := make([]SourceBatch, partners)
	for p := range batches {
		items := sourceBatch(fmt.Sprintf("p%03d", p), 20)
		batches[p] = SourceBatch{Items: items, State: SourceState{PartnerID: items[0].PartnerID,
			URL: items[0].SourceURL, ETag: `"v1"`, LastStatus: 200, LastFetch: t0, LastSuccess: t0}}
	}
	b.Run("per-source", func(b *testing.B) {
		benchCycle(b, func(s *Store) error {
			for _, batch := range batches {
				if _, err := s.SaveItems(ctx, batch.Items); err != nil {
					return err
				}
				if err := s.PutSourceState(ctx, batch.State); err != nil {
					return err
				}
			}
			return nil
		})
	})
	b.Run("grouped", func(b *testing.B) {
		benchCycle(b, func(s *Store) error {
			for group := range slices.Chunk(batches, 20) {
				if _, err := s.SaveFetch(ctx, group); err != nil {
					return err
				}
			}
			return nil
		})
	})
}

// benchCycle times cycle, each time into a new database.
func benchCycle(b *testing.B, cycle func(*Store) error) {
	written, cpu := writtenBytes(), cpuTime()
	for b.Loop() {
		b.StopTimer()
		s, _, _ := openTest(b, benchBackend())
		b.StartTimer()
		if err := cycle(s); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/cycle")
	// CPU time, unlike elapsed time, hardly moves with the load other
	// processes put on the machine.
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/cycle")
	if w := writtenBytes(); w > 0 {
		// Bytes handed to write(2) do not depend on what else the machine
		// runs, unlike time: the measure to compare schema changes by.
		b.ReportMetric(float64(w-written)/1e6/float64(b.N), "MB-written/cycle")
	}
}

// benchBackend is the store benchmarks run on: SQLite, or with
// PRAYERFEED_BENCH_DB=postgres (bench/run --db) a throwaway PostgreSQL
// cluster.
func benchBackend() backend {
	if os.Getenv("PRAYERFEED_BENCH_DB") == "postgres" {
		return postgresBackend
	}
	return sqliteBackend
}

// BenchmarkItemsFiltered queries a store of 100,000 items (500 partners ×
// 200), as feeds do.
func BenchmarkItemsFiltered(b *testing.B) {
	ctx := context.Background()
	s, _, _ := openTest(b, benchBackend())
	const partners, updates = 500, 67 // 3 points an update: 100,500 items
	for p := range partners {
		if _, err := s.SaveItems(ctx, sourceBatch(fmt.Sprintf("p%03d", p), updates)); err != nil {
			b.Fatal(err)
		}
	}
	// A tag filter reaches the store as its partners: one tag in seven.
	var tagged []string
	for p := 0; p < partners; p += 7 {
		tagged = append(tagged, fmt.Sprintf("p%03d", p))
	}
	// A tag of partners added since the last fetch: none has items yet,
	// the case that made a scan of the feed order read all 100,000.
	var added []string
	for p := range 17 {
		added = append(added, fmt.Sprintf("new%03d", p))
	}
	var everyone []string
	for p := range partners {
		everyone = append(everyone, fmt.Sprintf("p%03d", p))
	}
	queries := []struct {
		name string
		q    feed.Query
		want int
	}{
		{"kind+tag(72partners)", feed.Query{Kinds: []feed.Kind{feed.KindPrayer}, Partners: tagged, Limit: 50}, 50},
		{"kind+tag(17new)", feed.Query{Kinds: []feed.Kind{feed.KindPrayer}, Partners: added, Limit: 50}, 0},
		{"kind+tag(17new+1)", feed.Query{Kinds: []feed.Kind{feed.KindPrayer}, Partners: append(added, "p321"), Limit: 50}, 50},
		{"tag(500partners)", feed.Query{Partners: everyone, Limit: 50}, 50},
		{"kind+partner", feed.Query{Kinds: []feed.Kind{feed.KindPraise}, Partners: []string{"p123"}, Limit: 50}, 50},
		{"kind+5partners", feed.Query{Kinds: []feed.Kind{feed.KindPrayer}, Partners: []string{"p001", "p100", "p200", "p300", "p499"}, Limit: 50}, 50},
		{"kind", feed.Query{Kinds: []feed.Kind{feed.KindPraise}, Limit: 50}, 50},
		{"all-exclude", feed.Query{Exclude: []string{"p000", "p001", "p002"}, Limit: 50}, 50},
		{"all-500", feed.Query{Limit: feed.MaxLimit}, feed.MaxLimit},
	}
	for _, tc := range queries {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				items, err := s.Items(ctx, tc.q)
				if err != nil {
					b.Fatal(err)
				}
				if len(items) != tc.want {
					b.Fatalf("got %d items, want %d", len(items), tc.want)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
		})
	}
}

// writtenBytes is what this process has passed to write(2) so far, from
// Linux's /proc/self/io; 0 where that is not available.
func writtenBytes() int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "wchar: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
