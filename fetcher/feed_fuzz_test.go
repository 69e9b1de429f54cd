package fetcher

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzParseFeed feeds ParseFeed arbitrary bodies: it must never panic, and
// whatever it returns must carry an identity and only absolute http(s)
// links, since those reach readers as is.
func FuzzParseFeed(f *testing.F) {
	for _, seed := range []string{
		`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.example/</link><item><title>x</title><link>/n/1</link><description>&lt;p&gt;Prayer: rain&lt;/p&gt;</description></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>urn:1</id><link href="javascript:alert(1)"/><content type="html">x</content></entry></feed>`,
		`{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","url":"https://a.example/1","content_html":"<p>x</p>"}]}`,
		`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>`,
		`<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><description>&x;</description></item></channel></rss>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><link>https://a.example/</link></item></rdf:RDF>`,
		"<rss><channel><item><title>\xff\xfe\x00</title></item></channel></rss>",
		"",
	} {
		f.Add([]byte(seed))
	}
	src := Source{PartnerID: "p", URL: "https://partner.example/feed", Type: TypeRSS}
	f.Fuzz(func(t *testing.T, body []byte) {
		updates, err := ParseFeed(bytes.NewReader(body), src)
		if err != nil {
			return
		}
		for _, u := range updates {
			if u.GUID == "" {
				t.Errorf("update %q has no GUID", u.Title)
			}
			if u.PartnerID != src.PartnerID || u.SourceURL != src.URL {
				t.Errorf("update names partner %q source %q, want %q %q", u.PartnerID, u.SourceURL, src.PartnerID, src.URL)
			}
			if u.Link != "" && !strings.HasPrefix(u.Link, "http://") && !strings.HasPrefix(u.Link, "https://") {
				t.Errorf("link %q is not absolute http(s)", u.Link)
			}
		}
	})
}
