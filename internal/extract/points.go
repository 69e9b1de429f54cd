package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// style is how the points of a section are written so far. A section
// keeps to one style: a paragraph after a list, or an unlabelled paragraph
// after labelled ones, is past the section's end.
type style uint8

const (
	styleNone style = iota
	styleList
	stylePara
	styleLabelled
)

// section is what the last heading, label or lead-in said about the blocks
// under it.
type section struct {
	kind kinds
	// title marks a section opened by the update's own title, which gives
	// its kind to lists and tables under it but not to paragraphs.
	title bool
	// level is the level of the heading that opened the section, 0 if
	// none did.
	level int
	// cols holds the kinds a table's column headers give ("Partner |
	// Praise | Prayer"), when at least one names a kind.
	cols  []kinds
	style style
}

// assembler reads blocks in order, the way a person reads an update, and
// collects the points.
type assembler struct {
	labels *markerSet
	sec    section
	out    []Point
	// listAhead marks the blocks followed, within their section, by list
	// entries.
	listAhead []bool
}

func (a *assembler) run(blocks []*block) []Point {
	a.listAhead = listsAhead(blocks)
	for i := 0; i < len(blocks); i++ {
		b := blocks[i]
		if (b.kind == bPara || b.kind == bHeading) && len(b.children) == 0 && commentsStart(plain(b.toks, " ")) {
			// The readers' comments follow: not the partner's words.
			break
		}
		switch b.kind {
		case bRule:
			a.sec = section{}
			continue
		case bHeading:
			a.heading(b)
			continue
		case bHeaderRow:
			a.headerRow(b)
			continue
		case bRow:
			a.row(b)
			continue
		}
		text := plain(b.toks, " ")
		if strings.TrimFunc(text, isSpace) == "" && len(b.children) == 0 {
			continue
		}
		if l, ok := findLabel(text, boldPrefix(b.toks), a.labels); ok {
			if l.symbol && isClosing(text[l.n:]) {
				// "🙏 Thanks to all who pray for us!" signs off.
				a.sec = section{}
				continue
			}
			i += a.labelled(b, l, blocks[i+1:])
			continue
		}
		if b.kind == bPara && (headingLike(b, text) || len(b.children) == 0 && kindHeadingLine(text)) {
			k := sectionKind(text)
			if k == kindNone && endsWithColon(text) {
				k, _ = leadInKind(text)
			}
			a.sec = section{kind: k}
			continue
		}
		if b.stanza || isVerse(text) {
			continue
		}
		if len(b.children) == 0 && !askingBeforeAsk(text, blocks[i+1:]) {
			if k, ok := leadInKind(text); ok {
				a.leadIn(k)
				continue
			}
			if k := openLeadIn(text, blocks[i+1:]); k != kindNone {
				// "We give thanks for" with no colon, then the list.
				a.sec = section{kind: k}
				continue
			}
		}
		if isClosing(text) {
			a.sec = section{}
			continue
		}
		if b.kind == bItem && len(b.children) == 0 && i > 0 && blocks[i-1].kind == bPara && topicEntry(text, blocks[i+1:]) {
			// "1- La rentrée scolaire", then what it is about: the
			// number heads a topic, it is not a point.
			a.heading(&block{kind: bHeading, level: topicLevel, toks: b.toks})
			continue
		}
		if b.kind == bItem && len(b.children) > 0 && a.itemHeading(b, text) {
			// "Praises" or "Key dates" over sub-entries heads them.
			a.sec = section{kind: headingKind(text)}
			a.entries(b.children)
			continue
		}
		switch {
		case b.kind == bItem:
			a.item(b, text)
		case a.background(i, text):
		default:
			a.para(b, text)
		}
	}
	return a.out
}

