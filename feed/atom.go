package feed

import (
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// atomNS is the Atom 1.0 namespace, also declared in RSS for atom:link.
const atomNS = "http://www.w3.org/2005/Atom"

// WriteAtom writes items as an Atom 1.0 document (RFC 4287).
//
// It fills gorilla/feeds' AtomFeed and AtomEntry directly and wraps them,
// because feeds.Feed's Atom output is not conformant for us: it has no
// xml:lang, only one feed link (we need rel="alternate" and rel="self"),
// uses the link as the feed id, writes category as element text where
// RFC 4287 needs a term attribute, marks every summary as HTML, and takes
// dates in their own zone. Here summary is type="text" (the plain point),
// content type="html" (the point's HTML), and every date is RFC 3339 UTC.
func WriteAtom(w io.Writer, m Meta, items []Item) error {
	return writeXML(w, FormatAtom, m, items, func(d document) feeds.XmlFeed { return newAtomDoc(d) })
}

// atomDoc is feeds.AtomFeed with xml:lang, a self link and our entries.
type atomDoc struct {
	*feeds.AtomFeed
	Lang string `xml:"xml:lang,attr,omitempty"`
	// Links replaces AtomFeed.Link, which holds only one link.
	Links   []feeds.AtomLink
	Entries []atomEntry `xml:"entry"`
}

// FeedXml lets feeds.WriteXML write the document as it is.
func (a *atomDoc) FeedXml() interface{} { return a }

// atomEntry is feeds.AtomEntry with an RFC 4287 category, and links
// that carry a title.
type atomEntry struct {
	*feeds.AtomEntry
	// Category is nil for an entry that is not one point (a weekly digest).
	Category *atomCategory `xml:"category,omitempty"`
	// Links replaces AtomEntry.Links (whose link has no title): the
	// alternate link, then rel="related" to each copy of the point.
	Links []atomLink `xml:"link"`
}

// atomLink is an RFC 4287 link with its title attribute.
type atomLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

// atomLinks is an entry's alternate link and a related link per copy.
func atomLinks(e entry) []atomLink {
	out := []atomLink{{Href: e.Link, Rel: "alternate", Type: "text/html"}}
	for _, c := range e.Copies {
		out = append(out, atomLink{Href: c.URL, Rel: "related", Type: "text/html", Title: c.Title})
	}
	return out
}

// atomCategory is <category term="prayer"/>. It has no label: readers
// (gofeed among them) show a label instead of the term, and the kind's
// machine name is what filters and every other format carry.
type atomCategory struct {
	Term string `xml:"term,attr"`
}

func newAtomDoc(d document) *atomDoc {
	a := &atomDoc{
		AtomFeed: &feeds.AtomFeed{
			Xmlns:    atomNS,
			Title:    d.Title,
			Id:       d.ID,
			Updated:  atomTime(d.Updated),
			Subtitle: d.Description,
		},
		Lang: d.Language,
		Links: []feeds.AtomLink{
			{Href: d.HomeURL, Rel: "alternate", Type: "text/html"},
			{Href: d.FeedURL, Rel: "self", Type: FormatAtom.mediaType()},
		},
		Entries: make([]atomEntry, len(d.Entries)),
	}
	for i, e := range d.Entries {
		var category *atomCategory
		if e.Kind != "" {
			category = &atomCategory{Term: string(e.Kind)}
		}
		a.Entries[i] = atomEntry{
			AtomEntry: &feeds.AtomEntry{
				Title:     e.Title,
				Id:        e.ID,
				Updated:   atomTime(e.Date),
				Published: atomTime(e.Date),
				Summary:   &feeds.AtomSummary{Content: e.Text, Type: "text"},
				Content:   &feeds.AtomContent{Content: e.HTML, Type: "html"},
				Author:    &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: e.Author}},
			},
			Category: category,
			Links:    atomLinks(e),
		}
	}
	return a
}

func atomTime(t time.Time) string { return t.Format(time.RFC3339) }
