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
