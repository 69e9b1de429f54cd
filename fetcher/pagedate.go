package fetcher

import (
	"time"

	"github.com/PuerkitoBio/goquery"
)

// dateMetas are the meta tags pages and CMSs state a publication date in,
// best first.
var dateMetas = []string{
	`meta[property="article:published_time"]`, `meta[name="article:published_time"]`,
	`meta[itemprop="datePublished"]`, `meta[name="DC.date.issued"]`, `meta[name="DC.date"]`,
	`meta[name="dc.date"]`, `meta[name="dcterms.created"]`, `meta[name="date"]`,
	`meta[name="pubdate"]`, `meta[property="og:published_time"]`,
}

// dateHints are elements whose text is a date or a byline holding one.
const dateHints = `[itemprop=datePublished], [class*=date], [class*=Date], [class*=posted], ` +
	`[class*=published], [class*=byline], [class*=meta], [class*=time]`

// maxDateText bounds the text of an element read as a date, so a sentence
// in the body that mentions a day ("On July 9th, IJM and partners...") is
// never taken for the day the update was published.
const maxDateText = 60

// maxBareDateText bounds the text of an unmarked element read as a date:
// room for "Tuesday, September 14th, 2026" and a word or two around it.
const maxBareDateText = 36

// findDate reads the date of the update in s: a <time datetime>, an
// element marked as a date, or a short element whose text is a date.
func findDate(s *goquery.Selection, now time.Time) time.Time {
	var found time.Time
	try := func(_ int, el *goquery.Selection) bool {
		if v, ok := el.Attr("datetime"); ok {
			found = parseDate(v, now)
		}
		if v, ok := el.Attr("content"); ok && found.IsZero() {
			found = parseDate(v, now)
		}
		if text := cleanText(el.Text()); found.IsZero() && len(text) <= maxDateText {
			found = parseDate(text, now)
		}
		return found.IsZero()
	}
	s.Find("time").EachWithBreak(try)
	if found.IsZero() {
		s.Find(dateHints).EachWithBreak(try)
	}
	if found.IsZero() {
		s.Find("p, span, small, em, strong, b, div, li, dd, h4, h5, h6").EachWithBreak(func(i int, el *goquery.Selection) bool {
			if el.Children().Length() > 1 || len(cleanText(el.Text())) > maxBareDateText {
				return true
			}
			return try(i, el)
		})
	}
	return found
}

// metaDate reads a page's publication date from its meta tags.
func metaDate(doc *goquery.Document, now time.Time) time.Time {
	for _, css := range dateMetas {
		if v, ok := doc.Find(css).First().Attr("content"); ok {
			if t := parseDate(v, now); !t.IsZero() {
				return t
			}
		}
	}
	return time.Time{}
}
