package feed

import (
	"encoding/xml"
	"html"
	"io"
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
	Type    string   `xml:"type,attr"`
}

// rssItem is feeds.RssItem with the author's name as dc:creator.
type rssItem struct {
	*feeds.RssItem
	Creator string `xml:"dc:creator"`
}

func newRSSDoc(d document) *rssDoc {
	ch := rssChannel{
		RssFeed: &feeds.RssFeed{
			Title:         d.Title,
			Link:          d.HomeURL,
			Description:   d.Description,
			Language:      d.Language,
			LastBuildDate: d.Updated.Format(time.RFC1123Z),
		},
		Self:  rssAtomLink{Href: d.FeedURL, Rel: "self", Type: FormatRSS.mediaType()},
		Items: make([]rssItem, len(d.Entries)),
	}
	for i, e := range d.Entries {
		ch.Items[i] = rssItem{
			RssItem: &feeds.RssItem{
				Title:       e.Title,
				Link:        e.Link,
				Description: html.EscapeString(e.Text),
				Content:     &feeds.RssContent{Content: e.HTML},
				Category:    string(e.Kind),
				Guid:        &feeds.RssGuid{Id: e.ID, IsPermaLink: "false"},
				PubDate:     e.Date.Format(time.RFC1123Z),
			},
			Creator: e.Author,
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
