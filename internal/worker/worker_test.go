package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// rss is a one-update feed with one prayer point naming word.
func rss(word string) string {
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://p.example/</link>` +
		`<item><guid>` + word + `</guid><title>News</title><link>https://p.example/` + word + `</link>` +
		`<pubDate>Mon, 05 Jan 2026 09:00:00 +0000</pubDate>` +
		`<description><![CDATA[<p>Prayer: please pray for ` + word + ` and the team.</p>]]></description></item></channel></rss>`
}

// fixture is a worker over a temporary store at a fixed clock.
type fixture struct {
	w   *Worker
	st  *store.Store
	now time.Time
}

func newFixture(t *testing.T, cfg *config.Config, f Fetcher, tune func(*Config)) *fixture {
	t.Helper()
	fx := &fixture{now: time.Date(2026, 2, 1, 12, 0, 0, 0, time.UTC)}
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(t.TempDir(), "db"), Now: func() time.Time { return fx.now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	wc := Config{Config: cfg, Fetcher: f, Store: st, Now: func() time.Time { return fx.now },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if tune != nil {
		tune(&wc)
	}
	fx.w, fx.st = New(wc), st
	return fx
}

// partnersAt is a config of one partner per URL, polled hourly.
func partnersAt(urls ...string) *config.Config {
	cfg := &config.Config{}
	for i, u := range urls {
		cfg.Partners = append(cfg.Partners, config.Partner{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P%d", i),
			Sources: []config.Source{{Type: config.TypeRSS, URL: u, Every: config.Duration(time.Hour)}}})
	}
	return cfg
}

func (fx *fixture) cycle(t *testing.T) Summary {
	t.Helper()
	sum, err := fx.w.RunOnce(context.Background(), Options{All: true})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func (fx *fixture) state(t *testing.T, partner, url string) store.SourceState {
	t.Helper()
	st, err := fx.st.SourceState(context.Background(), partner, url)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (fx *fixture) items(t *testing.T, partner string) []feed.Item {
	t.Helper()
	items, err := fx.st.Items(context.Background(), feed.Query{Partners: []string{partner}})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures   int
		retryAfter time.Duration
		want       time.Duration
	}{
		{1, 0, time.Hour},
		{2, 0, 2 * time.Hour},
		{3, 0, 4 * time.Hour},
		{6, 0, 32 * time.Hour},
		{20, 0, 7 * 24 * time.Hour},
		{1, 3 * time.Hour, 3 * time.Hour},
		{3, time.Minute, 4 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d failures, retry after %s", tt.failures, tt.retryAfter), func(t *testing.T) {
			if got := backoff(time.Hour, tt.failures, tt.retryAfter); got != tt.want {
				t.Errorf("backoff = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestFailureIsPerSource breaks one of two sources after a good fetch: the
// broken one records each failure, backs off further each time, and keeps
// its items; the other is untouched.
func TestFailureIsPerSource(t *testing.T) {
	var broken atomic.Int64 // the status the bad source answers; 0 serves its feed
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s := broken.Load(); s != 0 {
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(int(s))
			return
		}
		io.WriteString(w, rss("bad"))
	}))
	defer bad.Close()
	good := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss("good"))
	}))
	defer good.Close()
	fx := newFixture(t, partnersAt(bad.URL, good.URL), fetcher.NewClient(fetcher.ClientConfig{}), nil)
	fx.cycle(t)

	broken.Store(http.StatusServiceUnavailable)
	wantWait := []time.Duration{2 * time.Hour, 2 * time.Hour, 4 * time.Hour, 8 * time.Hour}
	for i, want := range wantWait {
		sum := fx.cycle(t)
		if sum.Failed != 1 || sum.Fetched != 1 {
			t.Fatalf("cycle %d: failed %d, fetched %d; want 1 and 1", i+1, sum.Failed, sum.Fetched)
		}
		st := fx.state(t, "p0", bad.URL)
		if st.Failures != i+1 || st.LastStatus != 503 || !strings.Contains(st.LastError, "503") {
			t.Errorf("cycle %d: state = failures %d, status %d, error %q; want %d, 503, an HTTP 503 error",
				i+1, st.Failures, st.LastStatus, st.LastError, i+1)
		}
		if got := st.NextDue.Sub(fx.now); got != want {
			t.Errorf("cycle %d: next due in %s, want %s (Retry-After 2h, then doubling from 1h)", i+1, got, want)
		}
		if got := len(fx.items(t, "p0")); got != 1 {
			t.Errorf("cycle %d: failing source holds %d items, want its 1 good one", i+1, got)
		}
		if gs := fx.state(t, "p1", good.URL); gs.Failures != 0 || gs.LastError != "" {
			t.Errorf("cycle %d: good source state = %+v, want no failures", i+1, gs)
		}
		fx.now = fx.now.Add(time.Minute)
	}

	broken.Store(0)
	fx.cycle(t)
	if st := fx.state(t, "p0", bad.URL); st.Failures != 0 || st.LastError != "" {
		t.Errorf("after recovery: failures %d, error %q; want 0 and none", st.Failures, st.LastError)
	}
}

// panicky panics for one URL and otherwise delegates.
type panicky struct {
	Fetcher
	url string
}

func (p panicky) Fetch(ctx context.Context, src fetcher.Source, v fetcher.Validators) (*fetcher.Result, error) {
	if src.URL == p.url {
		panic("parser bug")
	}
	return p.Fetcher.Fetch(ctx, src, v)
}

func TestPanicCostsOneSource(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(strings.Trim(r.URL.Path, "/")))
	}))
	defer srv.Close()
	boom, fine := srv.URL+"/boom", srv.URL+"/fine"
	fx := newFixture(t, partnersAt(boom, fine), panicky{fetcher.NewClient(fetcher.ClientConfig{}), boom}, nil)
	sum := fx.cycle(t)
	if sum.Failed != 1 || sum.Fetched != 1 {
		t.Fatalf("failed %d, fetched %d; want 1 and 1", sum.Failed, sum.Fetched)
	}
	st := fx.state(t, "p0", boom)
	if st.Failures != 1 || !strings.Contains(st.LastError, "parser bug") {
		t.Errorf("panicking source state: failures %d, error %q; want 1 and the panic", st.Failures, st.LastError)
	}
	if !errors.Is(sum.Sources[0].Err, ErrPanic) {
		t.Errorf("result err = %v, want ErrPanic", sum.Sources[0].Err)
	}
	if got := len(fx.items(t, "p1")); got != 1 {
		t.Errorf("other source stored %d items, want 1", got)
	}
}

