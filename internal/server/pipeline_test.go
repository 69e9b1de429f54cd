package server

import (
	"strings"
	"testing"
)

// TestPipelinedRequests answers plain, HEAD and filtered requests
// pipelined on one connection, in order.
func TestPipelinedRequests(t *testing.T) {
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
		t.Errorf("the filtered feed lacks its praise item")
	}
}
