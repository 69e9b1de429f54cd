package server

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// renderTimeout bounds one render; it runs detached from the request that
// started it, because other requests may be waiting for the same page.
const renderTimeout = 30 * time.Second

type renderFunc func(ctx context.Context, route string, q url.Values, sc site.Scope) (*site.Page, error)

type cacheConfig struct {
	store    Generationer
	render   renderFunc
	every    time.Duration
	max      int
	now      func() time.Time
	logger   *slog.Logger
	onRender func()
}

// cache holds rendered pages for the store's current generation. A new
// generation starts an empty snapshot; the old one is dropped whole, so no
// page outlives the items it was rendered from.
type cache struct {
	cfg cacheConfig
	cur atomic.Pointer[snapshot]
	// stale is set when the last generation check is older than
	// cfg.every, by a timer rather than by reading the clock on every
	// request.
	stale    atomic.Bool
	checking atomic.Bool
	initMu   sync.Mutex
}

// snapshot is the cache of one store generation.
type snapshot struct {
	gen          int64
	modified     time.Time // whole seconds, as Last-Modified carries them
	lastModified []string
	entries      sync.Map // cache key → *entry
	size         atomic.Int64
	// tick counts the entries added; an entry records the tick of its
	// last use, so eviction finds the least recently used. Hits compare
	// before storing, so a hot entry is written once per miss, not on
	// every request.
	tick atomic.Int64
}

func newCache(cfg cacheConfig) *cache {
	if cfg.onRender == nil {
		cfg.onRender = func() {}
	}
	return &cache{cfg: cfg}
}

func (c *cache) invalidate() { c.stale.Store(true) }

// snapshot returns the current generation's snapshot, reading the store's
// generation when the last check is older than cfg.every. Only one request
// checks at a time; the others answer from the snapshot they have.
func (c *cache) snapshot(ctx context.Context) (*snapshot, error) {
	sn := c.cur.Load()
	if sn != nil && !c.stale.Load() {
		return sn, nil
	}
	if sn == nil {
		c.initMu.Lock()
		defer c.initMu.Unlock()
		if sn = c.cur.Load(); sn != nil {
			return sn, nil
		}
		return c.refresh(ctx, nil)
	}
	if !c.checking.CompareAndSwap(false, true) {
		return sn, nil
	}
	defer c.checking.Store(false)
	fresh, err := c.refresh(ctx, sn)
	if err != nil {
		// Serving the last good pages beats failing every request.
		c.cfg.logger.Error("check store generation", "err", err)
		return sn, nil
	}
	return fresh, nil
}

// refresh reads the generation and starts a new snapshot if it moved.
func (c *cache) refresh(ctx context.Context, old *snapshot) (*snapshot, error) {
	now := c.cfg.now()
	// Marked fresh before the read, so a failing store is retried once
	// per interval rather than by every request.
	c.stale.Store(false)
	if c.cfg.every > 0 {
		time.AfterFunc(c.cfg.every, func() { c.stale.Store(true) })
	} else {
		c.stale.Store(true)
	}
	gen, changed, err := c.cfg.store.Generation(ctx)
	if err != nil {
		return nil, err
	}
	if old != nil && old.gen == gen {
		return old, nil
	}
	if changed.IsZero() {
		changed = now
	}
	changed = changed.UTC().Truncate(time.Second)
	sn := &snapshot{gen: gen, modified: changed, lastModified: []string{changed.Format(http.TimeFormat)}}
	c.cur.Store(sn)
	return sn, nil
}

// entry is one rendered page with everything a response needs,
// precomputed so that answering it is a few map assignments and a write.
type entry struct {
	ready chan struct{}
	// used is sn.tick when the entry was last asked for.
	used atomic.Int64
	// status and msg are set for a route that renders an error page.
	status int
	msg    string

	// expires (unix nanoseconds) is when a page that shows this week's
	// rotation must be rendered again; 0 for pages that change only with
	// the store.
	expires int64
	// modified is the page's Last-Modified: the store's last change, or
	// for a weekly page its render time, so If-Modified-Since sees the
	// new week.
	modified                      time.Time
	lastModified                  []string
	body, gz                      []byte
	etag, etagGz                  string
	etagH, etagGzH                []string
	contentType, length, gzLength []string
	cors                          bool
	contentSecurity               []string
}

