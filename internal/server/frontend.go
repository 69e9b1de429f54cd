package server

import (
	"bufio"
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Frontend serves a listener for a Server. Every connection starts on a
// fast path that answers plain GET and HEAD requests for cached pages
// without a query string (what feed readers and the benchmarks send) from
// prebuilt response bytes, with no per-request goroutine or allocation.
// The first request of any other shape (a query, a body, Connection:
// close, HTTP/1.0, a header it does not fully understand) hands the
// connection, with the bytes already read, to net/http for the rest of its
// life, so everything unusual gets net/http's full handling.
//
// net/http spends about as much per request on bookkeeping (a background
// read, a goroutine, deadlines) as on the answer itself; for the 304 of a
// feed poll that made it ~0.6× nginx.
type Frontend struct {
	s    *Server
	hs   *http.Server
	hand *handoffListener

	fast map[string]fastRoute
	// writeTimeout bounds each fast-path write: hs.WriteTimeout, or
	// fastWriteTimeout when that is unset.
	writeTimeout time.Duration
	// idleHook, when set (by tests), runs each time a connection is about
	// to wait for its next request.
	idleHook func()

	mu       sync.Mutex
	ln       net.Listener
	conns    map[net.Conn]struct{}
	closing  atomic.Bool
	wg       sync.WaitGroup
	dateLine atomic.Pointer[dateLine]
}

// fastRoute is a route the fast path may answer.
type fastRoute struct {
	path    string
	metrics *routeMetrics
}

// Timeouts of the fast path; net/http's own apply after a handoff.
const (
	fastIdleTimeout   = 2 * time.Minute
	fastHeaderTimeout = 10 * time.Second
	// fastWriteTimeout bounds writing one response, so a client that
	// pipelines requests and never reads cannot hold a goroutine (and
	// Shutdown) forever.
	fastWriteTimeout = 30 * time.Second
	// fastMaxHeader bounds a request head on the fast path; a longer one
	// is handed to net/http, which applies its own limit.
	fastMaxHeader = 4096
)

// NewFrontend returns a Frontend for s; hs (its Handler is set to s)
// serves the connections the fast path hands over.
func (s *Server) NewFrontend(hs *http.Server) *Frontend {
	hs.Handler = s
	f := &Frontend{s: s, hs: hs, fast: map[string]fastRoute{}, conns: map[net.Conn]struct{}{}, writeTimeout: hs.WriteTimeout}
	if f.writeTimeout <= 0 {
		f.writeTimeout = fastWriteTimeout
	}
	for _, rt := range s.routes() {
		if !rt.page {
			continue
		}
		method, path, _ := strings.Cut(rt.pattern, " ")
		if method != "GET" || strings.ContainsAny(path, "{}") && path != "/{$}" {
			continue
		}
		if path == "/{$}" {
			path = "/"
		}
		fr := fastRoute{path: path}
		if s.cfg.Metrics != nil {
			fr.metrics = s.cfg.Metrics.forRoute(rt.name)
		}
		f.fast[path] = fr
	}
	return f
}

// Serve accepts connections on ln until Shutdown; it returns
// http.ErrServerClosed after Shutdown, like http.Server.Serve.
func (f *Frontend) Serve(ln net.Listener) error {
	f.mu.Lock()
	f.ln = ln
	f.hand = &handoffListener{addr: ln.Addr(), conns: make(chan net.Conn), done: make(chan struct{})}
	f.mu.Unlock()
	httpDone := make(chan error, 1)
	go func() { httpDone <- f.hs.Serve(f.hand) }()
	for {
		c, err := ln.Accept()
		if err != nil {
			if f.closing.Load() {
				return http.ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			f.hand.Close()
			return err
		}
		if !f.track(c) {
			c.Close()
			continue
		}
		go f.serveConn(c)
	}
}

// Shutdown stops accepting, closes idle fast-path connections, lets
// requests in flight finish, and shuts down net/http's connections, until
// ctx ends.
func (f *Frontend) Shutdown(ctx context.Context) error {
	f.mu.Lock()
	f.closing.Store(true)
	if f.ln != nil {
		f.ln.Close()
	}
	for c := range f.conns {
		// Wakes a connection waiting for its next request; one writing a
		// response finishes it, then sees closing.
		c.SetReadDeadline(time.Now())
	}
	f.mu.Unlock()
	err := f.hs.Shutdown(ctx)
	done := make(chan struct{})
	go func() { f.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		if err == nil {
			err = ctx.Err()
		}
	}
	return err
}

func (f *Frontend) track(c net.Conn) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.closing.Load() {
		return false
	}
	f.conns[c] = struct{}{}
	f.wg.Add(1)
	return true
}

func (f *Frontend) untrack(c net.Conn) {
	f.mu.Lock()
	delete(f.conns, c)
	f.mu.Unlock()
	f.wg.Done()
}

// serveConn answers fast-path requests on c until one needs net/http.
func (f *Frontend) serveConn(c net.Conn) {
	br := bufio.NewReaderSize(c, fastMaxHeader)
	var out net.Buffers
	handedOff := false
	defer func() {
		f.untrack(c)
		if !handedOff {
			c.Close()
		}
	}()
	for !f.closing.Load() {
		if f.idleHook != nil {
			f.idleHook()
		}
		c.SetReadDeadline(time.Now().Add(fastIdleTimeout))
		// Shutdown may have set its deadline between the check above and
		// ours, which replaced it: look again, or wait out the idle
		// timeout.
		if f.closing.Load() {
			return
		}
		head, err := readHead(br, c)
		if err != nil && !errors.Is(err, errNotFast) {
			return
		}
		var req fastRequest
		if err == nil {
			req, err = parseFast(head)
		}
		fr, ok := f.fast[req.path]
		req.path = fr.path
		if err != nil || !ok {
			c.SetDeadline(time.Time{}) // net/http sets its own
			handedOff = f.hand.handoff(&bufferedConn{Conn: c, r: br})
			return
		}
		start := time.Now()
		code := f.answer(c, &out, req, start)
		br.Discard(len(head))
		if fr.metrics != nil {
			fr.metrics.observe(code, time.Since(start))
		}
		if code == 0 {
			return
		}
	}
}

// answer writes the response to one fast-path request and returns its
// status, or 0 when the connection failed.
func (f *Frontend) answer(c net.Conn, out *net.Buffers, req fastRequest, now time.Time) int {
	sn, err := f.s.cache.snapshot(context.Background())
	if err != nil {
		return f.answerError(c, req.head, http.StatusInternalServerError, "internal error\n", now)
	}
	e := f.s.cache.get(context.Background(), sn, req.path, req.path, nil, site.Scope{}) // no query: the key is the path
	if e.status != 0 {
		return f.answerError(c, req.head, e.status, e.msg+"\n", now)
	}
	gz := e.gz != nil && acceptsGzip(req.acceptEncoding)
	idx, code, body := rawFull, http.StatusOK, e.body
	if gz {
		idx, body = rawFullGzip, e.gz
	}
	if e.notModified(req.ifNoneMatch, req.ifModifiedSince) {
		idx, code, body = idx+2, http.StatusNotModified, nil
	}
	if req.head {
		body = nil
	}
	*out = append((*out)[:0], e.raw[idx], f.date(now), body)
	c.SetWriteDeadline(now.Add(f.writeTimeout))
	if _, err := out.WriteTo(c); err != nil {
		return 0
	}
	return code
}

// answerError writes a plain-text error, without the body for a HEAD (one
// would be read as the start of the next response); the page not
// rendering is rare enough not to need prebuilt bytes.
func (f *Frontend) answerError(c net.Conn, head bool, code int, msg string, now time.Time) int {
	var b []byte
	b = append(b, "HTTP/1.1 "...)
	b = append(b, strconv.Itoa(code)...)
	b = append(b, ' ')
	b = append(b, http.StatusText(code)...)
	b = append(b, "\r\n"...)
	b = appendHeader(b, "Content-Type", textPlain[0])
	b = appendHeader(b, "X-Content-Type-Options", nosniff[0])
	b = appendHeader(b, "Content-Length", strconv.Itoa(len(msg)))
	b = append(b, f.date(now)...)
	if !head {
		b = append(b, msg...)
	}
	c.SetWriteDeadline(now.Add(f.writeTimeout))
	if _, err := c.Write(b); err != nil {
		return 0
	}
	return code
}

// dateLine is the Date header and the blank line that ends a head, for
// one second.
type dateLine struct {
	sec  int64
	line []byte
}

func (f *Frontend) date(now time.Time) []byte {
	sec := now.Unix()
	if d := f.dateLine.Load(); d != nil && d.sec == sec {
		return d.line
	}
	line := append([]byte("Date: "), now.UTC().Format(http.TimeFormat)...)
	line = append(line, "\r\n\r\n"...)
	f.dateLine.Store(&dateLine{sec: sec, line: line})
	return line
}

// bufferedConn is a connection whose first bytes were already read into r.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (b *bufferedConn) Read(p []byte) (int, error) { return b.r.Read(p) }

// handoffListener is the net.Listener net/http serves: it yields the
// connections the fast path hands over.
type handoffListener struct {
	addr  net.Addr
	conns chan net.Conn
	done  chan struct{}
	once  sync.Once
}

func (l *handoffListener) handoff(c net.Conn) bool {
	select {
	case l.conns <- c:
		return true
	case <-l.done:
		return false
	}
}

func (l *handoffListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *handoffListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return nil
}

func (l *handoffListener) Addr() net.Addr { return l.addr }
