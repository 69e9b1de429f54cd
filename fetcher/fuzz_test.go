package fetcher

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParsePage feeds the page reader arbitrary bodies, charsets and
// selectors: it must return, never panic or hang, and whatever it returns
// must be valid UTF-8.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"news-list.html", "prayer-letter.html", "latin1-meta.html", "latin1-misdeclared.html"} {
		b, err := readTestdata(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html", "article.post, .noticia", "h2 a@href")
		f.Add(b, "text/html; charset=iso-8859-1", "", "")
	}
	f.Add([]byte("\xfe\xff\x00<\x00p"), "text/html; charset=utf-16", "p", "@id")
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><p>July 14th</p>`), "", "p", "p@@")
	f.Add([]byte("<main><time datetime='9999-99-99'>February 31</time></main>"), "", "", "time")
	f.Fuzz(func(t *testing.T, body []byte, contentType, item, title string) {
		src := Source{URL: "https://grace.example/news/", Select: Select{Item: item, Title: title, Date: title}}
		now := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
		updates, err := parsePage(body, contentType, src, src.URL, now)
		if err != nil {
			return
		}
		for _, u := range updates {
			for _, s := range []string{u.Title, u.HTML, u.Link, u.GUID} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 out: %q", s)
				}
			}
			if u.Published.After(now) && u.Published.Year() > 2200 {
				t.Fatalf("absurd date %v", u.Published)
			}
		}
		if !utf8.Valid(toUTF8(body, contentType)) || !bytes.Equal(toUTF8(body, contentType), toUTF8(body, contentType)) {
			t.Fatal("toUTF8 is not valid or not deterministic")
		}
	})
}
