// Package extract reads a partner's update the way a person would and lifts
// out each prayer and praise point as its own item. It is pure: no I/O.
//
// Every format is first turned into blocks (html.go, text.go, markdown.go):
// paragraphs, headings, list entries with their sub-entries, and table
// rows. The blocks are then read in order (points.go): labels ("Prayer:",
// "Alabanza:", 🙏) mark points and give their kind, headings and lead-ins
// give their kind to what follows until the next one (labels.go), and a
// paragraph that asks for prayer or gives thanks in its own words is a point
// even with no label (classify.go). Each point keeps its words exactly and
// has a sanitized HTML form (sanitize.go).
package extract

import (
	"path/filepath"
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

// MaxContent is the most content Points reads from one update; the rest is
// ignored, which bounds the work a hostile update can cause.
const MaxContent = 2 << 20

// Update extracts the points of u as items, filling every field but the
// ids and times, which the store assigns.
func Update(u fetcher.Update, opts Options) []feed.Item {
	content, format := u.HTML, FormatHTML
	if strings.TrimSpace(content) == "" {
		content, format = u.Text, FormatText
	} else if !looksLikeHTML(content) {
		// Some feeds put plain text in their HTML field; its line breaks
		// carry the structure, so read it as text.
		format = DetectFormat(content)
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

// Points finds the prayer and praise points in content, in reading order.
func Points(content string, format Format, opts Options) []Point {
	if len(content) > MaxContent {
		content = content[:MaxContent]
	}
	content = strings.ToValidUTF8(content, "\uFFFD")
	if format == FormatAuto {
		format = DetectFormat(content)
	}
	labels := newMarkerSet(opts.Markers)
	var blocks []*block
	switch format {
	case FormatHTML:
		blocks = regroup(htmlBlocks(content), labels)
	case FormatMarkdown:
		blocks = textBlocks(content, true, labels)
	default:
		blocks = textBlocks(content, false, labels)
	}
	if len(blocks) > maxBlocks {
		blocks = blocks[:maxBlocks]
	}
	blocks = glossed(entryRuns(blocks))
	a := &assembler{labels: labels}
	return a.run(blocks)
}

var (
	htmlTag   = regexp.MustCompile(`(?i)<(?:!doctype|html|head|body|p|div|br|span|ul|ol|li|table|tr|td|h[1-6]|strong|b|em|i|a|img|article|section|blockquote|font|center)[\s/>]`)
	mdSignals = regexp.MustCompile(`(?m)^(?:#{1,6} |\|.*\|[ \t]*$|---[ \t]*$)|\*\*\S|\[[^\]\n]+\]\([^)\n]+\)`)
)

// looksLikeHTML reports content with HTML tags in it.
func looksLikeHTML(content string) bool {
	return htmlTag.MatchString(content[:min(len(content), 64<<10)])
}

// DetectFormat guesses how content is written: HTML when it has tags,
// Markdown when it has headings, emphasis, links or tables written the
// Markdown way, plain text otherwise.
func DetectFormat(content string) Format {
	head := content[:min(len(content), 64<<10)]
	switch {
	case looksLikeHTML(head):
		return FormatHTML
	case mdSignals.MatchString(head):
		return FormatMarkdown
	}
	return FormatText
}

// FormatForFile picks the format of a file by its name's extension (.html,
// .htm, .md, .markdown), and by its content otherwise, so a .txt file that
// holds HTML is read as HTML.
func FormatForFile(name, content string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".md", ".markdown":
		return FormatMarkdown
	}
	if looksLikeHTML(content) {
		return FormatHTML
	}
	return FormatText
}
