package server

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// startFrontend serves e's Server through a Frontend over hs on loopback;
// the caller shuts it down.
func startFrontend(t *testing.T, e *env, hs *http.Server) (*Frontend, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fe := e.server.NewFrontend(hs)
	go fe.Serve(ln)
	return fe, ln.Addr().String()
}

// TestFrontendHeadErrorHasNoBody pipelines a HEAD the fast path answers
// with an error and a GET behind it: the error must carry no body, or the
// client reads it as the start of the next response.
func TestFrontendHeadErrorHasNoBody(t *testing.T) {
	e := newEnv(t, envOptions{})
	// With the store closed the first request cannot read the generation:
	// the fast path answers 500.
	e.store.Close()
	raw := "HEAD /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n" +
		"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
	resps := exchange(t, hostOf(e.url), raw, "HEAD", "GET")
	if got := resps[0].StatusCode; got != http.StatusInternalServerError {
		t.Errorf("HEAD status = %d, want 500", got)
	}
	if got, want := resps[1].StatusCode, http.StatusOK; got != want {
		t.Errorf("GET /healthz after the HEAD: status %d, want %d", got, want)
	}
	if got, want := readBody(resps[1]), "ok\n"; got != want {
		t.Errorf("GET /healthz after the HEAD: body %q, want %q", got, want)
	}
}

// TestFrontendWriteTimeout pipelines GETs and never reads the answers:
// the fast path's write must give up after the write timeout, so the
// connection is closed and Shutdown does not wait on it.
func TestFrontendWriteTimeout(t *testing.T) {
	e := newEnv(t, envOptions{plainHTTP: true}) // only for its store and Server
	e.save(manyItems(200)...)
	fe, addr := startFrontend(t, e, &http.Server{WriteTimeout: 200 * time.Millisecond})
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		req := []byte("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n")
		c.SetWriteDeadline(time.Now().Add(10 * time.Second))
		for {
			if _, err := c.Write(req); err != nil {
				return // the server closed the connection, or gave up reading
			}
		}
	}()
	time.Sleep(time.Second) // the server's socket buffers fill
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := fe.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown with a client that never reads = %v, want nil", err)
	}
	c.Close()
	wg.Wait()
}

// TestFrontendShutdownRacesIdle shuts down between a connection's check
// of closing and its idle read deadline: the connection must still close
// at once rather than wait out the idle timeout.
func TestFrontendShutdownRacesIdle(t *testing.T) {
	e := newEnv(t, envOptions{plainHTTP: true}) // only for its store and Server
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fe := e.server.NewFrontend(&http.Server{})
	shut := make(chan error, 1)
	var once sync.Once
	fe.idleHook = func() {
		once.Do(func() {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
				defer cancel()
				shut <- fe.Shutdown(ctx)
			}()
			// Shutdown sets closing and the deadlines under mu: once
			// closing is seen, taking mu waits for the deadlines.
			for !fe.closing.Load() {
				time.Sleep(time.Millisecond)
			}
			fe.mu.Lock()
			fe.mu.Unlock()
		})
	}
	go fe.Serve(ln)
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := <-shut; err != nil {
		t.Errorf("Shutdown = %v, want nil", err)
	}
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := bufio.NewReader(c).ReadByte(); err != io.EOF {
		t.Errorf("connection after Shutdown: read %v, want EOF", err)
	}
}
