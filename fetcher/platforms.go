package fetcher

import (
	"bytes"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// mailchimpArchive finds a Mailchimp audience's archive in a campaign
// page: its links to usN.campaign-archive.com/home/?u=…&id=….
var mailchimpArchive = regexp.MustCompile(`(us\d+)\.campaign-archive\.com/(?:home/|feed)?\?u=([0-9a-fA-F]+)&(?:amp;)?id=([0-9a-fA-F]+)`)

// PlatformFeed returns the feed a known publishing platform serves for a
// page, with the platform's name, or "" when the page is none of them:
// a Mailchimp campaign or archive (its audience's archive feed), Substack,
// Blogger, WordPress, Wix and Squarespace. Their feeds are at fixed
// places, often unlinked from the page itself.
func PlatformFeed(pageURL string, body []byte) (feed, platform string) {
	u, err := url.Parse(pageURL)
	if err != nil || u.Host == "" {
		return "", ""
	}
	host := strings.ToLower(u.Hostname())
	origin := u.Scheme + "://" + u.Host
	lower := bytes.ToLower(body[:min(len(body), 512<<10)])
	if m := mailchimpArchive.FindStringSubmatch(pageURL); m != nil {
		return mailchimpFeed(m), "Mailchimp"
	}
	if m := mailchimpArchive.FindSubmatch(body); m != nil {
		return mailchimpFeed([]string{"", string(m[1]), string(m[2]), string(m[3])}), "Mailchimp"
	}
	if strings.HasSuffix(host, ".campaign-archive.com") || strings.HasSuffix(host, ".list-manage.com") {
		q := u.Query()
		if q.Get("u") != "" && q.Get("id") != "" {
			dc := strings.SplitN(host, ".", 2)[0]
			return mailchimpFeed([]string{"", dc, q.Get("u"), q.Get("id")}), "Mailchimp"
		}
	}
	gen := generator(body)
	switch {
	case strings.HasSuffix(host, ".substack.com") || bytes.Contains(lower, []byte("substackcdn.com")):
		return origin + "/feed", "Substack"
	case strings.HasSuffix(host, ".blogspot.com") || strings.Contains(gen, "blogger"):
		return origin + "/feeds/posts/default", "Blogger"
	case strings.Contains(gen, "wordpress") || bytes.Contains(lower, []byte("/wp-content/")):
		return origin + "/feed/", "WordPress"
	case strings.Contains(gen, "wix.com") || bytes.Contains(lower, []byte("static.wixstatic.com")):
		return origin + "/blog-feed.xml", "Wix"
	case bytes.Contains(lower, []byte("static1.squarespace.com")) || bytes.Contains(lower, []byte("squarespace_context")):
		// Squarespace serves each collection (a blog page) as RSS.
		v := u.Query()
		v.Set("format", "rss")
		u.RawQuery = v.Encode()
		u.Fragment = ""
		return u.String(), "Squarespace"
	}
	return "", ""
}

func mailchimpFeed(m []string) string {
	return "https://" + m[1] + ".campaign-archive.com/feed?u=" + m[2] + "&id=" + m[3]
}

// generator is the page's <meta name="generator">, lower-cased.
func generator(body []byte) string {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body[:min(len(body), 512<<10)]))
	if err != nil {
		return ""
	}
	g, _ := doc.Find(`meta[name="generator" i]`).First().Attr("content")
	return strings.ToLower(g)
}

// viewInBrowser matches the words mail campaigns put on the link to the
// letter's web copy.
var viewInBrowser = regexp.MustCompile(`(?i)view (this )?(e-?mail|message|newsletter|it)? ?(in|on) (your|a|the)? ?(web )?browser|view (it )?online|view as (a )?web ?page|web version|online version|im browser (ansehen|anzeigen)|voir (la version )?en ligne|ver en (el )?navegador`)

// urlIn finds a URL in text.
var urlIn = regexp.MustCompile(`https?://[^\s<>"')\]]+`)

// ViewInBrowser finds the "view in browser" link of a pasted letter, HTML
// or plain text (as a mail client copies it: the words, then the URL in
// angle brackets or on the next line). It returns "" when there is none.
func ViewInBrowser(letter []byte) string {
	if bytes.Contains(bytes.ToLower(letter[:min(len(letter), 4096)]), []byte("<a ")) {
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(letter))
		if err == nil {
			var found string
			doc.Find("a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
				href, _ := a.Attr("href")
				if viewInBrowser.MatchString(a.Text()) && strings.HasPrefix(href, "http") {
					found = href
					return false
				}
				return true
			})
			if found != "" {
				return found
			}
		}
	}
	text := string(letter)
	if loc := viewInBrowser.FindStringIndex(text); loc != nil {
		rest := text[loc[1]:min(len(text), loc[1]+400)]
		if u := urlIn.FindString(rest); u != "" {
			return strings.TrimRight(u, ".,;>")
		}
	}
	return ""
}
