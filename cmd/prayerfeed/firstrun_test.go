package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// syncBuffer is a log destination read while serve writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestFirstRunWallNamesFailingSources starts serve on a partners.yaml
// whose every source fails, as a new admin's first start often does: the
// wall says nothing is published, names each failing partner and its
// error and where to look, and serve logs a line per failing source.
func TestFirstRunWallNamesFailingSources(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(gone.Close)
	dir := t.TempDir()
	y := "title: Test prayers\nbase_url: https://prayer.example\npartners:\n" +
		"  - id: smiths\n    name: The Smiths\n    sources:\n      - type: rss\n        url: " + gone.URL + "/smiths.xml?key=s3cret\n" +
		"  - id: jones\n    name: The Joneses\n    sources:\n      - type: rss\n        url: " + gone.URL + "/jones.xml\n" +
		"  - id: hidden\n    name: Secret Partner\n    visibility: private\n    sources:\n      - type: rss\n        url: " + gone.URL + "/hidden.xml\n"
	cfgPath, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	if err := os.WriteFile(cfgPath, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	base, stop := startServeWith(t, cfgPath, db, time.Hour, func(sc *serveConfig) { sc.logger = newLogger(&logs) })
	st := openTestStore(t, db)
	waitFor(t, "three failed fetches", func() bool {
		states, err := st.SourceStates(context.Background())
		n := 0
		for _, s := range states {
			if s.LastError != "" {
				n++
			}
		}
		return err == nil && n == 3
	})
	body := get(t, base+"/")
	for _, want := range []string{"Nothing is published yet", "3 of 3 sources failed", "The Smiths", "The Joneses",
		"/smiths.xml", "404", "and 1 of private partners", "/status", "check --live"} {
		if !strings.Contains(body, want) {
			t.Errorf("first-run wall lacks %q", want)
		}
	}
	for _, leak := range []string{"Secret Partner", "hidden.xml", "s3cret"} {
		if strings.Contains(body, leak) {
			t.Errorf("first-run wall shows %q", leak)
		}
	}
	stop()

	// A restart logs each source that failed last time at once, before
	// any fetch (they are backing off, so no fetch would say so).
	logs = syncBuffer{}
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	st2, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, serveConfig{cfg: cfg, store: st2, dbPath: db, listener: ln, every: time.Hour,
			fetcher: fetcher.NewClient(fetcher.ClientConfig{}), logger: newLogger(&logs)})
	}()
	waitFor(t, "the start-up report", func() bool { return strings.Contains(logs.String(), "at start") })
	cancel()
	<-done
	out := logs.String()
	for _, id := range []string{"smiths", "jones", "hidden"} {
		if !strings.Contains(out, `msg="source failing" partner=`+id+" ") {
			t.Errorf("serve's start-up log lacks a line for %s:\n%s", id, out)
		}
	}
}

// get returns the body of a 200 answer to GET u.
func get(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d", u, resp.StatusCode)
	}
	return string(b)
}

// TestBuildWarnsWhenEmpty: a build with nothing to publish says so, and
// why, on stderr (the static wall cannot).
func TestBuildWarnsWhenEmpty(t *testing.T) {
	gone := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(gone.Close)
	dir := t.TempDir()
	cfgPath, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	writeFile(t, cfgPath, "title: T\nbase_url: https://prayer.example\npartners:\n  - id: smiths\n    name: The Smiths\n    sources:\n      - type: rss\n        url: "+gone.URL+"/feed.xml\n")
	var out, errOut bytes.Buffer
	build := func() string {
		out.Reset()
		errOut.Reset()
		if err := run(context.Background(), []string{"--config", cfgPath, "--db", db, "build", "--out", filepath.Join(dir, "public")}, &out, &errOut); err != nil {
			t.Fatal(err)
		}
		return errOut.String()
	}
	if got := build(); !strings.Contains(got, "run prayerfeed fetch first") {
		t.Errorf("build before any fetch: stderr %q", got)
	}
	runCmd(t, "--config", cfgPath, "--db", db, "fetch")
	if got := build(); !strings.Contains(got, "1 source failed") || !strings.Contains(got, `msg="source failing" partner=smiths`) {
		t.Errorf("build after a failed fetch: stderr %q", got)
	}
}
