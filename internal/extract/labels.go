package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
)

// kinds is the set of kinds a label, heading or lead-in gives.
type kinds uint8

const (
	kindNone   kinds = 0
	kindPrayer kinds = 1
	kindPraise kinds = 2
	kindMixed  kinds = kindPrayer | kindPraise
)

func (k kinds) feedKind() feed.Kind {
	if k == kindPraise {
		return feed.KindPraise
	}
	return feed.KindPrayer
}

// The label and heading vocabularies (prayerWords, praiseWords,
// weakPraise, actionWords, graceWords, godWords, fillerWords, noticeWords,
// tailWords, headingTail, listNouns, objectPronouns, thanksWords) are
// built from the language tables in vocab.go. A label ("Prayer:",
// "Motivos de oración:") or a heading ("Prayer requests", "Give thanks
// for") is a short phrase made only of these words, with at least one
// word that names a kind. Words are compared lower case with accents
// removed.

// fold lower-cases r and removes its accent, for the Latin letters the
// supported languages use.
func fold(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0xc0 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ß':
		return 's'
	}
	return r
}

// folded is s lower case without accents, with curly apostrophes straight.
func folded(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2019', '\u2018', '\u02bc', '`':
			r = '\''
		}
		sb.WriteRune(fold(r))
	}
	return sb.String()
}

// words splits s into folded words.
func words(s string) []string {
	return strings.FieldsFunc(folded(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// phraseKind reads a phrase of vocabulary words. It reports the kinds the
// phrase names and whether every word belongs to the vocabulary.
func phraseKind(ws []string) (kinds, bool) {
	var k kinds
	weak, god, answer, action, grace := false, false, false, false, false
	for _, w := range ws {
		action = action || actionWords[w]
		grace = grace || graceWords[w]
		switch {
		case prayerWords[w]:
			k |= kindPrayer
		case praiseWords[w]:
			k |= kindPraise
		case weakPraise[w]:
			weak = true
			if strings.HasPrefix(w, "answer") {
				answer = true
			}
		case godWords[w]:
			god = true
		case fillerWords[w] || isNumber(w):
		default:
			return kindNone, false
		}
	}
	if answer && k&kindPrayer != 0 {
		// "Answered prayer", "Answers to prayer" give thanks.
		return kindPraise, true
	}
	if weak && (k != kindNone || god || action && grace) {
		k |= kindPraise
	}
	return k, true
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// headingKind reads a heading. A heading that is all vocabulary, or whose
// first words are a kind phrase followed by a free tail ("Prayer requests
// for March"), names kinds; so does a heading in two languages ("Pray with
// us · Oremos juntos") when one of its halves does. Any other heading names
// none.
func headingKind(s string) kinds {
	if k := headingPartKind(s); k != kindNone {
		return k
	}
	parts := strings.FieldsFunc(s, isHeadingSeparator)
	if len(parts) < 2 || len(parts) > 3 {
		return kindNone
	}
	var k kinds
	for _, p := range parts {
		if len(words(p)) > maxHeadingHalfWords {
			return kindNone
		}
		k |= headingPartKind(p)
	}
	return k
}

// isHeadingSeparator reports the marks that join the halves of a heading
// written in two languages.
func isHeadingSeparator(r rune) bool {
	return r == '·' || r == '/' || r == '|' || r == '–' || r == '—' || r == '•'
}

// headingPartKind reads one heading, or one language's half of it.
func headingPartKind(s string) kinds {
	ws := words(s)
	if len(ws) == 0 || len(ws) > maxHeadingWords {
		return kindNone
	}
	if k, ok := phraseKind(ws); ok {
		return k
	}
	for i := 1; i < len(ws); i++ {
		if headingTail[ws[i]] {
			if k, ok := phraseKind(ws[:i]); ok && k != kindNone {
				return k
			}
			break
		}
	}
	return ownerKind(ws)
}

// sectionKind reads a heading over a section. Beside the headings
// headingKind knows, a short heading written as the start of a request
// ("Damos gracias a Dios por", "Please pray…") names the kind it asks for.
func sectionKind(s string) kinds {
	if k := headingKind(s); k != kindNone {
		return k
	}
	if len(strings.Fields(s)) > maxSectionStartWords {
		return kindNone
	}
	return startKind(folded(s))
}

// ownerKind reads a heading that names whose points follow before a kind
// phrase of at least two words ("Diocesan prayer focus", "Lin family
// prayer requests"). A single kind word after a name ("Evening prayer")
// names a service, not a list of points.
func ownerKind(ws []string) kinds {
	for i := 1; i <= maxOwnerWords && len(ws)-i >= 2; i++ {
		if phraseKindOf(ws[i:i+1]) == kindNone {
			continue
		}
		if k, ok := phraseKind(ws[i:]); ok && k != kindNone && namesList(ws[i+1:]) {
			return k
		}
		return kindNone
	}
	return kindNone
}

// namesList reports words that name a list of points or another kind.
func namesList(ws []string) bool {
	for _, w := range ws {
		if listNouns[w] || prayerWords[w] || praiseWords[w] {
			return true
		}
	}
	return false
}

// phraseKindOf is the kinds a phrase names, none unless every word
// belongs to the vocabulary.
func phraseKindOf(ws []string) kinds {
	k, _ := phraseKind(ws)
	return k
}

// labelKind reads the words before a label's colon: a short vocabulary
// phrase that does not end like the start of a sentence. A phrase that
// turns to the reader with "us" or "me" ("Give thanks with us:", "Pray
// for me:") is the start of the writer's own sentence, whose words stay.
func labelKind(s string) kinds {
	ws := words(s)
	if len(ws) == 0 || len(ws) > maxLabelWords || tailWords[ws[len(ws)-1]] {
		return kindNone
	}
	for _, w := range ws {
		if objectPronouns[w] {
			return kindNone
		}
	}
	k, ok := phraseKind(ws)
	if !ok {
		return kindNone
	}
	return k
}

// noticeLabel reports text that starts with a notice's label: a short
// phrase naming a notice, then a colon.
func noticeLabel(text string) bool {
	i := strings.IndexByte(text[:min(len(text), noticeLabelReach)], ':')
	if i <= 0 {
		return false
	}
	ws := words(text[:i])
	if len(ws) > maxLabelWords {
		return false
	}
	for _, w := range ws {
		if noticeWords[w] {
			return true
		}
	}
	return false
}

// noticeHeading reports a short heading that names notices ("Key dates",
// "Announcements").
func noticeHeading(text string) bool {
	ws := words(text)
	if len(ws) == 0 || len(ws) > maxNoticeHeadingWords {
		return false
	}
	for _, w := range ws {
		if noticeWords[w] {
			return true
		}
	}
	return false
}

// emojiKind is the kind an emoji marker gives: folded hands ask for prayer,
// raised hands and party poppers give thanks.
func emojiKind(r rune) kinds {
	switch r {
	case '🙏':
		return kindPrayer
	case '🙌', '🎉', '🥳', '🎊':
		return kindPraise
	}
	return kindNone
}

// isSymbol reports bullets, emoji and their modifiers, which a point's
// text does not start with.
func isSymbol(r rune) bool {
	switch {
	case r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' || r == '\u20e3':
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin tones
		return true
	case strings.ContainsRune("•·◦▪▫‣⁃∙●○■□➢➤►▶→✓✔☐☑✅❖◆◇★☆*§", r):
		return true
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Co, r)
}

// label is a marker found at the start of a block's text.
type label struct {
	kind kinds
	// n is how many bytes of the text the marker and its separator take.
	n int
	// symbol marks a label that is only an emoji (🙏), which a sign-off
	// carries as readily as a point does.
	symbol bool
}

// leadSymbols measures the bullets and emoji at the start of s and the kind
// an emoji among them gives.
func leadSymbols(s string) (int, kinds) {
	var k kinds
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
		case isSymbol(r):
			k |= emojiKind(r)
		default:
			return i, k
		}
		i += size
	}
	return i, k
}

// separator measures a label's separator at the start of s: a colon, a
// tilde, or a dash set off by space, and the space after it.
func separator(s string) int {
	t := strings.TrimLeft(s, " ")
	n := len(s) - len(t)
	switch {
	case strings.HasPrefix(t, ":"), strings.HasPrefix(t, "~"):
		n++
	case strings.HasPrefix(t, "–"), strings.HasPrefix(t, "—"):
		n += len("–")
	case strings.HasPrefix(t, "- "):
		n++
	default:
		return 0
	}
	return n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))
}

// findLabel looks for a label at the start of s: bullets and emoji, then
// optionally a phrase with a separator. bold is the length of a bold run
// the block starts with (0 if none): a bold label needs no separator.
func findLabel(s string, bold int, m *markerSet) (label, bool) {
	start, ek := leadSymbols(s)
	rest := s[start:]
	if l, ok := m.match(rest); ok {
		return label{kind: l.kind, n: start + l.n}, true
	}
	if l, ok := textLabel(rest, bold-start); ok {
		return label{kind: l.kind, n: start + l.n}, true
	}
	if ek != kindNone {
		return label{kind: ek, n: start, symbol: true}, true
	}
	return label{}, false
}

// textLabel finds "Prayer:", "Praise –", "**Pray**" at the start of s.
func textLabel(s string, bold int) (label, bool) {
	if bold > 0 && bold <= len(s) {
		head := strings.TrimRight(s[:bold], " :–—-")
		if k := labelKind(head); k != kindNone && len(head) > 0 {
			n := len(head)
			n += separator(s[n:])
			return label{kind: k, n: n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))}, true
		}
	}
	if l, ok := bracketLabel(s); ok {
		return l, true
	}
	if l, ok := cryLabel(s); ok {
		return l, true
	}
	limit := min(len(s), labelReach)
	for i := 0; i < limit; i++ {
		c := s[i]
		switch {
		case c == ':', c == '~':
		case c == '-' && i > 0 && s[i-1] == ' ':
		case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
		default:
			continue
		}
		sep := separator(s[i:])
		if sep == 0 {
			continue
		}
		head := strings.TrimRight(s[:i], " ")
		if k := labelKind(head); k != kindNone {
			return label{kind: k, n: i + sep}, true
		}
		if thanksLabel(head, s[i+sep:]) {
			return label{kind: kindPraise, n: i + sep}, true
		}
		return label{}, false
	}
	return label{}, false
}

// cryLabel reads a one-word label cried out before the point's words
// ("Praise! Many boxes of supplies have arrived …").
func cryLabel(s string) (label, bool) {
	i := strings.IndexByte(s[:min(len(s), labelReach)], '!')
	if i <= 0 || strings.ContainsFunc(s[:i], isSpace) || !hasWord(s[i+1:]) {
		return label{}, false
	}
	k := labelKind(s[:i])
	if k == kindNone {
		return label{}, false
	}
	n := i + 1
	return label{kind: k, n: n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))}, true
}

// brackets pairs the marks that enclose a label written as a tag
// ("[Prayer]", "(Praise)", "【Prayer】").
var brackets = map[rune]rune{'[': ']', '(': ')', '【': '】', '〔': '〕', '{': '}', '<': '>'}

// bracketLabel finds a kind phrase enclosed in brackets at the start of s,
// with an optional separator after it.
func bracketLabel(s string) (label, bool) {
	open, size := utf8.DecodeRuneInString(s)
	closing, ok := brackets[open]
	if !ok {
		return label{}, false
	}
	end := strings.IndexRune(s[:min(len(s), bracketLabelReach)], closing)
	if end <= size {
		return label{}, false
	}
	k := labelKind(s[size:end])
	if k == kindNone {
		return label{}, false
	}
	n := end + utf8.RuneLen(closing)
	if sep := separator(s[n:]); sep > 0 {
		n += sep
	}
	return label{kind: k, n: n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))}, true
}

// thanksLabel reports a bare "Thanks:" that labels something to give thanks
// for, rather than thanking people ("Thanks: to all who came", "Merci :
// vous êtes formidables").
func thanksLabel(head, body string) bool {
	ws := words(head)
	if len(ws) == 0 || len(ws) > maxThanksLabelWords {
		return false
	}
	for _, w := range ws {
		if !thanksWords[w] {
			return false
		}
	}
	f := trimSentenceStart(folded(body[:min(len(body), openingReach)]))
	return hasWord(f) && !readerThanks.MatchString(f) && !thanksObject.MatchString(f)
}

// markerSet holds a partner's own labels from Options.
type markerSet struct {
	prayer, praise []string
}

func newMarkerSet(m Markers) *markerSet {
	return &markerSet{prayer: foldAll(m.Prayer), praise: foldAll(m.Praise)}
}

func foldAll(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, folded(s))
		}
	}
	return out
}

// match finds one of the partner's markers at the start of s, followed by
// a separator, or by a space when the marker is a symbol.
func (m *markerSet) match(s string) (label, bool) {
	if m == nil || len(m.prayer)+len(m.praise) == 0 {
		return label{}, false
	}
	head := folded(s[:min(len(s), openingReach)])
	try := func(list []string, k kinds) (label, bool) {
		for _, mk := range list {
			if !strings.HasPrefix(head, mk) || len(mk) > len(s) {
				continue
			}
			// folded text can differ in length from s; map by runes.
			n := byteLenOfRunes(s, utf8.RuneCountInString(mk))
			if sep := separator(s[n:]); sep > 0 {
				return label{kind: k, n: n + sep}, true
			}
			last, _ := utf8.DecodeLastRuneInString(mk)
			if !unicode.IsLetter(last) && !unicode.IsDigit(last) {
				rest := s[n:]
				return label{kind: k, n: n + len(rest) - len(strings.TrimLeftFunc(rest, isSpace))}, true
			}
		}
		return label{}, false
	}
	if l, ok := try(m.prayer, kindPrayer); ok {
		return l, true
	}
	return try(m.praise, kindPraise)
}

func byteLenOfRunes(s string, runes int) int {
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}
