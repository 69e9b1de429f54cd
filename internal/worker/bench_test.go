package worker

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/farm"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// benchFarm serves 500 partners × 20 updates on loopback, issue 9's load,
// and returns a worker config for it with a fresh store.
func benchFarm(b *testing.B) (*farm.Farm, *config.Config) {
	b.Helper()
	f := farm.New(farm.Config{Partners: 500, Updates: 20})
	srv := httptest.NewServer(f)
	b.Cleanup(srv.Close)
	path := filepath.Join(b.TempDir(), "partners.yaml")
	if err := os.WriteFile(path, []byte(f.PartnersYAML(srv.URL, "https://prayer.example")), 0o644); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(path)
	if err != nil {
		b.Fatal(err)
	}
	return f, cfg
}

func benchWorker(b *testing.B, cfg *config.Config) (*Worker, *store.Store) {
	b.Helper()
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(b.TempDir(), "bench.db")})
	if err != nil {
		b.Fatal(err)
	}
	w := New(Config{
		Config: cfg, Store: st, Fetcher: fetcher.NewClient(fetcher.ClientConfig{}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	return w, st
}

// BenchmarkRunOnce times fetch cycles over 500 loopback partner feeds of
// 20 updates: "first" into an empty store (fetch, parse, extract, store),
// "unchanged" against sources that all answer 304. Beside wall time per
// cycle it reports the process's CPU time per cycle (the farm's serving
// included), which other load on the machine does not inflate.
func BenchmarkRunOnce(b *testing.B) {
	ctx := context.Background()
	f, cfg := benchFarm(b)
	b.Run("first", func(b *testing.B) {
		var cpu time.Duration
		for b.Loop() {
			b.StopTimer()
			w, st := benchWorker(b, cfg)
			b.StartTimer()
			c0 := cpuTime()
			sum, err := w.RunOnce(ctx, Options{All: true})
			cpu += cpuTime() - c0
			if err != nil || sum.Fetched != 500 || sum.NewItems != 500*20*2 {
				b.Fatalf("cycle: fetched %d, %d new items, err %v; want 500 fetched, 20000 new", sum.Fetched, sum.NewItems, err)
			}
			b.StopTimer()
			st.Close()
			b.StartTimer()
		}
		reportCycle(b, cpu)
	})
	b.Run("unchanged", func(b *testing.B) {
		w, st := benchWorker(b, cfg)
		defer st.Close()
		if _, err := w.RunOnce(ctx, Options{All: true}); err != nil {
			b.Fatal(err)
		}
		before := f.NotModified.Load()
		c0 := cpuTime()
		for b.Loop() {
			sum, err := w.RunOnce(ctx, Options{All: true})
			if err != nil || sum.NotModified != 500 {
				b.Fatalf("cycle: %d not modified, err %v; want 500", sum.NotModified, err)
			}
		}
		if got := f.NotModified.Load() - before; got != int64(500*b.N) {
			b.Fatalf("farm answered %d 304s, want %d", got, 500*b.N)
		}
		reportCycle(b, cpuTime()-c0)
	})
}

func reportCycle(b *testing.B, cpu time.Duration) {
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/cycle")
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/cycle")
}
