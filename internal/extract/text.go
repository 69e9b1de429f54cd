package extract

import (
	"html"
	"regexp"
	"strconv"
	"strings"
)

// maxLines bounds the lines read from one text update.
const maxLines = 50000

var (
	atxHeading = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	ruleLine   = regexp.MustCompile(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:=[ \t]*){3,}|--)$`)
	tableSep   = regexp.MustCompile(`^\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?$`)
)

// textBlocks turns a plain-text or Markdown update into blocks: blank lines
// end paragraphs, wrapped lines join, every kind of bullet or number starts
// an entry and deeper-indented entries are sub-entries of the one above.
func textBlocks(content string, md bool, labels *markerSet) []*block {
	content = strings.ReplaceAll(content, "\r\n", "\n")
	content = strings.ReplaceAll(content, "\r", "\n")
	if md {
		content = stripFrontMatter(content)
	}
	g := &grouper{labels: labels, inline: plainInline}
	if md {
		g.inline = mdInline
	}
	var lastRow *gblock
	chat := false
	raws := strings.Split(content, "\n")
	if len(raws) > maxLines {
		raws = raws[:maxLines]
	}
	raws = bareBullets(raws)
	raws = bareNumbers(raws)
	texts := make([]string, len(raws))
	bullets := quoteBullets(raws)
	for i, raw := range raws {
		if bullets[i] {
			raw = "- " + strings.TrimLeft(raw, " >")
		}
		raw = strings.TrimRight(stripQuote(raw), " \t")
		raws[i] = raw
		texts[i] = raw[chatPrefix(raw):]
	}
	brk := lineBreaks(texts, labels)
	for i, raw := range raws {
		if n := chatPrefix(raw); n > 0 {
			// Each message of a chat export stands apart from the last.
			g.add(line{})
			raw, chat = raw[n:], true
		}
		if chat && chatMedia.MatchString(raw) {
			raw = ""
		}
		indent, text := indentOf(raw)
		switch {
		case ruleLine.MatchString(text):
			if md && g.cur != nil && g.cur.kind == bPara && len(g.cur.lines) == 1 && text[0] != '*' && text[0] != '_' && !g.blank {
				// A Setext heading: the line above is underlined.
				g.cur.kind, g.cur.level = bHeading, 2
				if text[0] == '=' {
					g.cur.level = 1
				}
				g.cur, g.top = nil, nil
				continue
			}
			g.rule()
			continue
		case strings.HasPrefix(text, "|") && strings.Count(text, "|") >= 2:
			if tableSep.MatchString(text) {
				if lastRow != nil && len(g.out) > 0 && g.out[len(g.out)-1] == lastRow {
					lastRow.kind = bHeaderRow
				}
				continue
			}
			g.row(tableCells(text, g.inline), false)
			lastRow = g.out[len(g.out)-1]
			continue
		}
		if m := atxHeading.FindStringSubmatch(text); m != nil && indent < 4 {
			g.heading(line{text: m[2]}, len(m[1]))
			continue
		}
		g.add(line{text: text, indent: indent, brk: brk[i]})
	}
	return g.blocks()
}

// chatStamp is the date, time and sender that a chat export (WhatsApp,
// Signal, Telegram) puts before each message: "[8/03/25, 21:47] Ana:" or
// "08/03/2025, 21:47 - Ana:".
var (
	chatStamp = regexp.MustCompile(`^\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},? \d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:[ \x{202f}\x{a0}]?[AaPp]\.?[ \x{202f}]?[Mm]\.?)?\]?(?: [-–])? [^:\[\]]{1,50}?: `)
	// chatMedia is the line an export writes for a photo or file.
	chatMedia = regexp.MustCompile(`^[ \t]*<(?:media omitted|multimedia omitido|m[ií]dia oculta|m[eé]dia omis|medien ausgeschlossen|[^<>]{0,20} omitted)>[ \t]*$|^[ \t]*(?:image|video|audio|sticker|gif) omitted[ \t]*$`)
)

// chatPrefix measures a chat export's stamp at the start of s.
func chatPrefix(s string) int {
	if s == "" || s[0] != '[' && (s[0] < '0' || s[0] > '9') {
		return 0
	}
	if loc := chatStamp.FindStringIndex(s); loc != nil {
		return loc[1]
	}
	return 0
}

// bareBullets joins a bullet standing alone on its line to the line after
// it, as text copied from a web page's list often sets them ("-" then
// "Mari kita naikkan doa …").
func bareBullets(raws []string) []string {
	for i := 0; i+1 < len(raws); i++ {
		t := strings.TrimSpace(raws[i])
		if t == "" || len(t) > len("•") || strings.TrimSpace(raws[i+1]) == "" {
			continue
		}
		if n, _, ok := marker(t + " x"); ok && n == len(t)+1 {
			raws[i+1] = t + " " + strings.TrimLeft(raws[i+1], " \t")
			raws[i] = ""
		}
	}
	return raws
}

// bareNumber is a number that opens a line with only a space after it
// ("1 Psalm 19 …", "12 Pray for …").
var bareNumber = regexp.MustCompile(`^([ \t]*)(\d{1,3})[ \t]+\S`)

// leadingDate is a date that opens a line ("24 Maret 2025", "3 March,
// 2026"): a calendar's day, not a list number.
var leadingDate = regexp.MustCompile(`^[ \t]*\d{1,2}\.?[ \t]+\pL{3,}\.?,?[ \t]+\d{2,4}\b`)

// bareNumbers marks numbers that open lines as list numbers ("1 Pray …",
// "2 Give thanks …" becomes "1. Pray …") when at least minNumberedLines
// lines count up one by one: a calendar's days or a numbered list whose
// dots were lost, not a line that happens to start with a figure.
func bareNumbers(raws []string) []string {
	var run []int
	want := 0
	flush := func() {
		if len(run) >= minNumberedLines {
			for _, i := range run {
				m := bareNumber.FindStringSubmatchIndex(raws[i])
				raws[i] = raws[i][:m[5]] + "." + raws[i][m[5]:]
			}
		}
		run = run[:0]
	}
	for i, raw := range raws {
		m := bareNumber.FindStringSubmatch(raw)
		if m == nil || leadingDate.MatchString(raw) {
			continue
		}
		v, _ := strconv.Atoi(m[2])
		if len(run) == 0 || v != want {
			flush()
		}
		run = append(run, i)
		want = v + 1
	}
	flush()
	return raws
}

// quoteBullets reports the lines whose ">" is a bullet rather than
// e-mail quoting: a run of "> " lines right under a line of the writer's
// own, with no blank line between ("Wir beten um" then "> Kraft, …").
// Quoted mail starts after a blank line or after the line that says who
// wrote it.
func quoteBullets(raws []string) []bool {
	out := make([]bool, len(raws))
	on := false
	for i, raw := range raws {
		t := strings.TrimLeft(raw, " ")
		if !strings.HasPrefix(t, ">") || strings.HasPrefix(t, ">>") {
			on = false
			continue
		}
		if !on && i > 0 {
			prev := strings.TrimSpace(raws[i-1])
			on = prev != "" && !strings.HasPrefix(prev, ">") && !attribution.MatchString(prev)
		}
		out[i] = on && strings.TrimSpace(t[1:]) != ""
	}
	return out
}

// attribution is the line a mail program writes above a quoted message.
var attribution = regexp.MustCompile(`(?i)\b(?:wrote|writes|schrieb|a écrit|escribió|escreveu|scrisse|schreef|aliandika|menulis)\b|작성|-----`)

// stripQuote removes e-mail quoting ("> ") from a line.
func stripQuote(s string) string {
	for range 8 {
		t := strings.TrimLeft(s, " ")
		if !strings.HasPrefix(t, ">") {
			return s
		}
		s = strings.TrimPrefix(t[1:], " ")
	}
	return s
}

// indentOf measures leading white space (a tab counts four) and returns
// the rest of the line.
func indentOf(s string) (int, string) {
	n := 0
	for i, r := range s {
		switch r {
		case ' ', '\u00a0':
			n++
		case '\t':
			n += 4
		default:
			return n, s[i:]
		}
	}
	return n, ""
}

// plainInline is the tokens of a line of plain text: entities decoded.
func plainInline(s string) []tok {
	b := newInline()
	b.text(html.UnescapeString(s))
	return b.toks
}

// tableCells splits a Markdown table row into cells.
func tableCells(s string, inline func(string) []tok) [][]tok {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	s = strings.TrimSuffix(s, "|")
	var out [][]tok
	for _, c := range strings.Split(s, "|") {
		out = append(out, inline(strings.TrimSpace(c)))
	}
	return out
}
