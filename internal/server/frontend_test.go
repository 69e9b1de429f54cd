package server

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// exchange writes raw to addr on one connection and reads n responses.
// HEAD responses are read as such when methods says so.
func exchange(t *testing.T, addr, raw string, methods ...string) []*http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var out []*http.Response
	for _, m := range methods {
		resp, err := http.ReadResponse(br, &http.Request{Method: m})
		if err != nil {
			t.Fatalf("response %d of %q: %v", len(out)+1, raw, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body = io.NopCloser(bytes.NewReader(body))
		out = append(out, resp)
	}
	return out
}

func readBody(r *http.Response) string {
	b, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(b))
	return string(b)
}

func hostOf(url string) string { return strings.TrimPrefix(url, "http://") }

// TestFrontendHandsOffMidConnection serves fast-path requests, then one
// that needs net/http, then more, pipelined on one connection.
func TestFrontendHandsOffMidConnection(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	_, atom := e.get("/feed.atom")
	raw := "GET /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n" +
		"HEAD /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n" +
		"GET /feed.json?kind=praise HTTP/1.1\r\nHost: x\r\n\r\n" +
		"GET /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"
	resps := exchange(t, hostOf(e.url), raw, "GET", "HEAD", "GET", "GET")
	for i, want := range []struct {
		ctype string
		body  string
	}{
		{"application/atom+xml; charset=utf-8", string(atom)},
		{"application/atom+xml; charset=utf-8", ""},
		{"application/feed+json; charset=utf-8", ""},
		{"application/atom+xml; charset=utf-8", string(atom)},
	} {
		r := resps[i]
		if r.StatusCode != 200 || r.Header.Get("Content-Type") != want.ctype {
			t.Errorf("response %d: %d %q, want 200 %q", i+1, r.StatusCode, r.Header.Get("Content-Type"), want.ctype)
		}
		if body := readBody(r); want.body != "" && body != want.body {
			t.Errorf("response %d: body differs from the feed", i+1)
		}
	}
	if got := resps[1].Header.Get("Content-Length"); got != resps[0].Header.Get("Content-Length") {
		t.Errorf("HEAD Content-Length = %s, want the GET's %s", got, resps[0].Header.Get("Content-Length"))
	}
	if readBody(resps[1]) != "" {
		t.Errorf("HEAD answered with a body")
	}
	if !strings.Contains(readBody(resps[2]), "court ruling") {
		t.Errorf("the handed-off filtered feed lacks its praise item")
	}
}

