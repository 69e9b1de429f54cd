package server

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/prayerfeed/prayerfeed/feed"
)

func TestRoutes(t *testing.T) { testRoutes(t, envOptions{}) }

func testRoutes(t *testing.T, opts envOptions) {
	e := newEnv(t, opts)
	e.fill()
	tests := []struct {
		path, wantType string
		wantStatus     int
	}{
		{"/", "text/html; charset=utf-8", 200},
		{"/embed", "text/html; charset=utf-8", 200},
		{"/embed?count=3&kind=praise&partner=ijm", "text/html; charset=utf-8", 200},
		{"/embed.js", "text/javascript; charset=utf-8", 200},
		{"/feed.xml", "application/rss+xml; charset=utf-8", 200},
		{"/feed.atom", "application/atom+xml; charset=utf-8", 200},
		{"/feed.json", "application/feed+json; charset=utf-8", 200},
		{"/feed.atom?kind=prayer&partner=ijm&tag=justice&limit=2", "application/atom+xml; charset=utf-8", 200},
		{"/partners/ijm/feed.xml", "application/rss+xml; charset=utf-8", 200},
		{"/partners/ijm/feed.atom", "application/atom+xml; charset=utf-8", 200},
		{"/partners/kelu/feed.json", "application/feed+json; charset=utf-8", 200},
		{"/healthz", "text/plain; charset=utf-8", 200},
		{"/metrics", "text/plain", 200},
		{"/partners/hidden/feed.atom", "text/plain; charset=utf-8", 404},
		{"/partners/nobody/feed.atom", "text/plain; charset=utf-8", 404},
		{"/partners/ijm/feed.txt", "text/plain; charset=utf-8", 404},
		{"/feed.json?kind=sermon", "text/plain; charset=utf-8", 400},
		{"/feed.json?limit=-1", "text/plain; charset=utf-8", 400},
		{"/embed?count=many", "text/plain; charset=utf-8", 400},
		{"/status", "text/plain; charset=utf-8", 404},
		{"/nothing-here", "text/plain; charset=utf-8", 404},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := e.get(tt.path)
			if resp.StatusCode != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if got := resp.Header.Get("Content-Type"); !strings.HasPrefix(got, tt.wantType) {
				t.Errorf("Content-Type = %q, want %q", got, tt.wantType)
			}
		})
	}
}

func TestPublishedHeaders(t *testing.T) { testPublishedHeaders(t, envOptions{}) }

func testPublishedHeaders(t *testing.T, opts envOptions) {
	e := newEnv(t, opts)
	e.fill()
	for _, path := range []string{"/", "/embed", "/embed.js", "/feed.atom", "/feed.json", "/partners/ijm/feed.xml"} {
		t.Run(path, func(t *testing.T) {
			resp, body := e.get(path)
			want := map[string]string{
				"Cache-Control": "public, max-age=300",
				"Vary":          "Accept-Encoding",
			}
			for k, v := range want {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if etag := resp.Header.Get("ETag"); !strings.HasPrefix(etag, `"`) || strings.HasPrefix(etag, "W/") {
				t.Errorf("ETag = %q, want a strong entity tag", etag)
			}
			if _, err := http.ParseTime(resp.Header.Get("Last-Modified")); err != nil {
				t.Errorf("Last-Modified = %q: %v", resp.Header.Get("Last-Modified"), err)
			}
			if got, want := resp.Header.Get("Content-Length"), len(body); got != strconv.Itoa(want) {
				t.Errorf("Content-Length = %s, want %d", got, want)
			}
		})
	}
}

func TestConditional(t *testing.T) { testConditional(t, envOptions{}) }

func testConditional(t *testing.T, opts envOptions) {
	e := newEnv(t, opts)
	e.fill()
	first, body := e.get("/feed.atom")
	etag, lastMod := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
	gzResp, _ := e.get("/feed.atom", "Accept-Encoding: gzip")
	gzTag := gzResp.Header.Get("ETag")
	if gzTag == etag {
		t.Errorf("gzip and identity share ETag %s; a strong tag must differ per encoding", etag)
	}
	lastModTime, _ := http.ParseTime(lastMod)
	tests := []struct {
		name    string
		headers []string
		want    int
	}{
		{"etag", []string{"If-None-Match: " + etag}, 304},
		{"weak etag", []string{"If-None-Match: W/" + etag}, 304},
		{"etag in list", []string{`If-None-Match: "nope", ` + etag + `, "other"`}, 304},
		{"gzip etag on identity request", []string{"If-None-Match: " + gzTag}, 304},
		{"star", []string{"If-None-Match: *"}, 304},
		{"other etag", []string{`If-None-Match: "nope"`}, 200},
		{"other etag wins over date", []string{`If-None-Match: "nope"`, "If-Modified-Since: " + lastMod}, 200},
		{"same date", []string{"If-Modified-Since: " + lastMod}, 304},
		{"later date", []string{"If-Modified-Since: " + lastModTime.Add(time.Hour).Format(http.TimeFormat)}, 304},
		{"earlier date", []string{"If-Modified-Since: " + lastModTime.Add(-time.Second).Format(http.TimeFormat)}, 200},
		{"bad date", []string{"If-Modified-Since: yesterday"}, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, got := e.get("/feed.atom", tt.headers...)
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
			switch tt.want {
			case 304:
				if len(got) != 0 {
					t.Errorf("304 carried a %d-byte body", len(got))
				}
				if resp.Header.Get("ETag") != etag {
					t.Errorf("304 ETag = %q, want %q", resp.Header.Get("ETag"), etag)
				}
			case 200:
				if !bytes.Equal(got, body) {
					t.Errorf("200 body differs from the first response")
				}
			}
		})
	}
}