// heading reads a heading. A heading that names no kind, below a heading
// that does ("We pray" then "The sick and housebound"), is the title of a
// topic within the section: the points under it keep the section's kind.
func (a *assembler) heading(b *block) {
	text := plain(b.toks, " ")
	k := sectionKind(text)
	if cries(text) || noticeHeading(text) {
		// "PRAISE THE LORD!!" at the top of a letter cries out, and "We're
		// coming home!" or "Key dates" announce: they head no points, and
		// are no topic of the section above them.
		a.sec = section{level: b.level}
		return
	}
	if k == kindNone && a.sec.kind != kindNone && a.sec.level > 0 && b.level > a.sec.level {
		a.sec.style = styleNone
		return
	}
	a.sec = section{kind: k, title: b.level == 1, level: b.level}
}

// leadIn reads a lead-in of kinds k. One that names no kind under a kind
// heading ("PRAYER POINTS" then "Let us bring these before God:") only
// introduces the heading's points.
func (a *assembler) leadIn(k kinds) {
	if k == kindNone && a.sec.kind != kindNone {
		a.sec.style = styleNone
		return
	}
	a.sec = section{kind: k}
}

// askingBeforeAsk reports a long request that ends with a colon, followed
// by a paragraph that is a request of its own: the colon announced a link
// or a quotation that was lost, not the points below, so the paragraph is
// a point rather than a lead-in.
func askingBeforeAsk(text string, rest []*block) bool {
	if !endsWithColon(text) || len(rest) == 0 || rest[0].kind != bPara || len(strings.Fields(text)) <= maxColonLeadInWords {
		return false
	}
	return startKind(folded(head(text))) != kindNone && requestKind(plain(rest[0].toks, " ")) != kindNone
}

// openLeadIn reads a short paragraph left open, with no full stop, right
// above a list: when it names a kind, it introduces the entries as a
// colon would.
func openLeadIn(text string, rest []*block) kinds {
	// "Wir beten ..." trails off into its list as a colon would.
	// A closing quotation mark does not leave a sentence open.
	t := strings.TrimRight(strings.TrimRightFunc(text, isSpace), closeQuotes)
	if strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		t = strings.TrimRight(t, ".… ")
	}
	if t == "" || len(rest) == 0 || rest[0].kind != bItem || len(strings.Fields(t)) > 12 || strings.ContainsAny(t[len(t)-1:], ".!?") {
		return kindNone
	}
	return sectionKind(t)
}

// headingLike reports a paragraph that works as a heading: short, all in
// bold or in capitals, and not a sentence.
func headingLike(b *block, text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || len(strings.Fields(t)) > 12 || strings.ContainsAny(t[len(t)-1:], ".!?") {
		return false
	}
	return b.allBold || capsLine(t) || titleLine(t)
}