// get returns key's entry in sn, rendering it if no request has yet. Other
// requests for the same key wait for that render instead of repeating it.
func (c *cache) get(ctx context.Context, sn *snapshot, key, route string, q url.Values, sc site.Scope) *entry {
	if v, ok := sn.entries.Load(key); ok {
		e := v.(*entry)
		<-e.ready
		if e.expires == 0 || c.cfg.now().UnixNano() < e.expires {
			sn.touch(e)
			return e
		}
		if sn.entries.CompareAndDelete(key, e) {
			sn.size.Add(-1)
		}
	}
	e := &entry{ready: make(chan struct{})}
	e.used.Store(sn.tick.Add(1))
	if v, loaded := sn.entries.LoadOrStore(key, e); loaded {
		e = v.(*entry)
		<-e.ready
		sn.touch(e)
		return e
	}
	if sn.size.Add(1) > int64(c.cfg.max) {
		sn.evictOne(key)
	}
	c.render(ctx, sn, key, e, route, q, sc)
	return e
}

// touch marks e as just used.
func (sn *snapshot) touch(e *entry) {
	if t := sn.tick.Load(); e.used.Load() != t {
		e.used.Store(t)
	}
}

// render fills e and wakes the requests waiting for it, even if rendering
// panics. An error page is dropped once the waiting requests have it: a
// failed render so the next request tries again, a 404 or 400 because
// readers choose the paths and queries that make them, and each would
// otherwise take a cache entry.
func (c *cache) render(ctx context.Context, sn *snapshot, key string, e *entry, route string, q url.Values, sc site.Scope) {
	e.status, e.msg = http.StatusInternalServerError, "internal error" // until fill says otherwise
	defer func() {
		if e.status != 0 && sn.entries.CompareAndDelete(key, e) {
			sn.size.Add(-1)
		}
		close(e.ready)
	}()
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), renderTimeout)
	defer cancel()
	c.cfg.onRender()
	page, err := c.cfg.render(rctx, route, q, sc)
	e.fill(page, err)
	if err != nil {
		if e.status == http.StatusInternalServerError {
			c.cfg.logger.Error("render", "route", route, "err", err)
		}
		return
	}
	e.modified, e.lastModified = sn.modified, sn.lastModified
	if !page.Expires.IsZero() {
		e.expires = page.Expires.UnixNano()
		if now := c.cfg.now().UTC().Truncate(time.Second); now.After(e.modified) {
			e.modified = now
			e.lastModified = []string{now.Format(http.TimeFormat)}
		}
	}
}

// evictOne drops the least recently used finished entry other than keep,
// to bound the cache however many distinct query strings readers send
// while keeping the pages readers keep asking for. The scan is linear, but
// it runs only before a render, which costs far more.
func (sn *snapshot) evictOne(keep string) {
	var oldKey any
	var old *entry
	sn.entries.Range(func(k, v any) bool {
		e := v.(*entry)
		if k.(string) == keep || old != nil && e.used.Load() >= old.used.Load() {
			return true
		}
		select {
		case <-e.ready:
			oldKey, old = k, e
		default:
		}
		return true
	})
	if old != nil && sn.entries.CompareAndDelete(oldKey, old) {
		sn.size.Add(-1)
	}
}

// minGzip is the smallest body worth compressing.
const minGzip = 512

func (e *entry) fill(page *site.Page, err error) {
	switch {
	case errors.Is(err, site.ErrNotFound):
		e.status, e.msg = http.StatusNotFound, "404 page not found"
		return
	case errors.Is(err, site.ErrBadQuery):
		e.status, e.msg = http.StatusBadRequest, err.Error()
		return
	case err != nil:
		e.status, e.msg = http.StatusInternalServerError, "internal error"
		return
	}
	e.status = 0
	e.body = page.Body
	sum := sha256.Sum256(page.Body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:18])
	e.etag, e.etagGz = `"`+tag+`"`, `"`+tag+`-gz"`
	e.etagH, e.etagGzH = []string{e.etag}, []string{e.etagGz}
	e.contentType = []string{page.ContentType}
	e.length = []string{strconv.Itoa(len(page.Body))}
	if gz := gzipped(page.Body); gz != nil {
		e.gz, e.gzLength = gz, []string{strconv.Itoa(len(gz))}
	}
	e.cors = strings.HasPrefix(page.ContentType, "application/feed+json") ||
		strings.HasPrefix(page.ContentType, "application/json") ||
		strings.HasPrefix(page.ContentType, "text/javascript")
	if strings.HasPrefix(page.ContentType, "text/html") {
		// The pages run no script and load nothing; partner text that got
		// through anyway could not do anything.
		e.contentSecurity = []string{"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"}
		if page.Script {
			// The iframe widget runs embed.js, from this site only.
			e.contentSecurity = []string{"default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'"}
		}
	}
}

// gzipped compresses body, or returns nil when that would not help.
func gzipped(body []byte) []byte {
	if len(body) < minGzip {
		return nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	zw.Write(body)
	zw.Close()
	if buf.Len() >= len(body) {
		return nil
	}
	return buf.Bytes()
}
