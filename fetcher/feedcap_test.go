package fetcher

import (
	"runtime"
	"strings"
	"testing"
)

// hugeFeeds are 5 MB feeds of empty entries, what a hostile or broken
// source can send within the body cap.
func hugeFeeds() map[string]string {
	const size = 5 << 20
	return map[string]string{
		"json feed": `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[` +
			strings.Repeat(`{},`, size/3) + `{}],"home_page_url":"https://x.example/"}`,
		"rss": `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>` +
			strings.Repeat(`<item></item>`, size/13) + `</channel></rss>`,
		"atom": `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>` +
			strings.Repeat(`<entry/>`, size/8) + `</feed>`,
		"rdf": `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel><title>t</title></channel>` +
			strings.Repeat(`<item><title>x</title></item>`, size/29) + `</rdf:RDF>`,
	}
}

// TestParseFeedMemoryBoundedByCap parses 5 MB feeds of empty entries and
// reads the bytes allocated from runtime.MemStats: gofeed built every
// entry first (1.2 GB for the JSON Feed); now the entries past
// maxFeedItems are cut before it parses.
func TestParseFeedMemoryBoundedByCap(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: parses 20 MB of feeds")
	}
	const limit = 150 << 20
	for name, body := range hugeFeeds() {
		t.Run(name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			updates, err := ParseFeed(strings.NewReader(body), Source{URL: "https://x.example/feed"})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(updates) != maxFeedItems {
				t.Errorf("%d updates, want the first %d", len(updates), maxFeedItems)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s: %d bytes, %.1f MB allocated", name, len(body), float64(alloc)/(1<<20))
			if alloc > limit {
				t.Errorf("parsing allocated %.0f MB, want at most %d MB", float64(alloc)/(1<<20), limit>>20)
			}
		})
	}
}

func TestCapFeedItemsKeepsSmallFeeds(t *testing.T) {
	for _, body := range []string{
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1"}]}`,
		`<rss><channel><item><title>a</title></item></channel></rss>`,
		`not a feed <`,
	} {
		if got := string(capFeedItems([]byte(body), 1)); got != body {
			t.Errorf("capFeedItems(%q) = %q, want it unchanged", body, got)
		}
	}
	got := string(capFeedItems([]byte(`<rss><channel><item>a</item><item>b</item></channel></rss>`), 1))
	if want := `<rss><channel><item>a</item></channel></rss>`; got != want {
		t.Errorf("cut RSS = %q, want %q", got, want)
	}
}
