package extract

import (
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the sanitizer for a point's HTML form: only inline emphasis
// and absolute http(s) links survive. It is built once; a bluemonday
// policy is safe for concurrent use once built.
var policy = sync.OnceValue(func() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("strong", "em", "u", "sup", "sub", "code", "br")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(false)
	p.RequireNoFollowOnLinks(true)
	p.RequireNoReferrerOnLinks(true)
	return p
})

// sanitize makes s safe to embed in any page.
func sanitize(s string) string {
	return policy().Sanitize(s)
}

// SanitizeHTML holds a point's HTML to the rules the extractor writes it
// by (inline emphasis and absolute http(s) links only), for those that
// publish HTML they did not just extract: a stored row may be older than
// these rules, restored from a backup or edited by hand.
func SanitizeHTML(s string) string {
	return sanitize(s)
}
