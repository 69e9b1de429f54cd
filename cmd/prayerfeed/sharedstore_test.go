package main

import (
	"context"
	"fmt"
	"io"
	"net"
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

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/farm"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// loggedHosts serves a farm from several loopback servers (hosts), and
// logs every request: how often each path was asked, and the most
// requests one host had in flight at once. hold, while open, keeps
// requests waiting (a fetch stuck mid-cycle).
type loggedHosts struct {
	urls []string

	mu       sync.Mutex
	asked    map[string]int
	inFlight map[int]int
	maxIn    int
	hold     chan struct{}
}

func newLoggedHosts(t *testing.T, f *farm.Farm, hosts int, delay time.Duration) *loggedHosts {
	l := &loggedHosts{asked: map[string]int{}, inFlight: map[int]int{}}
	for h := range hosts {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l.mu.Lock()
			l.asked[r.URL.Path]++
			l.inFlight[h]++
			l.maxIn = max(l.maxIn, l.inFlight[h])
			hold := l.hold
			l.mu.Unlock()
			defer func() {
				l.mu.Lock()
				l.inFlight[h]--
				l.mu.Unlock()
			}()
			if hold != nil {
				select {
				case <-hold:
				case <-r.Context().Done():
					return
				}
			}
			time.Sleep(delay)
			f.ServeHTTP(w, r)
		}))
		t.Cleanup(srv.Close)
		l.urls = append(l.urls, srv.URL)
	}
	return l
}

// yaml is a partners.yaml of n partners, partner i's feed on host i%hosts.
func (l *loggedHosts) yaml(n int) string {
	var b strings.Builder
	b.WriteString("title: Shared prayer feed\nbase_url: https://prayer.example\nevery: 1h\npartners:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - id: %s\n    name: Partner %d\n    sources:\n      - type: rss\n        url: %s/p/%d/feed.xml\n",
			farm.ID(i), i, l.urls[i%len(l.urls)], i)
	}
	return b.String()
}

func (l *loggedHosts) count(path string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.asked[path]
}

func (l *loggedHosts) total() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, c := range l.asked {
		n += c
	}
	return n
}

// sharedSetup writes the config of n partners on hosts loopback hosts and
// returns it with a new PostgreSQL database.
func sharedSetup(t *testing.T, n, hosts int, delay time.Duration) (l *loggedHosts, cfgPath, db string) {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: runs several prayerfeed processes")
	}
	db = pgtest.DB(t)
	l = newLoggedHosts(t, farm.New(farm.Config{Partners: n, Updates: 2}), hosts, delay)
	cfgPath = filepath.Join(t.TempDir(), "partners.yaml")
	if err := os.WriteFile(cfgPath, []byte(l.yaml(n)), 0o644); err != nil {
		t.Fatal(err)
	}
	return l, cfgPath, db
}

// waitChild waits for a child prayerfeed and fails the test if it failed.
func waitChild(t *testing.T, cmd *exec.Cmd, out fmt.Stringer) {
	t.Helper()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args[3:], " "), err, out)
	}
}

// startServeChild starts serve in a child process on a free loopback
// port; it returns its base URL and a wait until it answers.
func startServeChild(t *testing.T, cfgPath, db string) (base string, wait func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	startChild(t, "--config", cfgPath, "--db", db, "serve", "--addr", addr, "--every", "1h")
	base = "http://" + addr
	return base, func() {
		waitFor(t, "serve at "+addr+" to answer", func() bool {
			resp, err := http.Get(base + "/healthz")
			if err == nil {
				resp.Body.Close()
			}
			return err == nil && resp.StatusCode == 200
		})
	}
}

