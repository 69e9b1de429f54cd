package server

import (
	"net/http"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

func TestETagListMatches(t *testing.T) {
	const tag, gz = `"abc"`, `"abc-gz"`
	tests := []struct {
		list string
		want bool
	}{
		{`"abc"`, true},
		{`W/"abc"`, true},
		{`"abc-gz"`, true},
		{`"x", "abc"`, true},
		{`"x",W/"abc"`, true},
		{`  "abc"  `, true},
		{`*`, true},
		{`"ab"`, false},
		{`abc`, false},
		{`"abc`, false},
		{`"x", "y"`, false},
		{``, false},
		{`,,,`, false},
	}
	for _, tt := range tests {
		t.Run(tt.list, func(t *testing.T) {
			if got := etagListMatches(tt.list, tag, gz); got != tt.want {
				t.Errorf("etagListMatches(%q) = %v, want %v", tt.list, got, tt.want)
			}
		})
	}
}

func TestNotModifiedByDate(t *testing.T) {
	mod := time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		h    http.Header
		want bool
	}{
		{"none", http.Header{}, false},
		{"same second", http.Header{"If-Modified-Since": {mod.Format(http.TimeFormat)}}, true},
		{"later", http.Header{"If-Modified-Since": {mod.Add(time.Minute).Format(http.TimeFormat)}}, true},
		{"earlier", http.Header{"If-Modified-Since": {mod.Add(-time.Second).Format(http.TimeFormat)}}, false},
		{"RFC 850 date", http.Header{"If-Modified-Since": {mod.Format(time.RFC850)}}, true},
		{"etag wins", http.Header{"If-None-Match": {`"other"`}, "If-Modified-Since": {mod.Format(http.TimeFormat)}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := notModified(tt.h["If-None-Match"], tt.h["If-Modified-Since"], `"abc"`, `"abc-gz"`, mod); got != tt.want {
				t.Errorf("notModified = %v, want %v", got, tt.want)
			}
		})
	}
}

// testKnown are the filter values of testConfig.
var testKnown = newKnownValues([]string{"ijm", "kelu", "hidden"}, []string{"justice", "translation"})

func TestCacheKey(t *testing.T) {
	tests := []struct {
		name, raw, wantKey string
		sc                 site.Scope
	}{
		{"no query", "", "/feed.atom", site.Scope{}},
		{"unknown params dropped", "utm_source=x&_=123", "/feed.atom", site.Scope{}},
		{"sorted", "partner=kelu&kind=prayer&partner=ijm", "/feed.atom?kind=prayer&partner=ijm&partner=kelu", site.Scope{}},
		{"same set other order", "partner=ijm&partner=kelu&kind=prayer", "/feed.atom?kind=prayer&partner=ijm&partner=kelu", site.Scope{}},
		{"repeats and empties dropped", "partner=ijm&partner=&partner=ijm", "/feed.atom?partner=ijm", site.Scope{}},
		{"first limit only", "limit=9&limit=3", "/feed.atom?limit=9", site.Scope{}},
		{"unknown partner dropped", "partner=ijm&partner=junk", "/feed.atom?partner=ijm", site.Scope{}},
		{"only unknown partners", "partner=junk1", "/feed.atom?partner=-", site.Scope{}},
		{"only other unknown partners", "partner=junk2&partner=junk3", "/feed.atom?partner=-", site.Scope{}},
		{"private partner kept", "partner=hidden", "/feed.atom?partner=hidden", site.Scope{}},
		{"unknown tag", "tag=zzz&limit=5", "/feed.atom?limit=5&tag=-", site.Scope{}},
		{"known tag", "tag=justice&tag=zzz", "/feed.atom?tag=justice", site.Scope{}},
		{"limit clamped", "limit=99999", "/feed.atom?limit=500", site.Scope{}},
		{"limit canonical", "limit=007", "/feed.atom?limit=7", site.Scope{}},
		{"bad limit kept for the site to refuse", "limit=abc", "/feed.atom?limit=abc", site.Scope{}},
		{"private scope apart", "", "private:/private/T:/feed.atom", site.Scope{Private: true, Prefix: "/private/T"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, key, err := cacheKey("/feed.atom", tt.raw, tt.sc, feedParams, testKnown)
			if err != nil {
				t.Fatal(err)
			}
			if key != tt.wantKey {
				t.Errorf("key = %q, want %q", key, tt.wantKey)
			}
		})
	}
	t.Run("too long", func(t *testing.T) {
		raw := ""
		var ids []string
		for i := range 100 {
			id := "partner-number-" + string(rune('a'+i%26)) + string(rune('a'+i/26))
			ids = append(ids, id)
			raw += "&partner=" + id
		}
		if _, _, err := cacheKey("/feed.atom", raw, site.Scope{}, feedParams, newKnownValues(ids, nil)); err == nil {
			t.Errorf("a %d-byte query was accepted", len(raw))
		}
	})
	t.Run("malformed", func(t *testing.T) {
		if _, _, err := cacheKey("/feed.atom", "kind=%zz", site.Scope{}, feedParams, testKnown); err == nil {
			t.Errorf("a malformed query was accepted")
		}
	})
}

// FuzzRequestHeaders feeds arbitrary Accept-Encoding, If-None-Match and
// query strings to their parsers: they must not panic, and a normalised
// query must normalise to itself.
func FuzzRequestHeaders(f *testing.F) {
	f.Add("gzip;q=0.5, br", `W/"abc", "x"`, "kind=prayer&partner=ijm")
	f.Add(";;q=", `*`, "limit=1&limit=2&partner=")
	f.Add("*;q=0", `",,"`, "%zz")
	f.Fuzz(func(t *testing.T, ae, inm, raw string) {
		acceptsGzip([]string{ae})
		etagListMatches(inm, `"abc"`, `"abc-gz"`)
		q, key, err := cacheKey("/feed.json", raw, site.Scope{}, feedParams, testKnown)
		if err != nil {
			return
		}
		_, again, err := cacheKey("/feed.json", q.Encode(), site.Scope{}, feedParams, testKnown)
		if err != nil || again != key {
			t.Errorf("key %q normalises to %q (err %v)", key, again, err)
		}
	})
}
