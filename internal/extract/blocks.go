package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// blockKind says what a block of an update is.
type blockKind uint8

const (
	bPara      blockKind = iota // a paragraph
	bHeading                    // a heading; level 1 is the update's title
	bItem                       // a list entry, with its sub-entries as children
	bRow                        // a row of a data table
	bHeaderRow                  // a table's column headers
	bRule                       // a horizontal rule or separator line
)

// block is one paragraph, heading, list entry or table row of an update,
// in reading order. Every format is turned into blocks; the rules that
// find points read only blocks.
type block struct {
	kind     blockKind
	level    int
	depth    int
	toks     []tok
	children []*block
	cells    [][]tok
	// allBold marks an HTML paragraph written entirely in bold.
	allBold bool
	// stanza marks a paragraph set out as verse: a hymn or poem.
	stanza bool
}

// maxBlocks bounds the work done on one update.
const maxBlocks = 20000

// line is one line of text with its indentation, for grouping lines into
// blocks. toks is set for lines that came from HTML.
type line struct {
	text   string
	toks   []tok
	indent int
	// brk marks a line that starts a paragraph of its own though no blank
	// line comes before it (lineBreaks).
	brk bool
}

// markerRe matches a list marker at the start of a trimmed line: bullets
// of every kind, dashes and arrows ("—", "–", "->", "=>"), numbers ("1.",
// "2)", "(3)", keycap emoji "1️⃣"), letters ("a)", "(b)") and roman
// numerals ("(iv)", "ii.", "IX)").
var markerRe = regexp.MustCompile(`^(?:(?:[-~*+•·◦▪▫‣⁃∙●○◉◎■□➢➤►▶▸▹▻→⇒➔➜➝➞✓✔✦✧☐☑❖◆◇♦–—―‒−]|->|=>|-->)\x{fe0f}?|\d{1,3}[.)]|\d{1,3}[ \t]*[–—]|\d{1,3}-|\(\d{1,3}\)|[a-z]\)|\([a-z]\)|#\d{1,3}[.):]?` +
	`|\d\x{fe0f}?\x{20e3}|🔟|\(?(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|I{1,3}|IV|VI{0,3}|IX|XI{0,3})[.)])[ \t\x{a0}]+`)

// wordBullet matches the bullets Word's plain-text export writes for its
// second and third levels: a letter ("o", "§", "Ø") set off by a tab or
// several spaces, which a word starting a wrapped line never is.
var wordBullet = regexp.MustCompile(`^[oØ§](?:\t|[ \x{a0}]{2,})[ \t\x{a0}]*`)

// marker measures the list marker at the start of s; an emoji that starts
// a line also starts an entry but stays in its text, where it can be a
// kind marker.
func marker(s string) (n int, emoji bool, ok bool) {
	if loc := markerRe.FindStringIndex(s); loc != nil {
		return loc[1], false, true
	}
	if r, _ := utf8.DecodeRuneInString(s); r == 'o' || r == 'Ø' || r == '§' {
		if loc := wordBullet.FindStringIndex(s); loc != nil {
			return loc[1], false, true
		}
	}
	r, size := utf8.DecodeRuneInString(s)
	if r >= 0x2190 && isSymbol(r) && r != '*' {
		rest := s[size:]
		rest = strings.TrimLeftFunc(rest, func(r rune) bool { return isSymbol(r) })
		if rest != "" && (rest[0] == ' ' || strings.HasPrefix(rest, "\u00a0")) {
			return 0, true, true
		}
	}
	return 0, false, false
}

// capsLine reports a short line written in capitals, which plain-text
// letters use as headings ("PRAYER REQUESTS", "FAMILY NEWS").
func capsLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 80 || strings.HasSuffix(s, ".") || strings.HasSuffix(s, ",") {
		return false
	}
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsUpper(r) {
				letters++
			}
		}
	}
	return letters >= 3 && len(strings.Fields(s)) <= 10
}

// kindHeadingLine reports a short line that is only a kind heading
// ("Prayer requests", "Gebetsanliegen:", "Please pray for:").
func kindHeadingLine(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || len(strings.Fields(s)) > 8 || strings.ContainsAny(s[len(s)-1:], ".!?,;") {
		return false
	}
	ws := words(s)
	k, ok := phraseKind(ws)
	return ok && k != kindNone
}

// grouper gathers lines into blocks.
type grouper struct {
	labels *markerSet
	// inline turns the text of a line into tokens; lines from HTML carry
	// their tokens already.
	inline func(string) []tok
	out    []*gblock
	cur    *gblock // the paragraph or entry being read
	top    *gblock // the current top-level list entry
	blank  bool    // a blank line came since the last text
}

// gblock is a block being assembled from lines.
type gblock struct {
	kind     blockKind
	level    int
	indent   int
	lines    []line
	children []*gblock
	cells    [][]tok
}

// standalone reports a line that starts a block of its own even with no
// blank line before it: a capitals heading, a kind heading, or a line that
// starts with a label ("PRAISE: ...", as in a list of labelled lines).
func (g *grouper) standalone(l line) bool {
	if capsLine(l.text) || kindHeadingLine(l.text) {
		return true
	}
	_, ok := findLabel(l.text, 0, g.labels)
	return ok
}