// gauge counts requests in flight, remembering the most at once.
type gauge struct {
	mu       sync.Mutex
	now, max int
}

func (g *gauge) enter() {
	g.mu.Lock()
	g.now++
	g.max = max(g.max, g.now)
	g.mu.Unlock()
}

func (g *gauge) leave() {
	g.mu.Lock()
	g.now--
	g.mu.Unlock()
}

func TestConcurrencyBounds(t *testing.T) {
	const servers, perServer = 6, 4
	var overall gauge
	hosts := make([]*gauge, servers)
	var urls []string
	for i := range servers {
		hosts[i] = &gauge{}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			overall.enter()
			hosts[i].enter()
			time.Sleep(30 * time.Millisecond)
			hosts[i].leave()
			overall.leave()
			io.WriteString(w, rss(fmt.Sprintf("s%d%s", i, strings.ReplaceAll(r.URL.Path, "/", ""))))
		}))
		defer srv.Close()
		for j := range perServer {
			urls = append(urls, fmt.Sprintf("%s/f%d", srv.URL, j))
		}
	}
	fx := newFixture(t, partnersAt(urls...), fetcher.NewClient(fetcher.ClientConfig{}), func(c *Config) {
		c.Concurrency, c.PerHost = 3, 1
	})
	if sum := fx.cycle(t); sum.Fetched != servers*perServer {
		t.Fatalf("fetched %d, want %d", sum.Fetched, servers*perServer)
	}
	if overall.max > 3 {
		t.Errorf("most requests in flight overall = %d, want at most 3", overall.max)
	}
	if overall.max < 2 {
		t.Errorf("most requests in flight overall = %d: fetches did not run concurrently", overall.max)
	}
	for i, h := range hosts {
		if h.max != 1 {
			t.Errorf("server %d: most requests in flight = %d, want 1 (PerHost)", i, h.max)
		}
	}
}

func TestCapUpdate(t *testing.T) {
	tests := []struct {
		name, html, want string
		max              int
	}{
		{"short kept", "<p>Prayer: rain</p>", "<p>Prayer: rain</p>", 100},
		{"cut at a tag", "<p>Prayer: rain</p><p>Praise: sun</p>", "<p>Prayer: rain</p>", 21},
		{"cut inside text", "<p>Prayer: rain and wind</p>", "<p>Prayer: rain", 15},
		{"never splits a rune", "<p>Gebet: Grüße", "<p>Gebet: Gr", 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := capUpdate(fetcher.Update{HTML: tt.html, Title: strings.Repeat("t", 5000)}, tt.max)
			if got.HTML != tt.want {
				t.Errorf("HTML = %q, want %q", got.HTML, tt.want)
			}
			if len(got.Title) != maxTitleBytes {
				t.Errorf("title is %d bytes, want %d", len(got.Title), maxTitleBytes)
			}
		})
	}
}

func TestUniqueUpdates(t *testing.T) {
	in := []fetcher.Update{{GUID: "a", Title: "first"}, {GUID: "b"}, {GUID: "a", Title: "copy"}, {GUID: "c"}, {GUID: "b"}}
	got := uniqueUpdates(in)
	var ids []string
	for _, u := range got {
		ids = append(ids, u.GUID)
	}
	if strings.Join(ids, ",") != "a,b,c" || got[0].Title != "first" {
		t.Errorf("uniqueUpdates = %v (first title %q), want a,b,c keeping the first copy", ids, got[0].Title)
	}
}
