package feed

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// feedparserHTMLScript prints, as JSON, the channel description and item
// titles feedparser reports: feedparser hands these to readers as HTML.
const feedparserHTMLScript = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({"description": d.feed.get("description", ""), "titles": [e.get("title", "") for e in d.entries]}))
`

// TestRSSTextStaysTextInFeedparser: partner text in an item title or the
// channel description must reach feedparser as escaped text, not markup
// a reader would render (feedparser made "<img src=x>" an element).
func TestRSSTextStaysTextInFeedparser(t *testing.T) {
	p := realParsers()[1]
	requireParser(t, p)
	const hostile = `</script><script>alert(1)</script> <img src=x onerror=alert(2)> &lt;b&gt;`
	it := testItems()[0]
	it.Text = "Pray " + hostile
	m := testMeta("/feed.xml")
	m.Description = "This week: " + hostile
	path := filepath.Join(t.TempDir(), "feed.xml")
	if err := os.WriteFile(path, render(t, FormatRSS, m, []Item{it}), 0o600); err != nil {
		t.Fatal(err)
	}
	out := run(t, exec.Command(debPython, "-c", feedparserHTMLScript, path))
	var got struct {
		Description string
		Titles      []string
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	for _, s := range append(got.Titles, got.Description) {
		for _, markup := range []string{"<script", "<img", "<b>", "</script"} {
			if strings.Contains(s, markup) {
				t.Errorf("feedparser reports markup %q in %q", markup, s)
			}
		}
		if !strings.Contains(s, "&lt;img") && !strings.Contains(s, "&lt;script") {
			t.Errorf("feedparser lost the escaped text: %q", s)
		}
	}
}
