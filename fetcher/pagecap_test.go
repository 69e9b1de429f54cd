package fetcher

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestParsePageMemoryBoundedByCap parses 5 MB pages of empty elements,
// with and without an item selector, and reads the bytes allocated from
// runtime.MemStats: the DOM of every element was built first (50 to 110
// MB each); now only the first maxPageElements elements are parsed.
func TestParsePageMemoryBoundedByCap(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: parses 10 MB of pages")
	}
	const size, limit = 5 << 20, 40 << 20
	for _, tt := range []struct {
		name string
		sel  Select
		body string
	}{
		{"list of empty articles", Select{Item: "article"}, "<html><body><article><h2>First</h2><p>Pray for the team.</p></article>" + strings.Repeat("<article></article>", size/19)},
		{"paragraphs of links", Select{}, "<html><body><main><h1>News</h1><p>Pray for the team in the north this week.</p></main>" + strings.Repeat(`<p>a <a href="/x">b</a></p>`, size/27)},
		{"list of linked articles", Select{Item: "article"}, "<html><body>" + strings.Repeat(`<article><h2><a href="/x">t</a></h2><p>Pray.</p></article>`, size/58)},
		{"single page of empty divs", Select{}, "<html><body><main><h1>News</h1><p>Pray for the team in the north this week.</p></main>" + strings.Repeat("<div></div>", size/11)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			updates, err := parsePage([]byte(tt.body), "text/html", Source{URL: "https://x.example/news", Type: TypePage, Select: tt.sel}, "https://x.example/news", time.Now())
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(updates) == 0 {
				t.Fatalf("no updates")
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s: %d bytes, %.1f MB allocated", tt.name, len(tt.body), float64(alloc)/(1<<20))
			if alloc > limit {
				t.Errorf("parsing allocated %.0f MB, want at most %d MB", float64(alloc)/(1<<20), limit>>20)
			}
		})
	}
}
