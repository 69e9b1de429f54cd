package server

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

const testConfig = `
title: Test Church prayer feed
base_url: https://prayer.test
rotation: {start: 2026-01-05, order: [ijm]}
partners:
  - id: ijm
    name: International Justice Mission
    region: South Asia
    tags: [justice]
    sources:
      - {type: rss, url: "https://ijm.test/feed"}
  - id: kelu
    name: Kelu Bible Translation
    tags: [translation]
    sources:
      - {type: rss, url: "https://kelu.test/feed"}
  - id: hidden
    name: Hidden Partner
    visibility: private
    tags: [secret-work]
    sources:
      - {type: rss, url: "https://hidden.test/feed"}
`

// hostileText is partner text that would run script if a page used it as
// markup.
const hostileText = `Pray for <img src=x onerror="document.title='pwned'"> safety & <script>alert(1)</script> travel`

// env is a server over a real SQLite store on loopback HTTP.
type env struct {
	t       testing.TB
	store   *store.Store
	url     string
	client  *http.Client
	server  *Server
	metrics *Metrics
}

type envOptions struct {
	adminToken string
	maxEntries int
	baseURL    string // overrides the config's base_url
}

func newEnv(t testing.TB, opts envOptions) *env {
	t.Helper()
	cfg, err := config.Parse("partners.yaml", []byte(testConfig))
	if err != nil {
		t.Fatal(err)
	}
	if opts.baseURL != "" {
		cfg.BaseURL = opts.baseURL
	}
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(t.TempDir(), "prayerfeed.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{t: t, store: st, metrics: NewMetrics()}
	e.server = New(Config{
		Site:       site.New(site.Config{Config: cfg, Store: st, Sources: st}),
		Store:      st,
		AdminToken: opts.adminToken,
		Metrics:    e.metrics,
		MaxEntries: opts.maxEntries,
		// Every request reads the generation, so a save is seen at once.
		CheckEvery: -1,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := e.server.HTTPServer(nil)
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })
	e.url = "http://" + ln.Addr().String()
	e.client = &http.Client{Transport: &http.Transport{}}
	t.Cleanup(e.client.CloseIdleConnections)
	return e
}

// point is an item as the extractor hands it to the store.
func point(partner, guid string, pos int, kind feed.Kind, text string, published time.Time) feed.Item {
	return feed.Item{
		Kind: kind, Text: text, HTML: "<p>" + text + "</p>",
		PartnerID: partner, PartnerName: partnerName(partner),
		SourceURL: "https://" + partner + ".test/feed", UpdateGUID: guid,
		UpdateLink: "https://" + partner + ".test/" + guid, UpdateTitle: "Update " + guid,
		Published: published, Position: pos,
	}
}

func partnerName(id string) string {
	switch id {
	case "ijm":
		return "International Justice Mission"
	case "kelu":
		return "Kelu Bible Translation"
	}
	return "Hidden Partner"
}

func (e *env) save(items ...feed.Item) {
	e.t.Helper()
	if _, err := e.store.SaveItems(context.Background(), items); err != nil {
		e.t.Fatalf("SaveItems: %v", err)
	}
}

// fill saves a known set: ijm 2 prayer + 1 praise, kelu 1 prayer + 1
// praise, hidden 1 prayer.
func (e *env) fill() {
	e.t.Helper()
	day := func(n int) time.Time { return time.Date(2026, 2, n, 9, 0, 0, 0, time.UTC) }
	e.save(
		point("ijm", "u1", 0, feed.KindPrayer, "Pray for the families freed from the brick kiln in Chennai", day(1)),
		point("ijm", "u1", 1, feed.KindPraise, "Praise God for the court ruling protecting survivors", day(1)),
		point("ijm", "u2", 0, feed.KindPrayer, "Pray for the investigators travelling to Madurai next week", day(3)),
		point("kelu", "k1", 0, feed.KindPrayer, "Pray for the literacy class teachers as the new term begins", day(2)),
		point("kelu", "k1", 1, feed.KindPraise, "Praise for forty people hearing Luke read aloud in Kelu", day(2)),
		point("hidden", "h1", 0, feed.KindPrayer, "Pray for the secret team in the north", day(4)),
	)
}

// get requests path with the given header lines ("Name: value").
func (e *env) get(path string, headers ...string) (*http.Response, []byte) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.url+path, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(k, strings.TrimSpace(v))
	}
	// Ask for identity explicitly so the transport does not add gzip.
	if req.Header.Get("Accept-Encoding") == "" {
		req.Header.Set("Accept-Encoding", "identity")
	}
	resp, err := e.client.Do(req)
	if err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("GET %s: read body: %v", path, err)
	}
	return resp, body
}

// storeState is a failing source's recorded state.
func storeState(partner, url string, status int, errMsg string) store.SourceState {
	now := time.Now()
	return store.SourceState{
		PartnerID: partner, URL: url, LastFetch: now.Add(-time.Minute), LastStatus: status,
		LastError: errMsg, Failures: 3, NextDue: now.Add(time.Hour),
	}
}

// manyItems returns n prayer points of ijm, one per update, an hour apart.
func manyItems(n int) []feed.Item {
	var items []feed.Item
	for i := range n {
		items = append(items, point("ijm", fmt.Sprintf("u%d", i), 0, feed.KindPrayer,
			fmt.Sprintf("Pray for the team in district %d as they visit families freed from bonded labour", i),
			time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Hour)))
	}
	return items
}

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
