package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiscoverPlatforms: a WordPress letter page that links no feed
// leads to its /feed/; a Mailchimp letter pasted into discover - leads,
// through its "view in browser" link, to the audience's archive feed.
func TestDiscoverPlatforms(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/2026/03/spring-letter/":
			io.WriteString(w, `<html><head><meta name="generator" content="WordPress 6.5"><title>Spring letter – Okafor family</title></head><body><p>Dear friends</p></body></html>`)
		case "/feed/":
			w.Header().Set("Content-Type", "application/rss+xml")
			io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Okafor</title></channel></rss>`)
		case "/campaign/spring":
			io.WriteString(w, `<html><head><title>Spring letter</title></head><body><a href="https://us5.campaign-archive.com/home/?u=0a1b2c&amp;id=9f8e7d">Past issues</a><p>Dear friends</p></body></html>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	discover := func(stdin string, args ...string) string {
		t.Helper()
		if stdin != "" {
			f := filepath.Join(t.TempDir(), "letter.txt")
			os.WriteFile(f, []byte(stdin), 0o600)
			in, _ := os.Open(f)
			defer in.Close()
			old := os.Stdin
			os.Stdin = in
			defer func() { os.Stdin = old }()
		}
		var out, errb bytes.Buffer
		if err := run(context.Background(), append([]string{"discover", "--allow-private"}, args...), &out, &errb); err != nil {
			t.Fatalf("discover: %v\n%s", err, errb.String())
		}
		return out.String()
	}
	t.Run("WordPress page", func(t *testing.T) {
		out := discover("", srv.URL+"/2026/03/spring-letter/")
		if !strings.Contains(out, "url: "+srv.URL+"/feed/\n") || !strings.Contains(out, "WordPress feed") {
			t.Errorf("printed:\n%s\nwant the WordPress feed %s/feed/", out, srv.URL)
		}
	})
	t.Run("pasted Mailchimp letter", func(t *testing.T) {
		letter := "View this email in your browser <" + srv.URL + "/campaign/spring>\n\nDear friends,\nPray for the rains.\n"
		out := discover(letter, "-")
		if !strings.Contains(out, "url: https://us5.campaign-archive.com/feed?u=0a1b2c&id=9f8e7d") {
			t.Errorf("printed:\n%s\nwant the archive feed", out)
		}
	})
}
