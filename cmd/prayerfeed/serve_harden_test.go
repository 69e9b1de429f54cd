package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// failingListener fails its first n accepts as a process out of file
// descriptors does.
type failingListener struct {
	net.Listener
	n atomic.Int32
}

func (l *failingListener) Accept() (net.Conn, error) {
	if l.n.Add(-1) >= 0 {
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: os.NewSyscallError("accept4", syscall.EMFILE)}
	}
	return l.Listener.Accept()
}

// TestServeSurvivesAcceptErrors: running out of file descriptors for a
// moment must not end serve (the old fast path returned on any accept
// error that was not a timeout).
func TestServeSurvivesAcceptErrors(t *testing.T) {
	_, cfg, db := farmSetup(t, 1, 1)
	base, stop := startServeWith(t, cfg, db, time.Hour, func(sc *serveConfig) {
		fl := &failingListener{Listener: sc.listener}
		fl.n.Store(3)
		sc.listener = fl
	})
	client := &http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get(base + "/healthz")
	if err != nil {
		t.Fatalf("GET /healthz after failed accepts: %v", err)
	}
	resp.Body.Close()
	if err := stop(); err != nil {
		t.Errorf("serve returned %v, want nil", err)
	}
}

// TestServeRefusesLongHeads: a request head of 64 KiB gets 431.
func TestServeRefusesLongHeads(t *testing.T) {
	_, cfg, db := farmSetup(t, 1, 1)
	base, _ := startServe(t, cfg, db, time.Hour)
	req, _ := http.NewRequest("GET", base+"/feed.atom", nil)
	req.Header.Set("X-Long", strings.Repeat("a", 64<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("status = %d, want 431", resp.StatusCode)
	}
}

// TestServeStopsWithClientsThatNeverRead: a stopping serve waits out its
// grace period for a client that pipelines requests and never reads, then
// closes it and returns nil (exit 0 after SIGTERM).
func TestServeStopsWithClientsThatNeverRead(t *testing.T) {
	_, cfg, db := farmSetup(t, 3, 20)
	base, stop := startServeWith(t, cfg, db, time.Hour, func(sc *serveConfig) { sc.shutdownGrace = 300 * time.Millisecond })
	waitFor(t, "the first fetch cycle's items", func() bool { return feedItems(t, base+"/feed.json") > 0 })
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.(*net.TCPConn).SetReadBuffer(4096)
	batch := []byte(strings.Repeat("GET /feed.xml HTTP/1.1\r\nHost: x\r\n\r\n", 16))
	// Pipeline until a write times out: serve has then stopped reading,
	// blocked on answers nobody reads.
	for deadline := time.Now().Add(10 * time.Second); ; {
		if time.Now().After(deadline) {
			t.Fatal("serve kept reading requests for 10 s without its answers being read")
		}
		c.SetWriteDeadline(time.Now().Add(100 * time.Millisecond))
		_, err := c.Write(batch)
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := stop(); err != nil {
		t.Errorf("serve returned %v with a client that never reads, want nil", err)
	}
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Errorf("the connection was left open after serve stopped")
	}
}