// add reads the next line.
func (g *grouper) add(l line) {
	if len(g.out) >= maxBlocks {
		return
	}
	t := l.text
	if strings.TrimFunc(t, isSpace) == "" {
		if g.cur != nil && g.cur.kind == bPara {
			g.cur = nil
		}
		g.blank = true
		return
	}
	if n, _, ok := marker(t); ok {
		l.text = t[n:]
		if l.toks != nil && n > 0 {
			l.toks = cut(l.toks, n)
		}
		entry := &gblock{kind: bItem, indent: l.indent, lines: []line{l}}
		if g.top != nil && l.indent > g.top.indent {
			g.top.children = append(g.top.children, entry)
		} else {
			g.top = entry
			g.out = append(g.out, entry)
		}
		g.cur, g.blank = entry, false
		return
	}
	alone := g.standalone(l) || g.signsOff(l)
	if g.cur != nil && !alone && (g.blank || g.cur == g.top && rosterLine(g.cur.lines[0].text)) && g.continues(l) && titled(g.top) {
		// "• Daniel und Rosita, Benicarló" then their words, a paragraph
		// at a time: each paragraph under the name is an entry.
		entry := &gblock{kind: bItem, indent: l.indent, lines: []line{l}}
		g.top.children = append(g.top.children, entry)
		g.cur, g.blank = entry, false
		return
	}
	if g.cur != nil && !alone && !l.brk && (!g.blank || g.continues(l)) {
		g.cur.lines = append(g.cur.lines, l)
		g.blank = false
		return
	}
	g.cur, g.top, g.blank = nil, nil, false
	if capsLine(t) {
		if lb, ok := findLabel(t, 0, g.labels); !ok || strings.TrimSpace(t[lb.n:]) == "" {
			g.heading(l, 2)
			return
		}
	}
	if kindHeadingLine(t) {
		g.heading(l, 2)
		return
	}
	g.cur = &gblock{kind: bPara, lines: []line{l}}
	g.out = append(g.out, g.cur)
}

// titled reports a list entry whose own line only names whom or what the
// paragraphs under it are about: one short line with no closing mark.
func titled(gb *gblock) bool {
	if gb == nil || len(gb.lines) != 1 {
		return false
	}
	t := strings.TrimFunc(gb.lines[0].text, isSpace)
	return t != "" && len(strings.Fields(t)) <= maxTitleWords && !strings.ContainsAny(t[len(t)-1:], ".!?:;,")
}

// continues reports a line after a blank line that goes on with the list
// entry above: indented under it, and not a sign-off ("<TAB>With
// gratitude,"), which letters indent as much as their paragraphs.
func (g *grouper) continues(l line) bool {
	return g.cur.kind == bItem && g.top != nil && l.indent > g.top.indent && !isClosing(l.text)
}

// signsOff reports a line after a list entry, no deeper than it, that
// blesses or appeals ("Mungu awabariki.", "Give online at ..."): a new
// paragraph, not the entry's wrapped text.
func (g *grouper) signsOff(l line) bool {
	if g.cur == nil || g.cur.kind != bItem || l.indent > g.cur.indent {
		return false
	}
	return isClosing(l.text) || isNotice(l.text)
}

// heading adds a heading line.
func (g *grouper) heading(l line, level int) {
	g.cur, g.top, g.blank = nil, nil, false
	g.out = append(g.out, &gblock{kind: bHeading, level: level, lines: []line{l}})
}

// rule adds a separator.
func (g *grouper) rule() {
	g.cur, g.top, g.blank = nil, nil, false
	g.out = append(g.out, &gblock{kind: bRule})
}

// row adds a table row.
func (g *grouper) row(cells [][]tok, header bool) {
	g.cur, g.top, g.blank = nil, nil, false
	k := bRow
	if header {
		k = bHeaderRow
	}
	g.out = append(g.out, &gblock{kind: k, cells: cells})
}

// blocks ends the grouping.
func (g *grouper) blocks() []*block {
	out := make([]*block, 0, len(g.out))
	for _, gb := range g.out {
		out = append(out, g.block(gb))
	}
	return out
}

func (g *grouper) block(gb *gblock) *block {
	b := &block{kind: gb.kind, level: gb.level, cells: gb.cells, depth: 1}
	parts := make([][]tok, 0, len(gb.lines))
	for _, l := range gb.lines {
		if l.toks != nil {
			parts = append(parts, l.toks)
		} else {
			parts = append(parts, g.inline(l.text))
		}
	}
	b.toks = joinToks(parts...)
	b.stanza = gb.kind == bPara && isStanza(gb.lines)
	for _, c := range gb.children {
		b.children = append(b.children, g.block(c))
	}
	return b
}

// isStanza reports lines set out as verse: at least four short lines,
// most of them ending in punctuation, where lines run on into each other
// (one starts in lower case) or end mid-sentence on a comma or semicolon.
// Prose wrapped to a width rarely ends its lines in punctuation, and a
// list of short sentences ends each line on a full stop and starts the
// next in capitals.
func isStanza(lines []line) bool {
	if len(lines) < 4 {
		return false
	}
	punct, pause, runOn := 0, 0, false
	for i, l := range lines {
		t := strings.TrimFunc(l.text, isSpace)
		if t == "" || utf8.RuneCountInString(t) > 60 {
			return false
		}
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, "\"'”’)"))
		if strings.ContainsRune(",;:!?.", last) {
			punct++
		}
		if strings.ContainsRune(",;:", last) {
			pause++
		}
		if first, _ := utf8.DecodeRuneInString(t); i > 0 && unicode.IsLower(first) {
			runOn = true
		}
	}
	return punct*2 >= len(lines) && (runOn || pause*2 >= len(lines))
}