func TestGzip(t *testing.T) { testGzip(t, envOptions{}) }

func testGzip(t *testing.T, opts envOptions) {
	e := newEnv(t, opts)
	e.fill()
	_, plain := e.get("/feed.atom")
	tests := []struct {
		acceptEncoding string
		wantGzip       bool
	}{
		{"gzip", true},
		{"br, gzip;q=0.5", true},
		{"*", true},
		{"GZIP", true},
		{"gzip;q=0", false},
		{"gzip; q=0.000", false},
		{"identity", false},
		{"br", false},
	}
	for _, tt := range tests {
		t.Run(tt.acceptEncoding, func(t *testing.T) {
			resp, body := e.get("/feed.atom", "Accept-Encoding: "+tt.acceptEncoding)
			gotGzip := resp.Header.Get("Content-Encoding") == "gzip"
			if gotGzip != tt.wantGzip {
				t.Fatalf("Content-Encoding = %q, want gzip: %v", resp.Header.Get("Content-Encoding"), tt.wantGzip)
			}
			if !gotGzip {
				return
			}
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			unzipped, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(unzipped, plain) {
				t.Errorf("gunzipped body differs from the identity body")
			}
			if len(body) >= len(plain) {
				t.Errorf("gzip body %d bytes, identity %d: no smaller", len(body), len(plain))
			}
		})
	}
}

func TestCORS(t *testing.T) { testCORS(t, envOptions{}) }

func testCORS(t *testing.T, opts envOptions) {
	e := newEnv(t, opts)
	e.fill()
	tests := []struct {
		path string
		want string
	}{
		{"/feed.json", "*"},
		{"/feed.json?kind=prayer", "*"},
		{"/partners/ijm/feed.json", "*"},
		{"/embed.js", "*"},
		{"/feed.atom", ""},
		{"/", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			resp, _ := e.get(tt.path, "Origin: https://church.test")
			if got := resp.Header.Get("Access-Control-Allow-Origin"); got != tt.want {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.want)
			}
		})
	}
}

// jsonFeed is the part of a JSON Feed the tests read.
type jsonFeed struct {
	Items []struct {
		ID      string   `json:"id"`
		Summary string   `json:"summary"`
		Tags    []string `json:"tags"`
		Authors []struct {
			Name string `json:"name"`
		} `json:"authors"`
	} `json:"items"`
}

func (e *env) feedJSON(path string) jsonFeed {
	e.t.Helper()
	resp, body := e.get(path)
	if resp.StatusCode != 200 {
		e.t.Fatalf("GET %s: status %d: %s", path, resp.StatusCode, body)
	}
	var f jsonFeed
	if err := json.Unmarshal(body, &f); err != nil {
		e.t.Fatalf("GET %s: %v", path, err)
	}
	return f
}

func TestFilters(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	tests := []struct {
		path         string
		wantItems    int
		wantKind     string // every item's kind, when set
		wantPartners []string
	}{
		{"/feed.json", 5, "", []string{"International Justice Mission", "Kelu Bible Translation"}},
		{"/feed.json?kind=prayer", 3, "prayer", []string{"International Justice Mission", "Kelu Bible Translation"}},
		{"/feed.json?kind=praise", 2, "praise", []string{"International Justice Mission", "Kelu Bible Translation"}},
		{"/feed.json?partner=kelu", 2, "", []string{"Kelu Bible Translation"}},
		{"/feed.json?partner=kelu&partner=ijm", 5, "", []string{"International Justice Mission", "Kelu Bible Translation"}},
		{"/feed.json?tag=justice", 3, "", []string{"International Justice Mission"}},
		{"/feed.json?tag=justice&kind=praise", 1, "praise", []string{"International Justice Mission"}},
		{"/feed.json?limit=2", 2, "", nil},
		{"/feed.json?partner=hidden", 0, "", nil},
		{"/feed.json?partner=nobody", 0, "", nil},
		{"/partners/ijm/feed.json", 3, "", []string{"International Justice Mission"}},
		{"/partners/ijm/feed.json?kind=praise", 1, "praise", []string{"International Justice Mission"}},
		{"/partners/ijm/feed.json?partner=kelu", 0, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			f := e.feedJSON(tt.path)
			if len(f.Items) != tt.wantItems {
				t.Fatalf("items = %d, want %d", len(f.Items), tt.wantItems)
			}
			partners := map[string]bool{}
			for _, it := range f.Items {
				if tt.wantKind != "" && (len(it.Tags) != 1 || it.Tags[0] != tt.wantKind) {
					t.Errorf("item %s tags = %v, want [%s]", it.ID, it.Tags, tt.wantKind)
				}
				partners[it.Authors[0].Name] = true
				if strings.Contains(it.Summary, "secret team") {
					t.Errorf("private partner's item %s in a public feed", it.ID)
				}
			}
			for _, p := range tt.wantPartners {
				if !partners[p] {
					t.Errorf("no item from %s; got partners %v", p, partners)
				}
			}
			if tt.wantPartners != nil && len(partners) != len(tt.wantPartners) {
				t.Errorf("partners = %v, want %v", partners, tt.wantPartners)
			}
		})
	}
}

