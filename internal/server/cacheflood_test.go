package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// countingRenderer counts the renders of the Renderer it wraps.
type countingRenderer struct {
	Renderer
	renders atomic.Int64
}

func (c *countingRenderer) Render(ctx context.Context, route string, q url.Values, sc site.Scope) (*site.Page, error) {
	c.renders.Add(1)
	return c.Renderer.Render(ctx, route, q, sc)
}

// floodEnv is a Server over e's site whose renders are counted.
func floodEnv(t *testing.T) (*Server, *countingRenderer) {
	e := newEnv(t, envOptions{})
	e.fill()
	cr := &countingRenderer{Renderer: e.server.cfg.Site}
	return New(Config{Site: cr, Store: e.store, CheckEvery: -1}), cr
}

func serveGet(s *Server, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
	return w
}

// TestCacheFloodSharesOneEntry sends filter values no partner has, and
// limits past the most the store serves: each family of URLs is one
// render, and the unknown partners still match nothing.
func TestCacheFloodSharesOneEntry(t *testing.T) {
	tests := []struct {
		name      string
		target    func(i int) string
		wantItems int
	}{
		{"unknown partners", func(i int) string { return fmt.Sprintf("/feed.json?limit=500&partner=junk%d", i) }, 0},
		{"unknown tags", func(i int) string { return fmt.Sprintf("/feed.json?tag=junk%d", i) }, 0},
		{"known and unknown partners", func(i int) string { return fmt.Sprintf("/feed.json?partner=kelu&partner=junk%d", i) }, 2},
		{"huge limits", func(i int) string { return fmt.Sprintf("/feed.json?limit=%d", 500+i) }, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, cr := floodEnv(t)
			for i := range 30 {
				w := serveGet(s, tt.target(i))
				if w.Code != http.StatusOK {
					t.Fatalf("GET %s: status %d, want 200", tt.target(i), w.Code)
				}
				var doc struct{ Items []json.RawMessage }
				if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
					t.Fatalf("GET %s: %v", tt.target(i), err)
				}
				if len(doc.Items) != tt.wantItems {
					t.Errorf("GET %s: %d items, want %d", tt.target(i), len(doc.Items), tt.wantItems)
				}
			}
			if got := cr.renders.Load(); got != 1 {
				t.Errorf("renders = %d for 30 equivalent URLs, want 1", got)
			}
		})
	}
}

// TestCacheKeepsNoErrorPages requests paths and queries that are 404 and
// 400: none may take a cache entry, since readers can invent any number.
func TestCacheKeepsNoErrorPages(t *testing.T) {
	tests := []struct {
		name   string
		target func(i int) string
		want   int
	}{
		{"unknown partner feeds", func(i int) string { return fmt.Sprintf("/partners/junk%d/feed.xml", i) }, http.StatusNotFound},
		{"bad kinds", func(i int) string { return fmt.Sprintf("/feed.atom?kind=junk%d", i) }, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := floodEnv(t)
			serveGet(s, "/feed.xml")
			for i := range 30 {
				if w := serveGet(s, tt.target(i)); w.Code != tt.want {
					t.Fatalf("GET %s: status %d, want %d", tt.target(i), w.Code, tt.want)
				}
			}
			if got := s.cache.cur.Load().size.Load(); got != 1 {
				t.Errorf("cache holds %d entries, want 1 (/feed.xml alone)", got)
			}
		})
	}
}

// TestCacheEvictsLeastRecentlyUsed fills a small cache with new keys while
// one key is asked for between them: that key must never be evicted.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	renders := map[string]int{}
	c, _ := testCache(func(_ context.Context, route string, _ url.Values, _ site.Scope) (*site.Page, error) {
		renders[route]++
		return &site.Page{Body: []byte(route), ContentType: "text/plain"}, nil
	})
	ctx := context.Background()
	sn, err := c.snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		c.get(ctx, sn, "/hot", "/hot", nil, site.Scope{})
		k := fmt.Sprintf("/cold%d", i)
		c.get(ctx, sn, k, k, nil, site.Scope{})
	}
	if got := renders["/hot"]; got != 1 {
		t.Errorf("/hot rendered %d times, want 1: it was evicted while in use", got)
	}
	if got, max := sn.size.Load(), int64(c.cfg.max); got > max {
		t.Errorf("cache holds %d entries, want at most %d", got, max)
	}
	// The oldest cold keys are gone, the newest still there.
	if _, ok := sn.entries.Load("/cold0"); ok {
		t.Errorf("/cold0, the least recently used, is still cached")
	}
	if _, ok := sn.entries.Load("/cold199"); !ok {
		t.Errorf("/cold199, just added, is not cached")
	}
}
