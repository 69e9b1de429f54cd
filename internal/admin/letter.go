package admin

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// segment is a stretch of an update's text; Point is the 1-based number
// of the point extracted from it, 0 for text no point came from.
type segment struct {
	Text  string
	Point int
	Kind  string
}

// block is one paragraph, heading or list entry of the letter.
type block []segment

// letterPoint is a point to mark in the letter.
type letterPoint struct {
	text, kind string
}

// maxBlocks bounds what one update shows; content is capped when fetched,
// this keeps a page of many short lines readable.
const maxBlocks = 400

// markLetter is an update's content as plain-text blocks with the
// stretches each point was read from marked. Only text is kept, never
// markup: that is the sanitizing, and the template escapes every
// character.
func markLetter(content, format string, points []letterPoint) []block {
	var texts []string
	if format == "html" {
		texts = htmlBlocks(content)
	} else {
		texts = textBlocks(content)
	}
	if len(texts) > maxBlocks {
		texts = texts[:maxBlocks]
	}
	blocks := make([]block, len(texts))
	for i, t := range texts {
		blocks[i] = block{{Text: t}}
	}
	from := 0 // points come in letter order: search on from the last
	for n, p := range points {
		if i := markPoint(blocks, from, n+1, p); i >= 0 {
			from = i
		} else if i := markPoint(blocks, 0, n+1, p); i >= 0 {
			from = i
		}
	}
	return blocks
}

// markPoint marks p's text in the first block at or after from that holds
// it in an unmarked stretch, and returns that block's index, or -1.
func markPoint(blocks []block, from, n int, p letterPoint) int {
	want := strings.Join(strings.Fields(p.text), " ")
	if want == "" {
		return -1
	}
	for i := from; i < len(blocks); i++ {
		for j, seg := range blocks[i] {
			if seg.Point != 0 {
				continue
			}
			k := strings.Index(seg.Text, want)
			if k < 0 {
				continue
			}
			split := block{}
			if k > 0 {
				split = append(split, segment{Text: seg.Text[:k]})
			}
			split = append(split, segment{Text: want, Point: n, Kind: p.kind})
			if rest := seg.Text[k+len(want):]; rest != "" {
				split = append(split, segment{Text: rest})
			}
			blocks[i] = append(blocks[i][:j], append(split, blocks[i][j+1:]...)...)
			return i
		}
	}
	return -1
}

// textBlocks splits plain text at blank lines.
func textBlocks(content string) []string {
	var out []string
	for _, para := range strings.Split(strings.ReplaceAll(content, "\r\n", "\n"), "\n\n") {
		if t := strings.Join(strings.Fields(para), " "); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// blockElements end a block of text: paragraphs, headings, list entries,
// table cells and line breaks.
var blockElements = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Br: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Blockquote: true,
	atom.Section: true, atom.Article: true, atom.Ul: true, atom.Ol: true, atom.Dd: true, atom.Dt: true, atom.Pre: true,
	atom.Hr: true, atom.Header: true, atom.Footer: true, atom.Table: true,
}

// htmlBlocks reads the text of an HTML fragment, one block per paragraph,
// heading or list entry, skipping scripts, styles and templates. The
// tokenizer of golang.org/x/net/html does the parsing; splitting text at
// block elements is all that is added.
func htmlBlocks(content string) []string {
	z := html.NewTokenizer(strings.NewReader(content))
	var out []string
	var cur strings.Builder
	skip := 0
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			out = append(out, t)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return out
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Template || a == atom.Noscript || a == atom.Svg:
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case blockElements[a]:
				flush()
			}
		}
	}
}
