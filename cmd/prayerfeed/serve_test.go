package main

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// startServe runs serve in-process on a loopback port and returns its base
// URL and a stop function that cancels it (what SIGTERM does in main) and
// returns serve's error.
func startServe(t *testing.T, cfgPath, db string, every time.Duration) (string, func() error) {
	t.Helper()
	return startServeWith(t, cfgPath, db, every, nil)
}

// startServeWith is startServe with tune, when set, changing serve's
// config (its listener, its shutdown grace) before it starts.
func startServeWith(t *testing.T, cfgPath, db string, every time.Duration, tune func(*serveConfig)) (string, func() error) {
	t.Helper()
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	sc := serveConfig{
		cfg: cfg, store: st, dbPath: db, listener: ln, every: every,
		fetcher: fetcher.NewClient(fetcher.ClientConfig{}), logger: newLogger(io.Discard),
	}
	if tune != nil {
		tune(&sc)
	}
	go func() { done <- serve(ctx, sc) }()
	stopped := false
	stop := func() error {
		cancel()
		stopped = true
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop within 20s of its context ending")
			return nil
		}
	}
	t.Cleanup(func() {
		if !stopped {
			stop()
		}
	})
	return "http://" + ln.Addr().String(), stop
}

// feedItems counts the items of a JSON feed served at url.
func feedItems(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var doc struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&doc); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return len(doc.Items)
}

func TestServeFetchesAndServes(t *testing.T) {
	_, cfg, db := farmSetup(t, 2, 3)
	base, stop := startServe(t, cfg, db, time.Hour)
	waitFor(t, "the first fetch cycle's items", func() bool { return feedItems(t, base+"/feed.json") == 12 })
	for _, path := range []string{"/", "/embed", "/embed.js", "/feed.atom", "/partners/partner-0001/feed.xml", "/healthz", "/metrics"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d, want 200", path, resp.StatusCode)
		}
	}
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`prayerfeed_fetches_total{result="ok"} 2`, "prayerfeed_items_new_total 12"} {
		if !strings.Contains(string(metrics), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v after its context ended, want nil", err)
	}
}

// TestServeLeavesLockedDatabaseToFetch checks that serve's background
// cycle never overlaps a `prayerfeed fetch` on the same database: while
// another run holds the fetch lock, serve fetches nothing, and it fetches
// once the lock is free.
func TestServeLeavesLockedDatabaseToFetch(t *testing.T) {
	_, cfg, db := farmSetup(t, 2, 3)
	unlock, err := store.Lock(db)
	if err != nil {
		t.Fatal(err)
	}
	lines := make(logLines, 64)
	base, _ := startServeWith(t, cfg, db, 20*time.Millisecond, func(sc *serveConfig) { sc.logger = newLogger(lines) })
	lines.waitFor(t, "fetch cycle skipped", 3) // cycles came and went while the lock was held
	if n := feedItems(t, base+"/feed.json"); n != 0 {
		t.Fatalf("serve fetched %d items while another run held the lock", n)
	}
	unlock()
	waitFor(t, "items after the lock was released", func() bool { return feedItems(t, base+"/feed.json") == 12 })
}

// TestServeStopsMidFetch ends serve while its first cycle is waiting on
// slow sources: serve returns promptly and cleanly, the database is
// intact, and a later fetch completes the work.
func TestServeStopsMidFetch(t *testing.T) {
	_, cfg, db, asked := watchedSlowFarm(t, 4, 2*time.Second)
	_, stop := startServe(t, cfg, db, time.Hour)
	select {
	case <-asked: // the cycle is now waiting on the farm
	case <-time.After(10 * time.Second):
		t.Fatal("serve's first cycle did not reach the farm within 10 s")
	}
	start := time.Now()
	if err := stop(); err != nil {
		t.Errorf("serve returned %v, want nil", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("serve took %v to stop, want it to abandon the slow fetches", took)
	}
	integrityCheck(t, db)
	out := runCmd(t, "--config", cfg, "--db", db, "fetch")
	if strings.Contains(out, "FAIL") {
		t.Errorf("fetch after an interrupted serve failed:\n%s", out)
	}
}

// logLines is a log destination that hands each line to the test, so it
// can wait for what serve logs instead of sleeping; lines past its buffer
// are dropped rather than blocking serve.
type logLines chan string

func (l logLines) Write(p []byte) (int, error) {
	select {
	case l <- string(p):
	default:
	}
	return len(p), nil
}

// waitFor waits until n lines containing text have been logged.
func (l logLines) waitFor(t *testing.T, text string, n int) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for seen := 0; seen < n; {
		select {
		case line := <-l:
			if strings.Contains(line, text) {
				seen++
			}
		case <-timeout:
			t.Fatalf("%d lines containing %q not logged within 10 s", n, text)
		}
	}
}
