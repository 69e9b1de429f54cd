package fetcher

import (
	"strings"
	"testing"
)

// TestParseFeedDropsControlCharacters: a control character in a partner
// feed, raw or as a character reference, made the whole feed fail to
// parse; it is dropped and every item read.
func TestParseFeedDropsControlCharacters(t *testing.T) {
	for _, tt := range []struct{ name, title string }{
		{"hex reference", "Pray&#x1b; for the team"},
		{"decimal reference", "Pray&#27; for the team"},
		{"padded reference", "Pray&#x0000001B; for the team"},
		{"NUL reference", "Pray&#0; for the team"},
		{"raw byte", "Pray\x1b for the team"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://x.example/</link>` +
				`<item><title>` + tt.title + `</title><link>https://x.example/1</link><description>Pray &#x2014; &amp; praise &#233;</description></item>` +
				`<item><title>Second</title><link>https://x.example/2</link></item></channel></rss>`
			got, err := ParseFeed(strings.NewReader(body), Source{URL: "https://x.example/feed"})
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if len(got) != 2 || got[0].Title != "Pray for the team" {
				t.Fatalf("got %d updates, first titled %q", len(got), got[0].Title)
			}
			if got[0].HTML != "Pray — & praise é" {
				t.Errorf("description = %q: other references must stay", got[0].HTML)
			}
		})
	}
}
