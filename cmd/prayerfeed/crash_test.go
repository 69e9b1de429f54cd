package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/farm"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
)

// childEnv, when set, makes the test binary run the prayerfeed command
// line from its arguments instead of the tests, so a test can kill a real
// prayerfeed process without building one.
const childEnv = "PRAYERFEED_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		args := os.Args[1:]
		if i := indexOf(args, "--"); i >= 0 {
			args = args[i+1:]
		}
		if err := run(context.Background(), args, os.Stdout, os.Stderr); err != nil {
			fmt.Fprintln(os.Stderr, "prayerfeed:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}

func indexOf(ss []string, s string) int {
	for i, v := range ss {
		if v == s {
			return i
		}
	}
	return -1
}

// startChild starts prayerfeed with args in a child process.
func startChild(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), childEnv+"=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, &out
}

// slowFarm serves a farm whose every answer takes delay, so a fetch cycle
// over it is long enough to be interrupted.
func slowFarm(t *testing.T, partners int, delay time.Duration) (f *farm.Farm, cfgPath, dbPath string) {
	t.Helper()
	f, cfgPath, dbPath, _ = watchedSlowFarm(t, partners, delay)
	return f, cfgPath, dbPath
}

// watchedSlowFarm is slowFarm, and asked is closed when the farm receives
// its first request, so a test can wait for a cycle to be under way.
func watchedSlowFarm(t *testing.T, partners int, delay time.Duration) (f *farm.Farm, cfgPath, dbPath string, asked <-chan struct{}) {
	t.Helper()
	f = farm.New(farm.Config{Partners: partners, Updates: 10})
	first := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() { close(first) })
		time.Sleep(delay)
		f.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfgPath = filepath.Join(dir, "partners.yaml")
	if err := os.WriteFile(cfgPath, []byte(f.PartnersYAML(srv.URL, "https://prayer.example")), 0o644); err != nil {
		t.Fatal(err)
	}
	return f, cfgPath, filepath.Join(dir, "prayerfeed.db"), first
}

// waitFor polls cond until it holds or the test's patience ends.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// integrityCheck opens db read-only beside any WAL and runs SQLite's
// own consistency check.
func integrityCheck(t *testing.T, db string) {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var res string
	if err := conn.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check = %q, want ok", res)
	}
}

// TestKilledFetchLeavesUsableDatabase kills fetch with SIGKILL at several
// points of a cycle that is writing items, then checks the database,
// completes the fetch and builds.
func TestKilledFetchLeavesUsableDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: kills several child processes")
	}
	const partners = 120
	f, cfg, db := slowFarm(t, partners, 15*time.Millisecond)
	for _, after := range []int64{3, 30, 70, 110} {
		before := f.Requests.Load()
		cmd, out := startChild(t, "--config", cfg, "--db", db, "fetch", "--all")
		waitFor(t, fmt.Sprintf("%d requests", after), func() bool { return f.Requests.Load()-before >= after })
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("fetch ended with %v before the kill; output:\n%s", err, out)
		}
		integrityCheck(t, db)
	}
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	integrityCheck(t, db)
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	for i := range partners {
		parsed := parseFile(t, filepath.Join(out, "partners", farm.ID(i), "feed.json"))
		if got, want := len(parsed.Items), 2*10; got != want {
			t.Errorf("%s: %d items after the killed runs and one full one, want %d", farm.ID(i), got, want)
		}
	}
}

// TestKilledServeLeavesUsableDatabase kills serve while its background
// fetch is writing, then checks, fetches and builds.
func TestKilledServeLeavesUsableDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: kills a child process")
	}
	const partners = 60
	f, cfg, db := slowFarm(t, partners, 15*time.Millisecond)
	cmd, out := startChild(t, "--config", cfg, "--db", db, "serve", "--addr", "127.0.0.1:0", "--every", "1h")
	waitFor(t, "serve's fetch to be half done", func() bool { return f.Requests.Load() >= partners/2 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatalf("serve exited by itself; output:\n%s", out)
	}
	integrityCheck(t, db)
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	integrityCheck(t, db)
	dir := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", dir)
	if got, want := len(parseFile(t, filepath.Join(dir, "partners", farm.ID(partners-1), "feed.json")).Items), 2*10; got != want {
		t.Errorf("last partner: %d items after the killed serve and one fetch, want %d", got, want)
	}
}

// TestKilledBuildLeavesWholeFiles kills build repeatedly over an earlier
// build's output: every file left must be a whole feed, old or new.
func TestKilledBuildLeavesWholeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: kills several child processes")
	}
	_, cfg, db := slowFarm(t, 60, 0)
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	for _, delay := range []time.Duration{0, 2 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		cmd, _ := startChild(t, "--config", cfg, "--db", db, "build", "--force", "--out", out)
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		err := filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return err // temporary files of a killed build are hidden and harmless
			}
			checkWhole(t, path)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// checkWhole fails unless the file at path is a complete document of its
// kind: a feed that parses, a calendar that ends, a page that closes.
func checkWhole(t *testing.T, path string) {
	t.Helper()
	switch filepath.Ext(path) {
	case ".xml", ".atom", ".json":
		parseFile(t, path)
		return
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	end := map[string]string{".ics": "END:VCALENDAR", ".opml": "</opml>", ".html": "</html>", "": "</html>"}[filepath.Ext(path)]
	if !strings.HasSuffix(strings.TrimSpace(string(data)), end) {
		t.Errorf("%s: does not end with %q: a partial write?", path, end)
	}
}

// TestOverlappingFetchRefused runs a second fetch while a first holds the
// lock: it must stop at once with a message saying why.
func TestOverlappingFetchRefused(t *testing.T) {
	f, cfg, db := slowFarm(t, 40, 50*time.Millisecond)
	cmd, _ := startChild(t, "--config", cfg, "--db", db, "fetch")
	waitFor(t, "the first fetch to start", func() bool { return f.Requests.Load() > 0 })
	before := f.Requests.Load()
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--config", cfg, "--db", db, "fetch"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "another prayerfeed fetch is running") {
		t.Errorf("second fetch err = %v, want it refused as another run", err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if got := f.Requests.Load() - before; got > 4 {
		// The first run's in-flight requests may land meanwhile; a second
		// run would add dozens.
		t.Errorf("%d requests while the second fetch ran, want only the first run's", got)
	}
	integrityCheck(t, db)
}
