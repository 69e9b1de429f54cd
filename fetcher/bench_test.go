package fetcher

import (
	"strings"
	"testing"
	"time"
)

// BenchmarkParsePage reads the church news list with full selectors, and
// a single letter page found by main-content detection.
func BenchmarkParsePage(b *testing.B) {
	for _, bc := range []struct {
		file string
		sel  Select
	}{
		{"news-list.html", Select{Item: "article.post", Title: "h2", Link: "h2 a@href", Date: "time", Content: ".body"}},
		{"prayer-letter.html", Select{}},
		{"latin1-misdeclared.html", Select{Item: ".noticia"}},
	} {
		body, err := readTestdata(bc.file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(bc.file, func(b *testing.B) {
			src := Source{URL: "https://grace.example/news/", Select: bc.sel}
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				if _, err := parsePage(body, "text/html", src, src.URL, time.Now()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParsePageHostile reads a 1 MB page of deeply nested, dateless
// divs with no main element: the worst case of main-content detection.
func BenchmarkParsePageHostile(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 1<<20 {
		sb.WriteString("<div class=update><p>Pray for July 14th and 3 days ago <span class=date>x</span></p>")
	}
	body := []byte(sb.String())
	for _, sel := range []Select{{}, {Item: ".update"}} {
		b.Run("item="+sel.Item, func(b *testing.B) {
			src := Source{URL: "https://grace.example/", Select: sel}
			b.SetBytes(int64(len(body)))
			for b.Loop() {
				parsePage(body, "", src, src.URL, time.Now())
			}
		})
	}
}
