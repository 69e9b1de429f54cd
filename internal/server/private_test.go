package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// church serves the sitetest fixture over loopback HTTP.
type church struct {
	*sitetest.Church
	site *site.Site
	url  string
	logs *strings.Builder
}

func newChurch(t *testing.T) *church {
	t.Helper()
	c := &church{Church: sitetest.New(t), logs: &strings.Builder{}}
	c.site = site.New(site.Config{Config: c.Config, Store: c.Store, Now: func() time.Time { return sitetest.Now }})
	srv := httptest.NewServer(New(Config{
		Site: c.site, Store: c.Store, Tokens: c.Store, Logger: slog.New(slog.NewTextHandler(c.logs, nil)),
	}))
	t.Cleanup(srv.Close)
	c.url = srv.URL
	return c
}

func (c *church) get(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(c.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func (c *church) token(t *testing.T, name string) string {
	t.Helper()
	tok, err := c.Store.CreateToken(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestPublicRoutesHideWhatIsPrivate(t *testing.T) {
	c := newChurch(t)
	paths := c.site.Paths(site.Scope{})
	for _, want := range []string{"/", "/embed", "/this-week.atom", "/calendar.ics", "/partners.opml", "/partners/ijm/feed.json"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths lacks %s", want)
		}
	}
	// The wall and the widget page carry this week's block, without the
	// private partner who shares the week.
	for _, p := range []string{"/", "/embed"} {
		if _, body := c.get(t, p); !bytes.Contains(body, []byte("This week we are praying for IJM, our partner in South Asia.")) {
			t.Errorf("%s lacks the this-week block:\n%s", p, body)
		}
	}
	for _, p := range paths {
		t.Run(p, func(t *testing.T) {
			resp, body := c.get(t, p)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d, want 200", resp.StatusCode)
			}
			if leaks := sitetest.Leaks(body); len(leaks) > 0 {
				t.Errorf("public %s holds %q:\n%s", p, leaks, body)
			}
		})
	}
	for _, p := range []string{"/partners/kelu/feed.atom", "/partners/kelu/feed.json", "/feed.atom?partner=kelu"} {
		t.Run(p, func(t *testing.T) {
			resp, body := c.get(t, p)
			// The self link echoes the reader's own query; the items and
			// names must not come back.
			if resp.StatusCode == http.StatusOK && (bytes.Contains(body, []byte(sitetest.PrivateMarker)) || bytes.Contains(body, []byte("Kelu Bible"))) {
				t.Errorf("public %s shows the private partner:\n%s", p, body)
			}
		})
	}
}

func TestPrivateRoutes(t *testing.T) {
	c := newChurch(t)
	valid := c.token(t, "reader")
	revoked := c.token(t, "former")
	if err := c.Store.RevokeToken(context.Background(), "former"); err != nil {
		t.Fatal(err)
	}
	// Redacted names stay redacted for token holders too.
	redacted := []string{"johanna", "bergstr", "okafor"}
	for _, p := range c.site.Paths(site.Scope{Private: true}) {
		if !privateRoutes.MatchString(p) {
			continue
		}
		t.Run(p, func(t *testing.T) {
			resp, body := c.get(t, "/private/"+valid+p)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("valid token: status %d, want 200", resp.StatusCode)
			}
			if cc := resp.Header.Get("Cache-Control"); !strings.HasPrefix(cc, "private") {
				t.Errorf("Cache-Control = %q, want private", cc)
			}
			wantPrivate := !strings.HasPrefix(p, "/partners/ijm/") && !strings.HasPrefix(p, "/partners/sim/")
			if got := bytes.Contains(body, []byte(sitetest.PrivateMarker)) || bytes.Contains(body, []byte("Kelu")); got != wantPrivate {
				t.Errorf("private partner shown = %v, want %v:\n%s", got, wantPrivate, body)
			}
			for _, w := range redacted {
				if strings.Contains(strings.ToLower(string(body)), w) {
					t.Errorf("holds redacted %q:\n%s", w, body)
				}
			}
			for _, tok := range []string{revoked, "no-such-token"} {
				if resp, _ := c.get(t, "/private/"+tok+p); resp.StatusCode != http.StatusNotFound {
					t.Errorf("token %.6s…: status %d, want 404", tok, resp.StatusCode)
				}
			}
		})
	}
	for _, p := range []string{"/partners.opml", "/status", "/partners/nope/feed.atom", "/feed.html"} {
		if resp, _ := c.get(t, "/private/"+valid+p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/private/TOKEN%s: status %d, want 404", p, resp.StatusCode)
		}
	}
	if strings.Contains(c.logs.String(), valid) || strings.Contains(c.logs.String(), revoked) {
		t.Errorf("a token reached the log:\n%s", c.logs)
	}
}

func TestPrivateETag(t *testing.T) {
	c := newChurch(t)
	u := c.url + "/private/" + c.token(t, "reader") + "/feed.atom"
	resp, _ := c.get(t, strings.TrimPrefix(u, c.url))
	etag := resp.Header.Get("ETag")
	req, _ := http.NewRequest("GET", u, nil)
	req.Header.Set("If-None-Match", etag)
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if etag == "" || resp2.StatusCode != http.StatusNotModified {
		t.Errorf("ETag %q, conditional status %d; want an ETag and 304", etag, resp2.StatusCode)
	}
}

func TestSafePath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/private/abcDEF-_123/feed.atom", "/private/REDACTED/feed.atom"},
		{"/private/abc", "/private/REDACTED"},
		{"/private//feed.atom", "/private/REDACTED/feed.atom"},
		{"/feed.atom", "/feed.atom"},
		{"/partners/private/feed.atom", "/partners/private/feed.atom"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := SafePath(tt.in); got != tt.want {
				t.Errorf("SafePath(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestPrivateFilterValuesAnswerAsUnknown: ?partner= with a private
// partner's id, or ?tag= with a tag only private partners carry, must be
// answered byte for byte as an unknown value is; feed_url used to echo
// the private id back, confirming that it exists.
func TestPrivateFilterValuesAnswerAsUnknown(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	for _, tt := range []struct{ private, unknown string }{
		{"/feed.json?partner=hidden", "/feed.json?partner=nosuch"},
		{"/feed.atom?partner=hidden", "/feed.atom?partner=nosuch"},
		{"/feed.xml?tag=secret-work", "/feed.xml?tag=nosuch"},
		{"/feed.json?partner=hidden&partner=ijm", "/feed.json?partner=nosuch&partner=ijm"},
	} {
		t.Run(tt.private, func(t *testing.T) {
			r1, private := e.get(tt.private)
			r2, unknown := e.get(tt.unknown)
			if r1.StatusCode != r2.StatusCode || string(private) != string(unknown) {
				t.Errorf("%s answered %d %.300q\nunlike %s: %d %.300q", tt.private, r1.StatusCode, private, tt.unknown, r2.StatusCode, unknown)
			}
			if strings.Contains(string(private), "hidden") || strings.Contains(string(private), "secret-work") {
				t.Errorf("%s names the private partner or its tag", tt.private)
			}
		})
	}
}
