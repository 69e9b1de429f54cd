// Package hostile serves partner sources that misbehave in every way a web
// site can, beside good ones, for tests of prayerfeed's robustness. Until
// Break is called every source serves a good feed, so a test can first
// store each source's items and then check that they survive the breakage.
package hostile

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync/atomic"
	"time"
)

// Outcome is what a fetch of a broken source must end in.
type Outcome int

// The outcomes a case expects.
const (
	// Fails: the fetch fails and the failure is recorded on the source.
	Fails Outcome = iota
	// Succeeds: the content is odd but readable; it must be stored sanely.
	Succeeds
)

// Case is one misbehaving source.
type Case struct {
	// Name is the source's path and, prefixed "bad-", its partner id.
	Name string
	Want Outcome
	// Status is the HTTP status the source's state must record for a
	// failure: the error status, or 0 when the failure is not an HTTP
	// error (a reset, a timeout, a body no reader can parse).
	Status int
	// Type is the partners.yaml source type; "rss" when empty.
	Type  string
	serve http.HandlerFunc
}

// Config sizes a Server.
type Config struct {
	// Good is the number of well-behaved partners served beside the cases.
	Good int
	// Slow is how long the slow cases stall; it must exceed the client's
	// timeout under test. Default 30s; a stalled handler ends early when
	// its client goes away.
	Slow time.Duration
}

// Server is an http.Handler serving /good/{n} and /bad/{name}.
type Server struct {
	cfg    Config
	cases  map[string]Case
	broken atomic.Bool
	// Requests counts every request served.
	Requests atomic.Int64
}

// New returns a Server whose sources all behave until Break.
func New(cfg Config) *Server {
	if cfg.Slow <= 0 {
		cfg.Slow = 30 * time.Second
	}
	s := &Server{cfg: cfg, cases: map[string]Case{}}
	for _, c := range cases(cfg) {
		s.cases[c.Name] = c
	}
	return s
}

// Break makes every bad source misbehave from now on.
func (s *Server) Break() { s.broken.Store(true) }

// Cases lists the misbehaving sources, by name.
func (s *Server) Cases() []Case {
	out := make([]Case, 0, len(s.cases))
	for _, c := range s.cases {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// GoodID is the partner id of good partner n.
func GoodID(n int) string { return fmt.Sprintf("good-%d", n) }

// BadID is the partner id of the case named name.
func BadID(name string) string { return "bad-" + name }

// ServeHTTP serves a good feed, or a case's misbehaviour once broken.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	if rest, ok := strings.CutPrefix(r.URL.Path, "/good/"); ok {
		writeFeed(w, GoodFeed(GoodID(atoi(rest))))
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, "/bad/")
	c, known := s.cases[name]
	if !ok || !known {
		http.NotFound(w, r)
		return
	}
	if !s.broken.Load() {
		writeFeed(w, GoodFeed(BadID(name)))
		return
	}
	c.serve(w, r)
}

// PartnersYAML is a partners.yaml for the server at base.
func (s *Server) PartnersYAML(base string) string {
	var b strings.Builder
	b.WriteString("title: Hostile sources\nbase_url: https://prayer.example\nevery: 1h\npartners:\n")
	for n := range s.cfg.Good {
		fmt.Fprintf(&b, "  - id: %s\n    name: Good partner %d\n    sources:\n      - type: rss\n        url: %s/good/%d\n",
			GoodID(n), n, base, n)
	}
	for _, c := range s.Cases() {
		typ := c.Type
		if typ == "" {
			typ = "rss"
		}
		fmt.Fprintf(&b, "  - id: %s\n    name: Bad %s\n    sources:\n      - type: %s\n        url: %s/bad/%s\n",
			BadID(c.Name), c.Name, typ, base, c.Name)
	}
	return b.String()
}

// GoodFeed is the well-formed feed of partner id: two updates, each with
// one prayer and one praise point that name the partner.
func GoodFeed(id string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>%s news</title><link>https://%s.example/</link><description>News</description>
`, id, id)
	for u := range 2 {
		fmt.Fprintf(&b, `<item><title>Letter %d</title><link>https://%s.example/news/%d</link><guid>%s-%d</guid>
<pubDate>Mon, 0%d Jan 2026 09:00:00 +0000</pubDate>
<description><![CDATA[<p>Dear friends,</p><p>Prayer: pray for %s and letter %d, for the team's health.</p><p>Praise: thanks for %s letter %d and the new well.</p>]]></description></item>
`, u, id, u, id, u, u+5, id, u, id, u)
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

func writeFeed(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write([]byte(body))
}

func atoi(s string) int {
	n := 0
	fmt.Sscanf(s, "%d", &n)
	return n
}
