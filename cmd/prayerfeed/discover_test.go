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

	"github.com/prayerfeed/prayerfeed/internal/config"
)

const livingWaterHome = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Living Water Mission – Wells and the Word in Northern Kenya</title>
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Living Water Mission » Feed" href="/feed/">
</head><body><main><p>We drill wells in Marsabit County.</p></main></body></html>`

const livingWaterFeed = `<?xml version="1.0"?><rss version="2.0"><channel><title>LW</title><link>/</link>
<item><title>Well 40</title><link>/well-40/</link><pubDate>Tue, 14 Jul 2026 08:00:00 +0000</pubDate>
<description><![CDATA[<p>Praise: water at 80 metres in Kargi!</p><p>Prayer: pray for the pump crew on the road to Loiyangalani.</p>]]></description></item>
</channel></rss>`

const kargiNews = `<html><head><title>News | Kargi Church</title></head><body><nav><a href="/">Home</a></nav>
<article><h2><a href="/n/1">Rain</a></h2><time datetime="2026-07-01">1 July</time><p>Praise: the rains came.</p></article>
<article><h2><a href="/n/2">School</a></h2><time datetime="2026-06-01">1 June</time><p>Prayer: pray for the teachers.</p></article>
</body></html>`

// partnerSite serves a partner's homepage, feeds and a news page.
func partnerSite(t *testing.T) *httptest.Server {
	t.Helper()
	pages := map[string]string{"/": livingWaterHome, "/feed/": livingWaterFeed, "/comments/feed/": livingWaterFeed, "/kargi/news": kargiNews}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestDiscoverPrintsPartnerEntry(t *testing.T) {
	srv := partnerSite(t)
	tests := []struct {
		name, path string
		want       []string
	}{
		{"homepage with feeds", "/", []string{
			"- id: living-water-mission\n", `name: "Living Water Mission"`, "homepage: " + srv.URL + "/\n",
			"      - type: rss\n        url: " + srv.URL + "/feed/\n", "      # - type: rss\n      #   url: " + srv.URL + "/comments/feed/\n",
		}},
		{"news page without feeds", "/kargi/news", []string{
			"- id: kargi-church\n", "# no feed found", "- type: page\n        url: " + srv.URL + "/kargi/news\n", `select: {item: "article"}`,
		}},
		{"a feed", "/feed/", []string{"- type: rss\n        url: " + srv.URL + "/feed/\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runCmd(t, "discover", "--allow-private", srv.URL+tt.path)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			yaml := "title: t\nbase_url: https://prayer.example\npartners:\n" + out
			if _, err := config.Parse("snippet.yaml", []byte(yaml)); err != nil {
				t.Errorf("snippet is not a valid partner entry: %v\n%s", err, out)
			}
		})
	}
}

func TestCheckLivePreviewsWithoutWriting(t *testing.T) {
	srv := partnerSite(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "partners.yaml")
	yaml := "title: t\nbase_url: https://prayer.example\npartners:\n" +
		"  - id: lw\n    name: Living Water Mission\n    sources:\n      - type: auto\n        url: " + srv.URL + "/\n" +
		"  - id: kargi\n    name: Kargi Church\n    sources:\n      - type: page\n        url: " + srv.URL + "/kargi/news\n        select: {item: article}\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "prayerfeed.db")
	out := runCmd(t, "--config", cfg, "--db", db, "check", "--live", "--partner", "kargi")
	for _, w := range []string{
		`update "Rain" (2026-07-01) ` + srv.URL + "/n/1: 1 points", "praise: the rains came.",
		`update "School" (2026-06-01) ` + srv.URL + "/n/2: 1 points", "prayer: pray for the teachers.",
		"2 updates, 2 points",
	} {
		if !strings.Contains(strings.ToLower(out), strings.ToLower(w)) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "Living Water") {
		t.Errorf("--partner kargi also checked another partner:\n%s", out)
	}
	out = runCmd(t, "--config", cfg, "--db", db, "check", "--live", "--partner", "lw")
	if !strings.Contains(out, "read "+srv.URL+"/feed/") || !strings.Contains(out, "2 points") {
		t.Errorf("auto source preview:\n%s", out)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("check --live touched the database: %v", err)
	}
}

// TestDiscoverRefusesLoopback: by default a pasted URL cannot make
// prayerfeed probe its own machine or network.
func TestDiscoverRefusesLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("discover reached the loopback server: %s", r.URL)
	}))
	defer srv.Close()
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"discover", srv.URL + "/"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), srv.URL) {
		t.Fatalf("discover of a loopback URL: err = %v, want a refusal naming %s", err, srv.URL)
	}
	if !strings.Contains(err.Error(), "prayerfeed discover --allow-private "+srv.URL) {
		t.Errorf("the refusal does not say how to allow it: %v", err)
	}
}
