package fetcher_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// churchSite is a partner church's web server: a news list, a prayer
// letter, a field-updates page whose counters and tokens change on every
// view, a page whose layout no longer fits its selectors, and a members'
// area its robots.txt keeps crawlers out of. It counts requests by path.
type churchSite struct {
	*httptest.Server
	mu   sync.Mutex
	hits map[string]int
}

const churchRobots = "User-agent: *\nDisallow: /cgi-bin/\n\nUser-agent: prayerfeed\nDisallow: /members/\n"

func newChurchSite(t *testing.T) *churchSite {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	pages := map[string]string{
		"/missions/news/":       read("news-list.html"),
		"/letters/current":      read("prayer-letter.html"),
		"/field-updates":        read("field-updates.html"),
		"/old-layout":           read("news-list.html"),
		"/members/prayer-chain": read("prayer-letter.html"),
		"/robots.txt":           churchRobots,
	}
	s := &churchSite{hits: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		n := s.hits[r.URL.Path]
		s.mu.Unlock()
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		body = strings.NewReplacer("{{views}}", fmt.Sprint(1000+17*n), "{{ago}}", fmt.Sprintf("%d minutes ago", 3*n),
			"{{token}}", fmt.Sprintf("tok%08x", n*2654435761)).Replace(body)
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *churchSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func churchConfig(t *testing.T, base string) *config.Config {
	t.Helper()
	yaml := strings.ReplaceAll(`title: Test prayer feed
base_url: https://prayer.grace.example
every: 1h
partners:
  - id: grace
    name: Grace Community Church
    sources:
      - type: page
        url: BASE/missions/news/
        select: {item: article.post, title: h2, link: "h2 a@href", date: time, content: .body}
      - type: page
        url: BASE/letters/current
  - id: hope
    name: Hope Valley Chapel
    sources:
      - type: page
        url: BASE/field-updates
        select: {item: .update}
      - type: page
        url: BASE/old-layout
        select: {item: div.news-item, title: h2}
      - type: page
        url: BASE/members/prayer-chain
`, "BASE", base)
	cfg, err := config.Parse("partners.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestWorkerPageSources runs the whole pipeline on each store: SQLite,
// and PostgreSQL.
func TestWorkerPageSources(t *testing.T) {
	for _, db := range []struct {
		name string
		path func(testing.TB) string
	}{
		{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "prayerfeed.db") }},
		{"postgres", pgtest.DB},
	} {
		t.Run(db.name, func(t *testing.T) { testWorkerPageSources(t, db.path(t)) })
	}
}

func testWorkerPageSources(t *testing.T, db string) {
	site := newChurchSite(t)
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := worker.New(worker.Config{
		Config: churchConfig(t, site.URL), Store: st, Fetcher: fetcher.NewClient(fetcher.ClientConfig{}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})

	var firstItems []feed.Item
	for cycle := 1; cycle <= 3; cycle++ {
		sum, err := w.RunOnce(ctx, worker.Options{All: true})
		if err != nil {
			t.Fatal(err)
		}
		items, err := st.Items(ctx, feed.Query{Limit: feed.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		if cycle == 1 {
			firstItems = items
			if sum.NewItems == 0 || len(items) != sum.NewItems {
				t.Fatalf("cycle 1: %d new items, %d stored; want some, all new", sum.NewItems, len(items))
			}
			continue
		}
		if sum.NewItems != 0 || len(items) != len(firstItems) {
			t.Errorf("cycle %d: %d new items, %d stored; want 0 new and still %d", cycle, sum.NewItems, len(items), len(firstItems))
		}
		if got := site.count("/robots.txt"); got != cycle {
			t.Errorf("after cycle %d robots.txt was fetched %d times, want once per cycle", cycle, got)
		}
	}

	perSource := map[string]int{}
	for _, it := range firstItems {
		perSource[strings.TrimPrefix(it.SourceURL, site.URL)]++
	}
	for _, src := range []string{"/missions/news/", "/letters/current", "/field-updates"} {
		if perSource[src] == 0 {
			t.Errorf("no items from %s (items per source: %v)", src, perSource)
		}
	}

	states, err := st.SourceStates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantErr := map[string]string{
		"/old-layout":           `selectors match nothing: item selector "div.news-item"`,
		"/members/prayer-chain": "disallowed by robots.txt",
	}
	for _, s := range states {
		path := strings.TrimPrefix(s.URL, site.URL)
		want, failing := wantErr[path]
		switch {
		case failing && (!strings.Contains(s.LastError, want) || s.Failures != 3):
			t.Errorf("%s: last error %q after %d failures, want %q after 3", path, s.LastError, s.Failures, want)
		case !failing && s.LastError != "":
			t.Errorf("%s: unexpected error %q", path, s.LastError)
		}
	}
	if len(states) != 5 {
		t.Errorf("got %d source states, want 5", len(states))
	}
	if n := site.count("/members/prayer-chain"); n != 0 {
		t.Errorf("the disallowed page was requested %d times", n)
	}
}
