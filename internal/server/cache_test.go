package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// fixedGeneration is a store whose generation the test sets.
type fixedGeneration struct{ gen atomic.Int64 }

func (f *fixedGeneration) Generation(context.Context) (int64, time.Time, error) {
	return f.gen.Load(), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), nil
}

func testCache(render renderFunc) (*cache, *fixedGeneration) {
	g := &fixedGeneration{}
	return newCache(cacheConfig{store: g, render: render, every: -1, max: 8, now: time.Now,
		logger: slog.New(slog.NewTextHandler(io.Discard, nil))}), g
}

func TestCacheRenderFailures(t *testing.T) {
	calls := 0
	c, _ := testCache(func(context.Context, string, url.Values, site.Scope) (*site.Page, error) {
		calls++
		switch calls {
		case 1:
			panic("renderer bug")
		case 2:
			return nil, errors.New("database is locked")
		}
		return &site.Page{Body: []byte("ok"), ContentType: "text/plain"}, nil
	})
	sn, err := c.snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() { recover() }()
		c.get(context.Background(), sn, "/k", "/k", nil, site.Scope{})
	}()
	// After the panic the key must be free again, not stuck waiting.
	done := make(chan *entry, 1)
	go func() { done <- c.get(context.Background(), sn, "/k", "/k", nil, site.Scope{}) }()
	select {
	case e := <-done:
		if e.status != 500 {
			t.Errorf("after a transient error: status %d, want 500", e.status)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a request waited forever on a render that panicked")
	}
	e := c.get(context.Background(), sn, "/k", "/k", nil, site.Scope{})
	if e.status != 0 || string(e.body) != "ok" {
		t.Errorf("third try: status %d body %q, want the page", e.status, e.body)
	}
	if calls != 3 {
		t.Errorf("renders = %d, want 3 (failures are not cached)", calls)
	}
}

func TestCacheNewGeneration(t *testing.T) {
	renders := 0
	c, g := testCache(func(context.Context, string, url.Values, site.Scope) (*site.Page, error) {
		renders++
		return &site.Page{Body: []byte("page"), ContentType: "text/plain"}, nil
	})
	ctx := context.Background()
	for range 3 {
		sn, _ := c.snapshot(ctx)
		c.get(ctx, sn, "/k", "/k", nil, site.Scope{})
	}
	if renders != 1 {
		t.Fatalf("renders = %d over one generation, want 1", renders)
	}
	g.gen.Add(1)
	sn, _ := c.snapshot(ctx)
	c.get(ctx, sn, "/k", "/k", nil, site.Scope{})
	if renders != 2 {
		t.Errorf("renders = %d after the generation moved, want 2", renders)
	}
}

func TestCacheExpires(t *testing.T) {
	renders := 0
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	g := &fixedGeneration{}
	c := newCache(cacheConfig{store: g, every: -1, max: 8, now: func() time.Time { return now },
		logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		render: func(context.Context, string, url.Values, site.Scope) (*site.Page, error) {
			renders++
			return &site.Page{Body: []byte("week"), ContentType: "text/plain", Expires: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)}, nil
		}})
	ctx := context.Background()
	sn, _ := c.snapshot(ctx)
	first := c.get(ctx, sn, "/", "/", nil, site.Scope{})
	c.get(ctx, sn, "/", "/", nil, site.Scope{})
	if renders != 1 {
		t.Fatalf("renders = %d before Monday, want 1", renders)
	}
	now = now.Add(13 * time.Hour) // Monday
	second := c.get(ctx, sn, "/", "/", nil, site.Scope{})
	if renders != 2 {
		t.Errorf("renders = %d after the page expired, want 2", renders)
	}
	if !second.modified.After(first.modified) {
		t.Errorf("Last-Modified %v after the new week, want later than %v", second.modified, first.modified)
	}
}
