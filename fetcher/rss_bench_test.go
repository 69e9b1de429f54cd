package fetcher

import (
	"bytes"
	"net/http/httptest"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/farm"
)

// BenchmarkParseFeed parses one farm partner's RSS feed of 20 updates, the
// unit of work a first fetch cycle repeats for every partner.
func BenchmarkParseFeed(b *testing.B) {
	rec := httptest.NewRecorder()
	farm.New(farm.Config{Partners: 1, Updates: 20}).ServeHTTP(rec, httptest.NewRequest("GET", "/p/0/feed.xml", nil))
	body := rec.Body.Bytes()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		updates, err := ParseFeed(bytes.NewReader(body), Source{URL: "https://partner0.example/feed.xml"})
		if err != nil || len(updates) != 20 {
			b.Fatalf("got %d updates, %v; want 20", len(updates), err)
		}
	}
	b.ReportMetric(float64(20*b.N)/b.Elapsed().Seconds(), "updates/s")
}