// titleLine reports a short line set in title case with no closing mark
// ("Doa Untuk Gereja yang Teraniaya", "Field News From Kenya"): every
// longer word capitalized, as headings are and sentences are not.
func titleLine(t string) bool {
	ws := strings.Fields(t)
	if len(ws) < 2 || len(ws) > maxTitleWords {
		return false
	}
	long := 0
	for i, w := range ws {
		r, _ := utf8.DecodeRuneInString(w)
		if i == 0 && !unicode.IsUpper(r) {
			return false
		}
		if utf8.RuneCountInString(w) < minTitleWord {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		long++
	}
	return long >= 2
}

// labelled reads a block that starts with a label. It returns how many of
// the following blocks it took in.
func (a *assembler) labelled(b *block, l label, rest []*block) int {
	toks := cut(b.toks, l.n)
	body := plain(toks, " ")
	if strings.TrimFunc(body, isSpace) == "" || onlyDay(body) {
		// A label standing alone, or over a day ("Maombi: siku ya 55"),
		// is a heading for what follows, and for its own sub-entries.
		a.sec = section{kind: l.kind}
		a.entries(b.children)
		return 0
	}
	if b.kind == bPara && len(b.children) == 0 && tooShort(body) && dashBefore(plain(b.toks, " ")[:l.n]) {
		// "Intercession du mois – Algérie": a heading set with a dash.
		a.sec = section{kind: l.kind}
		return 0
	}
	if l.symbol && len(b.children) == 0 && kindHeadingLine(body) {
		// "🙏 Prayer requests": an emoji before a heading's words.
		a.sec = section{kind: headingKind(body)}
		return 0
	}
	took := 0
	if b.kind == bPara && endsWithColon(body) && len(rest) > 0 {
		next := rest[0]
		switch {
		case next.kind == bItem || next.kind == bRow:
			// "Prayer: please pray for the following:" then a list.
			a.sec = section{kind: l.kind}
			return 0
		case next.kind == bPara && !a.startsWithLabel(next) && !headingLike(next, plain(next.toks, " ")):
			// The point announces more and goes on in the next paragraph.
			toks = joinToks(toks, next.toks)
			took = 1
		}
	}
	for _, c := range b.children {
		toks = joinToks(toks, c.toks)
	}
	a.split(toks, l.kind)
	if b.kind == bItem {
		a.sec.style = styleList
	} else {
		a.sec.style = styleLabelled
	}
	return took
}

// dashBefore reports a label that ends with a dash, as a heading's
// halves are joined ("Prayer – Algeria").
func dashBefore(label string) bool {
	t := strings.TrimRightFunc(label, isSpace)
	return strings.HasSuffix(t, "–") || strings.HasSuffix(t, "—") || strings.HasSuffix(t, "-")
}

func (a *assembler) startsWithLabel(b *block) bool {
	_, ok := findLabel(plain(b.toks, " "), boldPrefix(b.toks), a.labels)
	return ok
}

// entries reads the sub-entries of a list entry that heads them.
func (a *assembler) entries(children []*block) {
	for _, c := range children {
		text := plain(c.toks, " ")
		if l, ok := findLabel(text, boldPrefix(c.toks), a.labels); ok && !l.symbol {
			a.split(cut(c.toks, l.n), l.kind)
			continue
		}
		a.item(c, text)
	}
}

// itemHeading reports a list entry that reads as a heading of its
// sub-entries: a few words, not a sentence, that name a kind or a notice,
// or that are set in bold or capitals where no kind is open. Under a kind
// heading, a bold entry ("Hostel staff") is a topic whose sub-entries are
// one point.
func (a *assembler) itemHeading(b *block, text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || len(strings.Fields(t)) > 6 || strings.ContainsAny(t[len(t)-1:], ".!?;:,") {
		return false
	}
	if kindHeadingLine(t) || noticeHeading(t) || rosterLine(t) {
		return true
	}
	return a.sec.kind == kindNone && (capsLine(t) || allBold(b.toks))
}

// allBold reports toks whose every letter is inside bold.
func allBold(toks []tok) bool {
	depth, letters := 0, 0
	for _, t := range toks {
		switch t.kind {
		case tokOpen:
			if t.s == "strong" {
				depth++
			}
		case tokClose:
			if t.s == "strong" {
				depth--
			}
		case tokText:
			if !hasWord(t.s) {
				continue
			}
			if depth <= 0 {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// item reads an unlabelled list entry.
func (a *assembler) item(b *block, text string) {
	toks := b.toks
	for _, c := range b.children {
		toks = joinToks(toks, c.toks)
	}
	own := text
	if strings.TrimFunc(own, isSpace) == "" {
		own = plain(toks, " ")
	}
	if a.sec.kind != kindNone {
		a.sec.style = styleList
		if isNotice(own) {
			return
		}
		a.split(toks, pick(own, a.sec.kind))
		return
	}
	if k := requestKind(plain(toks, " ")); k != kindNone && !notPoint(own) {
		a.split(toks, k)
	}
}

// para reads an unlabelled paragraph.
func (a *assembler) para(b *block, text string) {
	if a.sec.kind != kindNone && a.sec.style == styleNone && (isGreeting(text) || onlyExclamations(text)) {
		// "¡Hola, hermanos!" or "Praise the Lord!" under a kind heading:
		// the heading was the letter's title, and the letter begins.
		a.sec.title = true
		return
	}
	if a.sec.kind != kindNone && !a.sec.title && (a.sec.style == styleNone || a.sec.style == stylePara) {
		if onlyDay(text) || onlyDate(text) {
			// "24 Maret 2025" over the day's entry: a calendar's date.
			return
		}
		if tooShort(text) || isNotice(text) {
			a.sec = section{}
			return
		}
		if rosterLine(text) || isQuestion(text) && ownKind(text) == kindNone {
			// Who the points are about, or a question to reflect on.
			return
		}
		a.sec.style = stylePara
		a.split(b.toks, pick(text, a.sec.kind))
		return
	}
	if a.sec.style == styleList || a.sec.style == styleLabelled || a.sec.style == stylePara {
		a.sec = section{}
	}
	k := requestKind(text)
	if k == kindNone && pleadsForPrayer(text) {
		k = kindPrayer
	}
	if k == kindPraise && isGreeting(text) {
		// "Dear friends, we thank God for our years together": thanks
		// in a letter's greeting is courtesy, not a point.
		return
	}
	if k != kindNone && !notPoint(text) && !tooShort(text) {
		a.split(b.toks, k)
	}
}

// topicEntry reports a list entry that titles the paragraphs after it: a
// few words with no closing mark and no request of its own, standing
// between paragraphs rather than among other entries or under a heading.
func topicEntry(text string, rest []*block) bool {
	t := strings.TrimFunc(text, isSpace)
	if t == "" || len(rest) == 0 || rest[0].kind != bPara || len(strings.Fields(t)) > maxTitleWords {
		return false
	}
	return !strings.ContainsAny(t[len(t)-1:], ".!?:;,") && requestKind(t) == kindNone
}

// listsAhead marks, for each block, whether list entries follow it
// closely (within maxBackground blocks), before the next heading or rule.
func listsAhead(blocks []*block) []bool {
	out := make([]bool, len(blocks))
	next := -1 // the index of the next list entry in the section
	for i := len(blocks) - 1; i >= 0; i-- {
		out[i] = next > i && next-i <= maxBackground
		switch blocks[i].kind {
		case bItem:
			next = i
		case bHeading, bRule:
			next = -1
		}
	}
	return out
}

// background reports a paragraph between a kind heading or lead-in and
// the list of points it introduces that asks for nothing in its own
// words ("Prions pour Vanuatu :", then the country's facts, then the
// points as a list): it tells the readers what the points are about.
func (a *assembler) background(i int, text string) bool {
	return a.sec.kind != kindNone && !a.sec.title && a.sec.style == styleNone && a.listAhead[i] && requestKind(text) == kindNone
}

// isQuestion reports a paragraph that only asks the reader a question
// ("Je, una marafiki ambao hawajasikia Injili?").
func isQuestion(text string) bool {
	t := strings.TrimRightFunc(text, isSpace)
	return strings.HasSuffix(t, "?") && len(sentenceStarts(t)) == 1
}

// tooShort reports a fragment such as a signature ("Emeka & Ruth") that
// cannot be a point.
func tooShort(text string) bool {
	t := strings.TrimSpace(text)
	return len(strings.Fields(t)) < 4 && !strings.ContainsAny(t, ".!?")
}

// headerRow reads a table's column headers: a column headed "Prayer
// focus" makes the rows under it points.
func (a *assembler) headerRow(b *block) {
	var k kinds
	cols := make([]kinds, len(b.cells))
	for i, c := range b.cells {
		cols[i] = headingKind(plain(c, " "))
		k |= cols[i]
	}
	if k == kindNone && a.sec.kind != kindNone {
		// "Name | Need" under "Prayer requests": the heading's kind
		// goes on into the table.
		a.sec = section{kind: a.sec.kind}
		return
	}
	a.sec = section{kind: k}
	if k != kindNone && len(cols) > 1 {
		a.sec.cols = cols
	}
}

// columns reads a row under column headers that name kinds: each cell
// under a kind's header is a point of that kind; the other cells (a
// partner's name, a date) only say whom or when it is about.
func (a *assembler) columns(b *block) bool {
	if len(a.sec.cols) != len(b.cells) {
		return false
	}
	for i, c := range b.cells {
		if a.sec.cols[i] == kindNone {
			continue
		}
		text := plain(c, " ")
		if isNotice(text) {
			continue
		}
		a.split(c, pick(text, a.sec.cols[i]))
	}
	return true
}

// row reads a table row. A short first cell ("Monday", "Praise") labels
// the rest of the row. Rows are a list: a paragraph after the table is
// past the end of the section its header opened.
func (a *assembler) row(b *block) {
	a.sec.style = styleList
	if a.columns(b) {
		return
	}
	cells := b.cells
	var k kinds
	if len(cells) >= 2 {
		first := strings.TrimSpace(plain(cells[0], " "))
		restLen := 0
		for _, c := range cells[1:] {
			restLen += len(plain(c, " "))
		}
		if len(strings.Fields(first)) <= 3 && len(first) <= 30 && restLen > 2*len(first) {
			k = labelKind(first)
			cells = cells[1:]
		}
	}
	toks := joinToks(cells...)
	text := plain(toks, " ")
	switch {
	case k != kindNone:
		a.split(toks, k)
	case a.sec.kind != kindNone:
		if isNotice(text) {
			return
		}
		a.split(toks, pick(text, a.sec.kind))
	default:
		if rk := requestKind(text); rk != kindNone {
			a.split(toks, rk)
		}
	}
}

// split emits toks as one point of kind k, or as several when a later
// sentence starts with a label of its own ("Praise: ... Prayer: ...").
func (a *assembler) split(toks []tok, k kinds) {
	text := plain(toks, " ")
	type cutAt struct {
		at int
		l  label
	}
	var cuts []cutAt
	starts := sentenceStarts(text)
	for _, s := range starts[1:] {
		if l, ok := a.labels.match(text[s:]); ok {
			cuts = append(cuts, cutAt{s, l})
			continue
		}
		if l, ok := textLabel(text[s:], 0); ok {
			cuts = append(cuts, cutAt{s, l})
		}
	}
	pieces := make([][]tok, len(cuts)+1)
	pk := make([]kinds, len(cuts)+1)
	rest := toks
	for j := len(cuts) - 1; j >= 0; j-- {
		left, right := splitAt(rest, cuts[j].at)
		pieces[j+1], pk[j+1] = cut(right, cuts[j].l.n), cuts[j].l.kind
		rest = left
	}
	pieces[0], pk[0] = rest, k
	for j, p := range pieces {
		a.emit(p, pk[j])
	}
}

// emit adds one point, without its leading bullets or emoji.
func (a *assembler) emit(toks []tok, k kinds) {
	text := plain(toks, " ")
	if n, _ := leadSymbols(text); n > 0 {
		toks = cut(toks, n)
		text = plain(toks, " ")
	}
	text = collapse(text)
	if !hasWord(text) {
		return
	}
	a.out = append(a.out, Point{Kind: k.feedKind(), Text: text, HTML: sanitize(render(toks))})
}

func hasWord(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// boldPrefix is the length of the text of a bold run that starts a block.
func boldPrefix(toks []tok) int {
	i := 0
	for i < len(toks) && toks[i].kind == tokOpen && toks[i].s != "strong" {
		i++
	}
	if i >= len(toks) || toks[i].kind != tokOpen || toks[i].s != "strong" {
		return 0
	}
	n := 0
	for _, t := range toks[i+1:] {
		switch t.kind {
		case tokText:
			n += len(t.s)
		case tokBreak:
			n++
		case tokClose:
			if t.s == "strong" {
				return n
			}
		}
	}
	return 0
}
