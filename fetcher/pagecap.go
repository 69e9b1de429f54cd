package fetcher

import (
	"bytes"

	"golang.org/x/net/html"
)

// maxPageElements caps the elements of a page that are parsed into a DOM.
// A long news page has a few thousand; a 5 MB page of empty elements has
// hundreds of thousands, and its DOM cost 50 to 110 MB. The page is cut
// after the cap (the parser closes what is left open), which drops only
// what a page lists last: its oldest news, or its footer.
const maxPageElements = 50_000

// capPageElements returns body cut before its element past max, or body
// itself when it has no more.
func capPageElements(body []byte, max int) []byte {
	if bytes.Count(body, []byte("<")) <= max {
		return body // every element starts with one
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	z.SetMaxBuf(0)
	offset, n := 0, 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return body
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if n++; n > max {
				return body[:offset]
			}
		}
		offset += len(z.Raw())
	}
}
