package feed

import (
	"encoding/xml"
	"html"
	"io"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// WriteRSS writes items as an RSS 2.0 document following the RSS Advisory
// Board's profile.
//
// It fills gorilla/feeds' RssFeedXml, RssFeed and RssItem directly rather
// than going through feeds.Feed, and wraps them to add what the library
// cannot emit: an atom:link rel="self" in the channel (the profile's
// recommendation, needed by validators and by readers that follow moved
// feeds), a channel language, guid isPermaLink="false" for our urn ids, and
// dc:creator for the partner's name, because RSS's author element must hold
// an e-mail address and feeds.Feed would put the name there. The item
// description is the point as entity-encoded plain text, since readers
// render description as HTML; the point's HTML goes in content:encoded.
// Titles and the channel description are entity-encoded too (htmlText):
// feedparser and the readers built on it render them as HTML as well, so
// a partner's "<img src=x>" in a title would otherwise become markup.
func WriteRSS(w io.Writer, m Meta, items []Item) error {
	return writeXML(w, FormatRSS, m, items, func(d document) feeds.XmlFeed { return newRSSDoc(d) })
}

// rssDoc is feeds.RssFeedXml with the atom and dc namespaces declared and
// our channel in place of the library's.
type rssDoc struct {
	feeds.RssFeedXml
	AtomNS  string `xml:"xmlns:atom,attr"`
	DCNS    string `xml:"xmlns:dc,attr"`
	Channel rssChannel
}

// FeedXml lets feeds.WriteXML write the document as it is.
func (r *rssDoc) FeedXml() interface{} { return r }

// rssChannel is feeds.RssFeed with a self link and items carrying dc:creator.
type rssChannel struct {
	*feeds.RssFeed
	Self  rssAtomLink
	Items []rssItem `xml:"item"`
}

// rssAtomLink is an atom:link inside RSS; feeds.AtomLink's element name is
// fixed to "link", which would clash with the channel's own link.
type rssAtomLink struct {
	XMLName xml.Name `xml:"atom:link"`
	Href    string   `xml:"href,attr"`
	Rel     string   `xml:"rel,attr"`
	Type    string   `xml:"type,attr,omitempty"`
	Title   string   `xml:"title,attr,omitempty"`
}

// rssItem is feeds.RssItem with the author's name as dc:creator and an
// atom:link rel="related" to each other letter that carried the point
// (RSS's own link holds one URL).
type rssItem struct {
	*feeds.RssItem
	Creator string        `xml:"dc:creator"`
	Related []rssAtomLink `xml:"atom:link"`
}

func newRSSDoc(d document) *rssDoc {
	ch := rssChannel{
		RssFeed: &feeds.RssFeed{
			Title:         htmlText(d.Title),
			Link:          d.HomeURL,
			Description:   htmlText(d.Description),
			Language:      d.Language,
			LastBuildDate: d.Updated.Format(time.RFC1123Z),
		},
		Self:  rssAtomLink{Href: d.FeedURL, Rel: "self", Type: FormatRSS.mediaType()},
		Items: make([]rssItem, len(d.Entries)),
	}
	for i, e := range d.Entries {
		ch.Items[i] = rssItem{
			RssItem: &feeds.RssItem{
				Title:       htmlText(e.Title),
				Link:        e.Link,
				Description: html.EscapeString(e.Text),
				Content:     &feeds.RssContent{Content: e.HTML},
				Category:    string(e.Kind),
				Guid:        &feeds.RssGuid{Id: e.ID, IsPermaLink: "false"},
				PubDate:     e.Date.Format(time.RFC1123Z),
			},
			Creator: e.Author,
			Related: rssRelated(e.Copies),
		}
	}
	return &rssDoc{
		RssFeedXml: feeds.RssFeedXml{
			Version:          "2.0",
			ContentNamespace: "http://purl.org/rss/1.0/modules/content/",
		},
		AtomNS:  atomNS,
		DCNS:    "http://purl.org/dc/elements/1.1/",
		Channel: ch,
	}
}

// htmlText is plain text s made safe for the RSS elements many readers
// render as HTML (feedparser and the readers built on it do so for titles
// and the channel description): every "<" becomes "&lt;", so partner text
// never becomes a tag, and an "&" that could start an entity becomes
// "&amp;". Nothing else changes, so that readers which show these
// elements as plain text (gofeed, sfeed, XML::FeedPP) show a title with a
// lone "&" or ">" as written; only the rare "<" shows as "&lt;" there.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			b.WriteString("&lt;")
		case c == '&' && i+1 < len(s) && entityStart(s[i+1]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// entityStart reports whether c after "&" may begin a character reference.
func entityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// rssRelated are atom:link rel="related" elements for an entry's copies.
func rssRelated(copies []Link) []rssAtomLink {
	var out []rssAtomLink
	for _, c := range copies {
		out = append(out, rssAtomLink{Href: c.URL, Rel: "related", Type: "text/html", Title: c.Title})
	}
	return out
}
