package fetcher

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

func TestRobots(t *testing.T) {
	const rules = "User-agent: *\nDisallow: /private/\n\nUser-agent: prayerfeed\nDisallow: /letters/draft\nAllow: /\n"
	tests := []struct {
		name    string
		status  int
		body    string
		path    string
		allowed bool
	}{
		{"allowed path", 200, rules, "/news", true},
		{"our group's disallow", 200, rules, "/letters/draft-july", false},
		{"star group does not bind a named agent", 200, rules, "/private/x", true},
		{"star group when none names us", 200, "User-agent: *\nDisallow: /news\n", "/news?page=2", false},
		{"disallow all", 200, "User-agent: *\nDisallow: /\n", "/", false},
		{"empty file", 200, "", "/news", true},
		{"not found allows", 404, "", "/news", true},
		{"forbidden allows", 403, "", "/news", true},
		{"server error disallows", 503, "", "/news", false},
		{"too many requests disallows", 429, "", "/news", false},
		{"garbage allows", 200, "\x00\xff<html>not robots</html>", "/news", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path != "/robots.txt" {
					t.Errorf("unexpected request for %s", r.URL.Path)
				}
				w.WriteHeader(tt.status)
				w.Write([]byte(tt.body))
			}))
			defer srv.Close()
			err := NewClient(ClientConfig{}).checkRobots(context.Background(), srv.URL+tt.path)
			if got := err == nil; got != tt.allowed {
				t.Errorf("allowed = %v (err %v), want %v", got, err, tt.allowed)
			}
			if err != nil && !errors.Is(err, ErrRobotsDisallowed) {
				t.Errorf("error %v is not ErrRobotsDisallowed", err)
			}
		})
	}
}

func TestRobotsCachedPerCycle(t *testing.T) {
	var fetches atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			fetches.Add(1)
			w.Write([]byte("User-agent: prayerfeed\nDisallow: /no\n"))
		}
	}))
	defer srv.Close()
	c := NewClient(ClientConfig{})
	for cycle := 1; cycle <= 2; cycle++ {
		c.StartCycle()
		for _, p := range []string{"/a", "/b", "/no", "/c"} {
			c.checkRobots(context.Background(), srv.URL+p)
		}
		if got := int(fetches.Load()); got != cycle {
			t.Errorf("after cycle %d: %d robots.txt fetches, want %d", cycle, got, cycle)
		}
	}
}

func TestRobotsUnreachableIsAnError(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	err := NewClient(ClientConfig{}).checkRobots(context.Background(), url+"/news")
	if err == nil || errors.Is(err, ErrRobotsDisallowed) {
		t.Errorf("got %v, want a fetch error that is not a disallow", err)
	}
}
