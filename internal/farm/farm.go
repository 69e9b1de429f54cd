// Package farm serves many generated partner feeds from one handler, for
// end-to-end tests and the load script: N partners of K updates each, with
// ETags, and counters of what was asked.
package farm

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Config sizes a farm.
type Config struct {
	Partners int
	Updates  int
	// Start is the date of the oldest update; the rest follow a day apart.
	Start time.Time
}

// Farm is an http.Handler serving /p/{n}/feed.xml for n in [0, Partners).
type Farm struct {
	cfg   Config
	feeds [][]byte
	etags []string

	// Requests counts every feed request; NotModified counts 304 answers.
	Requests    atomic.Int64
	NotModified atomic.Int64
}

// New renders every feed once, so serving costs no more than a file server.
func New(cfg Config) *Farm {
	if cfg.Start.IsZero() {
		cfg.Start = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	}
	f := &Farm{cfg: cfg, feeds: make([][]byte, cfg.Partners), etags: make([]string, cfg.Partners)}
	for i := range cfg.Partners {
		f.feeds[i] = render(cfg, i)
		sum := sha256.Sum256(f.feeds[i])
		f.etags[i] = `"` + hex.EncodeToString(sum[:8]) + `"`
	}
	return f
}

// ID is the partner id of partner n.
func ID(n int) string { return fmt.Sprintf("partner-%04d", n) }

// ServeHTTP serves a partner's feed, answering 304 to a matching ETag.
func (f *Farm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/p/")
	n, err := strconv.Atoi(strings.TrimSuffix(rest, "/feed.xml"))
	if !ok || err != nil || n < 0 || n >= len(f.feeds) || !strings.HasSuffix(rest, "/feed.xml") {
		http.NotFound(w, r)
		return
	}
	f.Requests.Add(1)
	w.Header().Set("ETag", f.etags[n])
	if r.Header.Get("If-None-Match") == f.etags[n] {
		f.NotModified.Add(1)
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(f.feeds[n])
}

// PartnersYAML is a partners.yaml for the farm served at srcBase.
func (f *Farm) PartnersYAML(srcBase, siteBase string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: Farm prayer feed\nbase_url: %s\nevery: 1h\npartners:\n", siteBase)
	for i := range f.cfg.Partners {
		fmt.Fprintf(&b, "  - id: %s\n    name: Partner %d\n    tags: [t%d]\n    sources:\n      - type: rss\n        url: %s/p/%d/feed.xml\n",
			ID(i), i, i%7, srcBase, i)
	}
	return b.String()
}

func render(cfg Config, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Partner %d news</title><link>https://partner%d.example/</link><description>News</description>
`, n, n)
	for u := range cfg.Updates {
		date := cfg.Start.Add(time.Duration(u) * 24 * time.Hour).Add(time.Duration(n) * time.Minute)
		fmt.Fprintf(&b, `<item><title>Letter %d</title><link>https://partner%d.example/news/%d</link><guid>p%d-u%d</guid><pubDate>%s</pubDate>
<description><![CDATA[<p>Dear friends, here is our news from month %d of the project in district %d.</p>
<p><strong>Prayer:</strong> Please pray for the team in district %d as they prepare the %d new classes, and for safe travel on the flooded roads.</p>
<p><strong>Praise:</strong> We give thanks that %d families received clean water this month in village %d.</p>
<p>With love, the team</p>]]></description></item>
`, u, n, u, n, u, date.Format(time.RFC1123Z), u, n, n, u+2, 10+u, n)
	}
	b.WriteString("</channel></rss>\n")
	return []byte(b.String())
}
