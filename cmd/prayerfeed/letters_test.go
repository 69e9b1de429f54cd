package main

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// letters serves one partner's RSS feed over loopback; tests change a
// letter's body between fetches to see what survives a re-fetch.
type letters struct {
	mu     sync.Mutex
	bodies []string // one per update, GUID letter-N
	srv    *httptest.Server
}

func newLetters(t *testing.T, bodies ...string) *letters {
	l := &letters{bodies: bodies}
	l.srv = httptest.NewServer(http.HandlerFunc(l.serve))
	t.Cleanup(l.srv.Close)
	return l
}

func (l *letters) set(i int, body string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.bodies[i] = body
}

func (l *letters) serve(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Letters</title><link>` + l.srv.URL + `</link>`)
	for i, body := range l.bodies {
		fmt.Fprintf(&b, `<item><title>Letter %d</title><link>%s/letter-%d</link><guid>letter-%d</guid>
			<pubDate>Mon, 0%d Mar 2026 10:00:00 GMT</pubDate><description>%s</description></item>`,
			i, l.srv.URL, i, i, i+2, html.EscapeString(body))
	}
	b.WriteString(`</channel></rss>`)
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Write([]byte(b.String()))
}

// lettersConfig writes a partners.yaml with partner "ijm" reading l
// (review: auto) and, when held is set, partner "kelu" on review: hold
// reading held.
func lettersConfig(t *testing.T, l *letters, held *letters, extra string) (cfg, db string) {
	t.Helper()
	dir := t.TempDir()
	y := "title: Test prayers\nbase_url: https://prayer.example\nadmin_token: s3cret-admin\n" + extra + "partners:\n" +
		"  - id: ijm\n    name: International Justice Mission\n    sources:\n      - type: rss\n        url: " + l.srv.URL + "/feed.xml\n"
	if held != nil {
		y += "  - id: kelu\n    name: Kelu Bible Translation\n    review: hold\n    sources:\n      - type: rss\n        url: " + held.srv.URL + "/feed.xml\n"
	}
	cfg = filepath.Join(dir, "partners.yaml")
	if err := os.WriteFile(cfg, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg, filepath.Join(dir, "prayerfeed.db")
}

const (
	pointFamilies = "Pray for the families in Chennai who were freed from the brick kiln this week."
	pointLawyers  = "Pray for the lawyers preparing the appeal hearing in the high court next month."
	pointRuling   = "Praise God for the new court ruling protecting survivors of forced labour."
	pointMissed   = "Give thanks that Priya passed her nursing exams."
)

// letterBody is a prayer letter with the three points above, and a
// sentence the extractor misses.
func letterBody(families string) string {
	return `<p>Dear friends, this month has been full. Priya passed her nursing exams!</p>
<h3>Prayer requests</h3><ul><li>` + families + `</li><li>` + pointLawyers + `</li></ul>
<h3>Praise</h3><ul><li>` + pointRuling + `</li></ul>`
}

// keluBody is a letter of the partner on hold.
const keluBody = `<h3>Prayer requests</h3><ul><li>Pray for the translators checking the Gospel of Mark in Kelu villages.</li>
<li>Pray for safe roads for the literacy teachers travelling to the coast.</li></ul>`
