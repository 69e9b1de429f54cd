package site

import (
	"bytes"
	"encoding/xml"
	"fmt"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// opml is an OPML 2.0 document (http://opml.org/spec2.opml).
type opml struct {
	XMLName xml.Name  `xml:"opml"`
	Version string    `xml:"version,attr"`
	Title   string    `xml:"head>title"`
	Docs    string    `xml:"head>docs"`
	Body    []outline `xml:"body>outline"`
}

type outline struct {
	Text     string    `xml:"text,attr"`
	Title    string    `xml:"title,attr,omitempty"`
	Type     string    `xml:"type,attr,omitempty"`
	XMLURL   string    `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string    `xml:"htmlUrl,attr,omitempty"`
	URL      string    `xml:"url,attr,omitempty"`
	Children []outline `xml:"outline"`
}

// OPML renders the public partners' sources as OPML 2.0, one folder per
// partner: feeds as rss outlines a reader subscribes to, news pages and
// homepages as links, without credentials (config.PublicURL). Private partners never appear, in any scope: their
// source addresses could say where they work.
func (s *Site) OPML() (*Page, error) {
	doc := opml{Version: "2.0", Title: s.redact.Text("", s.cfg.Title) + ": partners' sources", Docs: "http://opml.org/spec2.opml"}
	for _, p := range s.cfg.Partners {
		if p.Private() {
			continue
		}
		name := s.redact.Text(p.ID, p.Name)
		folder := outline{Text: name, Title: name, HTMLURL: config.PublicURL(p.Homepage)}
		for _, src := range p.Sources {
			o := outline{Text: name, Title: name}
			if src.Type == config.TypeRSS {
				o.Type, o.XMLURL, o.HTMLURL = "rss", config.PublicURL(src.URL), config.PublicURL(p.Homepage)
			} else {
				o.Type, o.URL = "link", config.PublicURL(src.URL)
			}
			folder.Children = append(folder.Children, o)
		}
		doc.Body = append(doc.Body, folder)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, fmt.Errorf("render partners.opml: %w", err)
	}
	buf.WriteByte('\n')
	return &Page{Body: buf.Bytes(), ContentType: "text/x-opml; charset=utf-8"}, nil
}
