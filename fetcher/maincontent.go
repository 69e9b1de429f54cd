package fetcher

import (
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
)

// chrome is what surrounds a page's content rather than being it.
const chrome = "nav, aside, script, style, noscript, template, iframe, form, svg, button, " +
	"[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], " +
	"[aria-hidden=true], [hidden]"

// stripChrome removes navigation, sidebars, scripts and the site's own
// header and footer from doc. An article's own <header> and <footer> (its
// title and byline) stay.
func stripChrome(doc *goquery.Document) {
	doc.Find(chrome).Remove()
	doc.Find("header, footer").Each(func(_ int, s *goquery.Selection) {
		if s.ParentsFiltered("article, main, [role=main]").Length() == 0 {
			s.Remove()
		}
	})
}

// mainContent finds a page's content the way reader modes do: <main> or
// role=main, else the one article (the largest when there are several),
// else the element holding the most paragraph text. Call it after
// stripChrome.
func mainContent(doc *goquery.Document) *goquery.Selection {
	if m := doc.Find("main, [role=main]").First(); m.Length() > 0 && textLen(m) > 0 {
		return m
	}
	if best := largest(doc.Find("article")); best != nil {
		return best
	}
	if best := densestBlock(doc); best != nil {
		return best
	}
	if body := doc.Find("body"); body.Length() > 0 {
		return body
	}
	return doc.Selection
}

// largest is the selection's element with the most text, or nil.
func largest(s *goquery.Selection) *goquery.Selection {
	var best *goquery.Selection
	bestLen := 0
	s.Each(func(_ int, el *goquery.Selection) {
		if n := textLen(el); n > bestLen {
			best, bestLen = el, n
		}
	})
	return best
}

// densestBlock scores each element by the paragraph text directly inside
// it (half for its grandchildren's), so the column of text beats a wrapper
// that also holds everything else.
func densestBlock(doc *goquery.Document) *goquery.Selection {
	scores := map[*html.Node]int{}
	doc.Find("p, pre, blockquote, li, h2, h3").Each(func(_ int, p *goquery.Selection) {
		n := textLen(p)
		parent := p.Parent()
		if parent.Length() == 0 {
			return
		}
		scores[parent.Get(0)] += n
		if gp := parent.Parent(); gp.Length() > 0 {
			scores[gp.Get(0)] += n / 2
		}
	})
	// Walk in document order so ties go to the earlier element on every run.
	var best *goquery.Selection
	bestScore := 0
	doc.Find("body *").Each(func(_ int, el *goquery.Selection) {
		if score := scores[el.Get(0)]; score > bestScore {
			best, bestScore = el, score
		}
	})
	return best
}

func textLen(s *goquery.Selection) int {
	return len(strings.Join(strings.Fields(s.Text()), " "))
}
