package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain text separates paragraphs in two ways. Letters written in a mail
// program or a text editor leave a blank line between paragraphs and may
// break their lines at a width ("hard wrap"). Text copied from web pages,
// PDFs and chats puts each paragraph or entry on one line with no blank
// line between. A person tells the two apart at a glance; these functions
// do it the same way: a line that ends a sentence, followed by one that
// starts a sentence, ends a paragraph when its run of lines has no
// mid-sentence breaks at all, or when the next line's first word would
// have fitted on it (a writer who wraps at a width does not break early).

// lineBreaks reports, for each line, whether a paragraph ends just before
// it although no blank line comes between. Blank lines separate the runs
// of lines judged together.
//
// A line that starts with a label ("Prayer: Ken begins chemotherapy on
// Monday.") goes on in the lines under it until the next label: writers
// who label their points put one point's sentences on lines of their own.
func lineBreaks(texts []string, labels *markerSet) []bool {
	brk := make([]bool, len(texts))
	start := 0
	for i := 0; i <= len(texts); i++ {
		if i < len(texts) && strings.TrimFunc(texts[i], isSpace) != "" {
			continue
		}
		if i-start >= 2 {
			runBreaks(texts[start:i], brk[start:i], labels)
		}
		start = i + 1
	}
	return brk
}

// runBreaks decides the breaks inside one run of non-blank lines.
func runBreaks(run []string, brk []bool, labels *markerSet) {
	width, wrapped := 0, false
	for _, t := range run {
		width = max(width, utf8.RuneCountInString(strings.TrimFunc(t, isSpace)))
	}
	for i := 1; i < len(run); i++ {
		prev := strings.TrimFunc(run[i-1], isSpace)
		// A short line that stops mid-sentence is a greeting, a
		// signature or a heading, and a line longer than any page or
		// mail program wraps at is a whole paragraph: neither is a line
		// broken at a width.
		n := utf8.RuneCountInString(prev)
		if n*2 >= width && n <= maxWrapWidth && wrapsInto(prev, strings.TrimFunc(run[i], isSpace)) {
			wrapped = true
		}
	}
	labelled := startsWithLabel(run[0], labels)
	chrome := make([]bool, len(run))
	for i, t := range run {
		chrome[i] = furniture(strings.TrimFunc(t, isSpace))
	}
	for i := 1; i < len(run); i++ {
		prev, next := strings.TrimFunc(run[i-1], isSpace), strings.TrimFunc(run[i], isSpace)
		if startsWithLabel(next, labels) {
			labelled = true
			continue
		}
		switch {
		case chrome[i-1] || chrome[i]:
			brk[i] = true
		case labelled:
		case dayStart(next), titleLine(prev) && startsSentence(next):
			brk[i] = true
		case !endsSentence(prev) && !hangulEnds(prev), !startsSentence(next):
		case !wrapped:
			brk[i] = true
		case utf8.RuneCountInString(prev) > maxWrapWidth, hangulEnds(prev) && hasHangul(next):
			// A paragraph on one line, or Korean written a sentence to a
			// line, which nobody wraps at a width.
			brk[i] = true
		default:
			brk[i] = utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(firstWord(next)) <= width
		}
	}
}

// startsWithLabel reports a line that starts with a label and goes on
// after it.
func startsWithLabel(s string, labels *markerSet) bool {
	s = strings.TrimFunc(s, isSpace)
	if n, _, ok := marker(s); ok {
		s = s[n:]
	}
	l, ok := findLabel(s, 0, labels)
	if !ok || l.symbol {
		return false
	}
	// "Intercession du mois – Algérie" is a heading, not a point that
	// goes on in the lines under it.
	body := strings.TrimFunc(s[l.n:], isSpace)
	return hasWord(body) && (len(strings.Fields(body)) >= minLabelledWords || endsSentence(body))
}

// wrapsInto reports a line break in the middle of a sentence: the line
// does not end one, or the next line goes on in lower case.
func wrapsInto(prev, next string) bool {
	if hangulEnds(prev) {
		return false
	}
	if !endsSentence(prev) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(r)
}

// dayStart reports a line that starts with a day label of a prayer
// calendar ("Monday", "Day 14"): an entry of its own whatever the line
// above.
func dayStart(s string) bool {
	_, ok := dayLabel(s)
	return ok
}

// endsSentence reports a line whose last mark ends a sentence or
// announces what follows; a closing quote or bracket may follow the mark,
// and an emoji may close a line as a full stop would.
func endsSentence(s string) bool {
	if strings.HasSuffix(strings.TrimRightFunc(s, isSpace), ")") {
		s = trailingRemark.ReplaceAllString(s, "$1")
	}
	if strings.ContainsAny(s, "-–—") {
		s = signedQuote.ReplaceAllString(s, "$1")
	}
	s = strings.TrimRight(s, "\"'”“’»)]*_ ")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case r == utf8.RuneError:
		return false
	case strings.ContainsRune(".!?:;…。！？", r):
		return true
	}
	return isSymbol(r) && r > 0x2000
}

// trailingRemark is a remark in brackets after a sentence's last mark, as
// a verse's reference is ("… dalam Allah.' (1 Petrus 1:21)").
var trailingRemark = regexp.MustCompile(`([.!?:;…]["'”’»]*)[ \t]*\([^()]{1,40}\)[ \t]*$`)

// signedQuote is a quotation's closing mark followed by the name of who
// said it ("…느꼈습니다." - 알렉산더 (러시아)", "… today.” — Ana").
var signedQuote = regexp.MustCompile(`([.!?…]["'”’»])[ \t]+[-–—][ \t]*[^.!?\-–—]{1,50}$`)

// startsSentence reports a line that opens as a sentence or an entry does:
// a capital, a digit, a quotation mark or bracket, a symbol, or a letter
// of a script without case (Korean).
func startsSentence(s string) bool {
	s = strings.TrimLeft(s, "\"'“„‚‘«¿¡([*_ ")
	r, _ := utf8.DecodeRuneInString(s)
	switch {
	case r == utf8.RuneError:
		return false
	case unicode.IsUpper(r), unicode.IsDigit(r), isSymbol(r):
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r)
}

// hangulEnds reports a Korean line that ends as a sentence or a prayer
// request does ("…감사합니다", "…기도해 주세요", "…하도록"): Korean
// requests often end with no full stop, one to a line.
func hangulEnds(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return isSpace(r) || unicode.IsPunct(r) || isSymbol(r) })
	r, _ := utf8.DecodeLastRuneInString(s)
	if !unicode.Is(unicode.Hangul, r) {
		return false
	}
	return strings.ContainsRune(hangulEndings, r)
}

// hangulEndings are the last syllables of Korean sentence endings (다, 요,
// 오, 죠, 까), of requests left open (하도록, 되도록, 위해서) and of nouns that
// end an entry (감사, 기도, 함, 음).
const hangulEndings = "다요오죠까록서소니네음함사도"

// firstWord is the first word of s.
func firstWord(s string) string {
	if i := strings.IndexFunc(s, isSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// hasHangul reports text with a Korean syllable in it.
func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
