package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// listen serves hs on a loopback port and returns its address; the test's
// cleanup closes hs.
func listen(t *testing.T, hs *http.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	return ln.Addr().String()
}

// panicky renders by panicking, as a bug in a template would.
type panicky struct{ Renderer }

func (panicky) Render(context.Context, string, url.Values, site.Scope) (*site.Page, error) {
	panic("render bug")
}

// TestPanicLosesOneConnection: a panic while rendering must cost the
// request that hit it, not the process (the old fast path had no
// recover, so one bad page ended serve).
func TestPanicLosesOneConnection(t *testing.T) {
	e := newEnv(t, envOptions{})
	s := New(Config{Site: panicky{e.server.cfg.Site}, Store: e.store, CheckEvery: -1})
	addr := listen(t, s.HTTPServer(slog.New(slog.DiscardHandler)))
	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	if resp, err := client.Get("http://" + addr + "/feed.atom"); err == nil {
		resp.Body.Close()
		t.Fatalf("GET /feed.atom with a panicking renderer: status %d, want the connection dropped", resp.StatusCode)
	}
	resp, err := client.Get("http://" + addr + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz after the panic: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("GET /healthz after the panic: status %d", resp.StatusCode)
	}
}

// TestHTTPServerLimits checks the production settings a client meets:
// every phase of a connection has a deadline, an idle connection goes
// after 10 s (the fast path held it 120 s), request heads are bounded.
func TestHTTPServerLimits(t *testing.T) {
	hs := newEnv(t, envOptions{}).server.HTTPServer(nil)
	for _, tt := range []struct {
		name      string
		got, want time.Duration
	}{
		{"ReadHeaderTimeout", hs.ReadHeaderTimeout, 10 * time.Second},
		{"ReadTimeout", hs.ReadTimeout, 30 * time.Second},
		{"WriteTimeout", hs.WriteTimeout, 30 * time.Second},
		{"IdleTimeout", hs.IdleTimeout, 10 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got <= 0 || tt.got > tt.want {
				t.Errorf("%s = %v, want in (0, %v]", tt.name, tt.got, tt.want)
			}
		})
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 64<<10 {
		t.Errorf("MaxHeaderBytes = %d, want in (0, 64 KiB]", hs.MaxHeaderBytes)
	}
}

// TestSilentConnectionClosed: a connection that sends nothing, or goes
// idle after a request, is closed by the read-header and idle timeouts.
func TestSilentConnectionClosed(t *testing.T) {
	e := newEnv(t, envOptions{})
	for _, tt := range []struct{ name, send string }{
		{"never sends", ""},
		{"idle after a request", "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"half a head", "GET /healthz HTTP/1.1\r\nHost: x\r\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs := e.server.HTTPServer(nil)
			hs.ReadHeaderTimeout, hs.IdleTimeout = 200*time.Millisecond, 200*time.Millisecond
			c, err := net.Dial("tcp", listen(t, hs))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			io.WriteString(c, tt.send)
			c.SetReadDeadline(time.Now().Add(5 * time.Second))
			start := time.Now()
			_, err = io.Copy(io.Discard, c)
			if err != nil {
				t.Fatalf("connection not closed by the server: %v after %v", err, time.Since(start))
			}
		})
	}
}

// TestLongHeadRefused: a request head past MaxHeaderBytes gets 431.
func TestLongHeadRefused(t *testing.T) {
	e := newEnv(t, envOptions{})
	raw := "GET /feed.atom HTTP/1.1\r\nHost: x\r\nX-Long: " + strings.Repeat("a", 64<<10) + "\r\n\r\n"
	if got := exchange(t, hostOf(e.url), raw, "GET")[0].StatusCode; got != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status = %d, want 431", got)
	}
}

// TestShutdownClosesClientsThatNeverRead pipelines requests and never
// reads the answers: Shutdown must still return nil once its deadline
// passes, having closed the connection.
func TestShutdownClosesClientsThatNeverRead(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.save(manyItems(200)...)
	hs := e.server.HTTPServer(nil)
	addr := listen(t, hs)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	fillConnection(t, c, "GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	// Whether the answer being written still fits the socket buffers
	// (drained) depends on the machine; either way Shutdown must end.
	drained, err := Shutdown(ctx, hs)
	if err != nil {
		t.Errorf("Shutdown with a client that never reads = %v, %v; want nil", drained, err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, c); err != nil && !isReset(err) {
		t.Errorf("connection after Shutdown: %v, want it closed", err)
	}
}

func isReset(err error) bool {
	var ne net.Error
	return !errors.As(err, &ne) || !ne.Timeout()
}

// fillConnection pipelines req on c without reading any answer until a
// write times out: the server has then stopped reading requests, because
// it is blocked writing answers nobody reads.
func fillConnection(t *testing.T, c net.Conn, req string) {
	t.Helper()
	batch := []byte(strings.Repeat(req, 16))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		_, err := c.Write(batch)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			c.SetWriteDeadline(time.Time{})
			return
		}
		if err != nil {
			t.Fatalf("pipelining requests: %v", err)
		}
	}
	t.Fatal("the server kept reading requests for 10 s without its answers being read")
}