// TestFrontendMatchesNetHTTP sends odd requests to the Frontend and to
// net/http alone: the fast path must hand every one of them over, so the
// answers are the same.
func TestFrontendMatchesNetHTTP(t *testing.T) {
	fe := newEnv(t, envOptions{})
	fe.fill()
	plain := newEnv(t, envOptions{plainHTTP: true})
	plain.fill()
	long := "GET /feed.atom HTTP/1.1\r\nHost: x\r\nX-Long: " + strings.Repeat("a", 5000) + "\r\n\r\n"
	tests := []struct{ name, raw string }{
		{"HTTP/1.0", "GET /feed.atom HTTP/1.0\r\n\r\n"},
		{"no Host", "GET /feed.atom HTTP/1.1\r\n\r\n"},
		{"bad Host", "GET /feed.atom HTTP/1.1\r\nHost: a b\r\n\r\n"},
		{"two Hosts", "GET /feed.atom HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
		{"POST", "POST /feed.atom HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"},
		{"GET with a body", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"},
		{"chunked", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
		{"folded header", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n"},
		{"bare LF", "GET /feed.atom HTTP/1.1\nHost: x\n\n"},
		{"space before colon", "GET /feed.atom HTTP/1.1\r\nHost : x\r\n\r\n"},
		{"NUL in value", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n"},
		{"long head", long},
		{"double slash", "GET //feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"dot segment", "GET /x/../feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"absolute form", "GET http://x/feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"encoded path", "GET /feed%2Eatom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"unknown path", "GET /Feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"OPTIONS", "OPTIONS /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"lower-case method", "get /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"Connection: close", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"},
		{"Expect", "GET /feed.atom HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n\r\n"},
		{"status without token", "GET /status HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"partner feed", "GET /partners/ijm/feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"private partner", "GET /partners/hidden/feed.atom HTTP/1.1\r\nHost: x\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exchange(t, hostOf(fe.url), tt.raw, "GET")[0]
			want := exchange(t, hostOf(plain.url), tt.raw, "GET")[0]
			if got.StatusCode != want.StatusCode {
				t.Fatalf("status = %d, net/http says %d", got.StatusCode, want.StatusCode)
			}
			if got.Header.Get("Content-Type") != want.Header.Get("Content-Type") {
				t.Errorf("Content-Type = %q, net/http says %q", got.Header.Get("Content-Type"), want.Header.Get("Content-Type"))
			}
			if g, w := readBody(got), readBody(want); g != w {
				t.Errorf("body differs from net/http's:\n got %.200q\nwant %.200q", g, w)
			}
		})
	}
}

func TestFrontendShutdown(t *testing.T) {
	e := newEnv(t, envOptions{plainHTTP: true}) // only for its store and Server
	e.fill()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fe := e.server.NewFrontend(&http.Server{})
	served := make(chan error, 1)
	go func() { served <- fe.Serve(ln) }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET /feed.atom HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("first request: %v %v", resp, err)
	}
	io.Copy(io.Discard, resp.Body)

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := fe.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown = %v, want nil", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("Shutdown took %v with one idle connection", took)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve = %v, want ErrServerClosed", err)
	}
	c.SetReadDeadline(time.Now().Add(2 * time.Second))
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		t.Errorf("idle connection after Shutdown: read %v, want EOF", err)
	}
	if _, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		t.Errorf("the listener still accepts after Shutdown")
	}
}

// FuzzParseFast checks the fast path's request parser against net/http's:
// whatever the fast path accepts, net/http reads as the same GET or HEAD
// of the same path, with no body and a kept-alive connection.
func FuzzParseFast(f *testing.F) {
	f.Add("GET /feed.atom HTTP/1.1\r\nHost: x\r\nIf-None-Match: \"a\"\r\n\r\n")
	f.Add("HEAD / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
	f.Add("GET /feed.atom HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
	f.Add("GET /a HTTP/1.1\r\nHost: x\r\nX: \tb\t\r\nConnection: keep-alive\r\n\r\n")
	f.Fuzz(func(t *testing.T, raw string) {
		if !strings.HasSuffix(raw, "\r\n\r\n") {
			raw += "\r\n\r\n"
		}
		head := []byte(raw[:strings.Index(raw, "\r\n\r\n")+4])
		if bareLF(head) {
			return // readHead hands these over before parsing
		}
		req, err := parseFast(head)
		if err != nil {
			return
		}
		hr, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
		if err != nil {
			t.Fatalf("fast path accepted %q, net/http refuses it: %v", head, err)
		}
		wantMethod := "GET"
		if req.head {
			wantMethod = "HEAD"
		}
		switch {
		case hr.Method != wantMethod:
			t.Errorf("method: net/http %q, fast path %q", hr.Method, wantMethod)
		case hr.RequestURI != req.path:
			t.Errorf("target: net/http %q, fast path %q", hr.RequestURI, req.path)
		case hr.ContentLength != 0 || len(hr.TransferEncoding) != 0:
			t.Errorf("fast path accepted a request with a body: %q", head)
		case hr.Close:
			t.Errorf("fast path accepted a request that closes the connection: %q", head)
		case len(hr.Header["If-None-Match"]) != len(req.ifNoneMatch):
			t.Errorf("If-None-Match: net/http %q, fast path %q", hr.Header["If-None-Match"], req.ifNoneMatch)
		}
	})
}
