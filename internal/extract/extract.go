// Package extract reads a partner's update the way a person would and lifts
// out each prayer and praise point as its own item. It is pure: no I/O.
package extract

import (
	"html"
	"regexp"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/fetcher"
)

// Format says how an update's content is written.
type Format int

// The formats Points understands. FormatAuto guesses from the content.
const (
	FormatAuto Format = iota
	FormatHTML
	FormatMarkdown
	FormatText
)

// Markers are extra labels a partner uses, beside the built-in ones.
type Markers struct {
	Prayer []string
	Praise []string
}

// Options tune extraction for one partner.
type Options struct {
	Markers Markers
}

// Point is one prayer or praise point.
type Point struct {
	Kind feed.Kind
	// Text is the point's words, white space collapsed, label removed.
	Text string
	// HTML is the point as sanitized HTML.
	HTML string
}

// Update extracts the points of u as items, filling every field but the
// ids and times, which the store assigns.
func Update(u fetcher.Update, opts Options) []feed.Item {
	content, format := u.HTML, FormatHTML
	if strings.TrimSpace(content) == "" {
		content, format = u.Text, FormatText
	}
	points := Points(content, format, opts)
	items := make([]feed.Item, len(points))
	for i, p := range points {
		items[i] = feed.Item{
			Kind: p.Kind, Text: p.Text, HTML: p.HTML,
			PartnerID: u.PartnerID, SourceURL: u.SourceURL,
			UpdateGUID: u.GUID, UpdateLink: u.Link, UpdateTitle: u.Title,
			Published: u.Published, Position: i,
		}
	}
	return items
}

var label = regexp.MustCompile(`(?i)^\s*(prayer|praise)\s*:\s*`)

// Points finds the prayer and praise points in content.
// This first version reads only paragraphs labelled "Prayer:" or "Praise:".
func Points(content string, format Format, opts Options) []Point {
	var out []Point
	if format == FormatHTML {
		content = blockText(content)
	}
	for _, para := range regexp.MustCompile(`\n\s*\n`).Split(content, -1) {
		m := label.FindStringSubmatch(para)
		if m == nil {
			continue
		}
		text := strings.Join(strings.Fields(para[len(m[0]):]), " ")
		if text == "" {
			continue
		}
		out = append(out, Point{Kind: feed.Kind(strings.ToLower(m[1])), Text: text})
	}
	return out
}

var (
	blockTag = regexp.MustCompile(`(?i)</?(p|div|li|ul|ol|h[1-6]|br|tr|table|section|article)\b[^>]*>`)
	anyTag   = regexp.MustCompile(`<[^>]*>`)
)

// blockText flattens HTML to text with a blank line between blocks.
func blockText(h string) string {
	h = blockTag.ReplaceAllString(h, "\n\n")
	return html.UnescapeString(anyTag.ReplaceAllString(h, ""))
}
