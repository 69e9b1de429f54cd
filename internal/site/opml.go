package site

import (
	"bytes"
	"context"
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
// partner: feeds as rss outlines a reader subscribes to (for an auto
// source, the feed its homepage led to once it has been fetched), news
// pages and homepages not yet resolved as links, without credentials
// (config.PublicURL). Private partners never appear, in any scope: their
// source addresses could say where they work.
func (s *Site) OPML(ctx context.Context) (*Page, error) {
	doc := opml{Version: "2.0", Title: s.redact.Text("", s.cfg.Title) + ": partners' sources", Docs: "http://opml.org/spec2.opml"}
	feeds, err := s.resolvedFeeds(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range s.cfg.Partners {
		if p.Private() {
			continue
		}
		name := s.redact.Text(p.ID, p.Name)
		folder := outline{Text: name, Title: name, HTMLURL: config.PublicURL(p.Homepage)}
		for _, src := range p.Sources {
			o := outline{Text: name, Title: name}
			feedURL, resolved := src.URL, feeds[[2]string{p.ID, src.URL}]
			if resolved != "" {
				feedURL = resolved
			}
			switch {
			case src.Type == config.TypeRSS || src.Type == config.TypeAuto && resolved != "":
				o.Type, o.XMLURL, o.HTMLURL = "rss", config.PublicURL(feedURL), config.PublicURL(p.Homepage)
				if o.HTMLURL == "" && src.Type == config.TypeAuto {
					o.HTMLURL = config.PublicURL(src.URL)
				}
			default:
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

// resolvedFeeds maps each source (partner id, URL) to the feed its last
// good fetch read, where that is known.
func (s *Site) resolvedFeeds(ctx context.Context) (map[[2]string]string, error) {
	if s.resolved == nil {
		return nil, nil
	}
	states, err := s.resolved.SourceStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("render partners.opml: %w", err)
	}
	out := make(map[[2]string]string, len(states))
	for _, st := range states {
		if st.FeedURL != "" {
			out[[2]string{st.PartnerID, st.URL}] = st.FeedURL
		}
	}
	return out, nil
}