func TestStatusToken(t *testing.T) {
	t.Run("no token configured", func(t *testing.T) {
		e := newEnv(t, envOptions{})
		resp, body := e.get("/status", "Authorization: Bearer anything")
		if resp.StatusCode != 404 {
			t.Errorf("status = %d, want 404", resp.StatusCode)
		}
		if !strings.Contains(string(body), "PRAYERFEED_ADMIN_TOKEN") || !strings.Contains(string(body), "admin_token") {
			t.Errorf("body %q does not say how to set a token", body)
		}
	})
	e := newEnv(t, envOptions{adminToken: "s3cret-token"})
	e.fill()
	failing := "https://kelu.test/feed"
	err := e.store.PutSourceState(t.Context(), storeState("kelu", failing, 503, "fetch https://kelu.test/feed: HTTP 503"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		headers []string
		want    int
	}{
		{"no token", "/status", nil, 401},
		{"wrong bearer", "/status", []string{"Authorization: Bearer wrong"}, 401},
		{"token as prefix", "/status", []string{"Authorization: Bearer s3cret"}, 401},
		{"wrong query token", "/status?token=wrong", nil, 401},
		{"basic auth", "/status", []string{"Authorization: Basic czNjcmV0LXRva2Vu"}, 401},
		{"bearer", "/status", []string{"Authorization: Bearer s3cret-token"}, 200},
		{"lowercase scheme", "/status", []string{"Authorization: bearer s3cret-token"}, 200},
		{"query token", "/status?token=s3cret-token", nil, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := e.get(tt.path, tt.headers...)
			if resp.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.want)
			}
			if got := resp.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			page := string(body)
			if tt.want != 200 {
				if strings.Contains(page, failing) {
					t.Errorf("refused response lists a source URL")
				}
				return
			}
			for _, want := range []string{failing, "HTTP 503", "https://ijm.test/feed", "never fetched", "Kelu Bible Translation", "<td>2</td>"} {
				if !strings.Contains(page, want) {
					t.Errorf("status page lacks %q", want)
				}
			}
		})
	}
}

func TestCacheInvalidation(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	renders := func() float64 { return testutil.ToFloat64(e.metrics.renders) }
	first, _ := e.get("/feed.atom")
	before := renders()
	again, _ := e.get("/feed.atom")
	if renders() != before {
		t.Errorf("an unchanged store re-rendered the feed (%v renders, want %v)", renders(), before)
	}
	if again.Header.Get("ETag") != first.Header.Get("ETag") {
		t.Errorf("ETag changed without a store change")
	}
	e.save(point("kelu", "k9", 0, feed.KindPrayer, "Pray for the printing of the Gospel of Mark",
		time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)))
	resp, body := e.get("/feed.atom", "If-None-Match: "+first.Header.Get("ETag"))
	if resp.StatusCode != 200 {
		t.Fatalf("after a save, the old ETag got %d, want 200", resp.StatusCode)
	}
	if !strings.Contains(string(body), "Gospel of Mark") {
		t.Errorf("feed after a save lacks the new item")
	}
	if resp.Header.Get("ETag") == first.Header.Get("ETag") {
		t.Errorf("ETag unchanged after a save")
	}
}

func TestCacheBounded(t *testing.T) {
	e := newEnv(t, envOptions{maxEntries: 4})
	e.fill()
	for i := range 20 {
		e.get("/feed.json?limit=" + strconv.Itoa(i+1))
	}
	sn := e.server.cache.cur.Load()
	if n := sn.size.Load(); n > 4 {
		t.Errorf("cache holds %d entries, want at most 4", n)
	}
	count := 0
	sn.entries.Range(func(any, any) bool { count++; return true })
	if count > 4 {
		t.Errorf("cache map holds %d entries, want at most 4", count)
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, envOptions{})
	e.fill()
	e.get("/feed.atom")
	e.get("/feed.atom")
	e.get("/partners/nobody/feed.atom")
	e.metrics.ObserveFetches(FetchError, 2)
	e.metrics.ObserveNewItems(7)
	_, body := e.get("/metrics")
	for _, want := range []string{
		`prayerfeed_http_requests_total{code="200",route="feed"} 2`,
		`prayerfeed_http_requests_total{code="404",route="partner_feed"} 1`,
		`prayerfeed_http_request_duration_seconds_count{route="feed"} 2`,
		`prayerfeed_fetches_total{result="error"} 2`,
		`prayerfeed_fetches_total{result="ok"} 0`,
		`prayerfeed_items_new_total 7`,
		`go_goroutines`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
}