// body is GET u's body, whatever its status.
func body(t *testing.T, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSharedStoreFetchesEachSourceOnce runs three fetch processes and
// two serve replicas (whose schedulers fetch too) on one PostgreSQL
// database against 300 loopback sources on five hosts: every source is
// fetched exactly once in the cycle, no host sees more than its two
// requests at a time across all five, and both replicas then serve the
// same feed bytes, and see a correction made by another process within
// two seconds.
func TestSharedStoreFetchesEachSourceOnce(t *testing.T) {
	const partners, hosts = 300, 5
	// Each answer takes 150 ms, so one run needs ≥ 4.5 s for all 300 and the
	// three runs overlap even when the machine is slow to start a process
	// (at 20 ms one run once fetched its whole share before the others
	// had started).
	l, cfgPath, db := sharedSetup(t, partners, hosts, 150*time.Millisecond)
	type child struct {
		cmd *exec.Cmd
		out fmt.Stringer
	}
	var fetches []child
	for range 3 {
		cmd, out := startChild(t, "--config", cfgPath, "--db", db, "fetch")
		fetches = append(fetches, child{cmd, out})
	}
	var replicas []string
	var up []func()
	for range 2 {
		base, wait := startServeChild(t, cfgPath, db)
		replicas, up = append(replicas, base), append(up, wait)
	}
	busy := 0
	for _, c := range fetches {
		waitChild(t, c.cmd, c.out)
		var fetched int
		if _, err := fmt.Sscanf(c.out.String()[strings.LastIndex(c.out.String(), "fetched "):], "fetched %d", &fetched); err != nil {
			t.Fatalf("fetch's summary: %v\n%s", err, c.out)
		}
		if fetched > 0 {
			busy++
		}
		t.Logf("a fetch run fetched %d sources", fetched)
	}
	if busy < 2 {
		t.Errorf("%d of the 3 fetch runs fetched anything: they did not run side by side", busy)
	}
	for _, wait := range up {
		wait()
	}
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// The replicas' schedulers may still be recording their last sources.
	waitFor(t, "every source's fetch to be recorded", func() bool {
		states, err := st.SourceStates(context.Background())
		if err != nil || len(states) < partners {
			return false
		}
		for _, s := range states {
			if s.LastSuccess.IsZero() {
				return false
			}
		}
		return true
	})
	for i := range partners {
		if n := l.count(fmt.Sprintf("/p/%d/feed.xml", i)); n != 1 {
			t.Errorf("%s was fetched %d times in the cycle, want once", farm.ID(i), n)
		}
	}
	l.mu.Lock()
	if l.maxIn > 2 {
		t.Errorf("a host had %d requests in flight at once across the runs, want at most 2", l.maxIn)
	}
	l.mu.Unlock()

	// Nothing is due: another round of runs fetches nothing.
	before := l.total()
	cmd, out := startChild(t, "--config", cfgPath, "--db", db, "fetch")
	waitChild(t, cmd, out)
	if n := l.total() - before; n != 0 {
		t.Errorf("a run after the cycle fetched %d sources, none was due", n)
	}

	items, err := st.Items(context.Background(), feed.Query{Limit: feed.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 {
		t.Fatal("no items stored")
	}
	sameFeeds := func() bool {
		a, b := body(t, replicas[0]+"/feed.atom"), body(t, replicas[1]+"/feed.atom")
		return a == b && strings.Contains(a, "<entry>")
	}
	waitFor(t, "both replicas to serve the same feed", sameFeeds)
	first := body(t, replicas[0]+"/feed.atom")
	if !strings.Contains(first, items[0].ID) {
		t.Fatalf("the replicas' feed lacks the newest item %s", items[0].ID)
	}

	// A reader token made and revoked by another process counts on both
	// replicas at once.
	lines := strings.Split(strings.TrimSpace(runCmd(t, "--config", cfgPath, "--db", db, "token", "create", "smiths")), "\n")
	token := lines[len(lines)-1]
	status := func(u string) int {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for _, r := range replicas {
		if got := status(r + "/private/" + token + "/feed.atom"); got != 200 {
			t.Errorf("%s: a new reader token got %d, want 200", r, got)
		}
	}
	runCmd(t, "--config", cfgPath, "--db", db, "token", "revoke", "smiths")
	for _, r := range replicas {
		if got := status(r + "/private/" + token + "/feed.atom"); got != 404 {
			t.Errorf("%s: a revoked reader token got %d, want 404", r, got)
		}
	}

	// A correction made by another process reaches both replicas.
	runCmd(t, "--config", cfgPath, "--db", db, "review", "hide", items[0].ID)
	hidden := time.Now()
	for _, r := range replicas {
		waitFor(t, r+" to drop the hidden item", func() bool {
			return !strings.Contains(body(t, r+"/feed.atom"), items[0].ID)
		})
	}
	if took := time.Since(hidden); took > 3*time.Second {
		t.Errorf("the replicas took %v to show a correction, want a second or two", took)
	}
	if !sameFeeds() {
		t.Error("the replicas serve different feeds after the correction")
	}
}

// TestSharedStoreKilledRunsSourcesTakenOver kills a fetch run while it
// holds sources: a run started at once leaves them (their lease is live),
// and a run after the lease fetches them.
func TestSharedStoreKilledRunsSourcesTakenOver(t *testing.T) {
	const partners, hosts = 30, 3
	l, cfgPath, db := sharedSetup(t, partners, hosts, 0)
	l.mu.Lock()
	l.hold = make(chan struct{})
	l.mu.Unlock()
	const lease = "4s"
	killed, out := startChild(t, "--config", cfgPath, "--db", db, "fetch", "--lease", lease)
	waitFor(t, "the run to be fetching", func() bool { return l.total() >= hosts })
	time.Sleep(200 * time.Millisecond) // let it take every host's slots
	if err := killed.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := killed.Wait(); err == nil {
		t.Fatalf("the run ended by itself:\n%s", out)
	}
	l.mu.Lock()
	held := map[string]bool{}
	for p := range l.asked {
		held[p] = true
	}
	close(l.hold)
	l.hold = nil
	l.mu.Unlock()
	killedAt := time.Now()

	cmd, out := startChild(t, "--config", cfgPath, "--db", db, "fetch", "--lease", lease)
	waitChild(t, cmd, out)
	if time.Since(killedAt) < 4*time.Second {
		for p := range held {
			if n := l.count(p); n != 1 {
				t.Errorf("%s, held by the killed run, was fetched again (%d requests) before its lease ended", p, n)
			}
		}
	}
	for i := range partners {
		p := fmt.Sprintf("/p/%d/feed.xml", i)
		if !held[p] && l.count(p) != 1 {
			t.Errorf("%s: %d requests, want 1 by the second run", p, l.count(p))
		}
	}

	time.Sleep(time.Until(killedAt.Add(4*time.Second + 100*time.Millisecond)))
	cmd, out = startChild(t, "--config", cfgPath, "--db", db, "fetch", "--lease", lease)
	waitChild(t, cmd, out)
	for p := range held {
		if n := l.count(p); n != 2 {
			t.Errorf("%s, held by the killed run: %d requests, want 2 (the killed run's, then the run after its lease)", p, n)
		}
	}
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	states, err := st.SourceStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	fetched := 0
	for _, s := range states {
		if !s.LastSuccess.IsZero() {
			fetched++
		}
	}
	if fetched != partners || len(held) == 0 {
		t.Errorf("%d of %d sources fetched after the takeover (%d held by the killed run)", fetched, partners, len(held))
	}
}
