package server

import (
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// hostilePoint is an item whose text, title and link try to become markup
// or script in a page that shows them.
func hostilePoint() feed.Item {
	it := point("ijm", "evil", 0, feed.KindPrayer, hostileText, time.Date(2026, 2, 20, 9, 0, 0, 0, time.UTC))
	it.UpdateTitle = `</a><script>alert("title")</script>`
	it.UpdateLink = "javascript:alert(document.cookie)"
	it.HTML = hostileText
	return it
}

func TestPagesEscapeHostileText(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	e.save(hostilePoint())
	for _, path := range []string{"/", "/embed", "/embed?count=50"} {
		t.Run(path, func(t *testing.T) {
			resp, body := e.get(path)
			if resp.StatusCode != 200 {
				t.Fatalf("status = %d", resp.StatusCode)
			}
			page := string(body)
			for _, bad := range []string{"<img", "<script>alert", "onerror=\"document", "javascript:alert"} {
				if strings.Contains(page, bad) {
					t.Errorf("page contains %q: partner text became markup", bad)
				}
			}
			for _, want := range []string{"&lt;img src=x onerror=", "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;/a&gt;&lt;script&gt;"} {
				if !strings.Contains(page, want) {
					t.Errorf("page lacks the escaped text %q", want)
				}
			}
			if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy = %q, want default-src 'none'", csp)
			}
		})
	}
}

func TestWallAutodiscovery(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	_, body := e.get("/")
	page := string(body)
	for _, want := range []string{
		`<link rel="alternate" type="application/atom+xml" title="Test Church prayer feed (Atom)" href="https://prayer.test/feed.atom">`,
		`<link rel="alternate" type="application/rss+xml" title="Test Church prayer feed (RSS)" href="https://prayer.test/feed.xml">`,
		`<link rel="alternate" type="application/feed+json" title="Test Church prayer feed (JSON Feed)" href="https://prayer.test/feed.json">`,
		`<html lang="en">`,
		"International Justice Mission",
		"Pray for the investigators travelling to Madurai next week",
		`<time datetime="2026-02-03T09:00:00Z">3 February 2026</time>`,
		`href="https://ijm.test/u2"`,
		`href="https://prayer.test/partners/kelu/feed.atom"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("wall lacks %s", want)
		}
	}
	if strings.Contains(page, "secret team") || strings.Contains(page, "Hidden Partner") {
		t.Errorf("wall shows the private partner")
	}
}
