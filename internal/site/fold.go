package site

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// folded is text in the form redaction matches names against, with the
// offset in the original text of each of its bytes. A reader sees through
// what folding removes, so a name must be found through it too: character
// references, even escaped twice ("Bergstr&amp;ouml;m" reads as
// "Bergstr&ouml;m" on a page), accents ("Bergstrom"), fullwidth letters
// ("Ｂｅｒｇｓｔｒöｍ") and invisible characters.
type folded struct {
	s    string
	offs []int // offs[i] is where folded byte i came from; offs[len(s)] = len(original)
}

// entityRef matches a character reference, escaped any number of times.
var entityRef = regexp.MustCompile(`^&(?:amp;)*(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});`)

// foldLetters are the letters NFD does not take apart.
var foldLetters = map[rune]string{
	'ß': "ss", 'ẞ': "SS", 'æ': "ae", 'Æ': "AE", 'ø': "o", 'Ø': "O", 'œ': "oe", 'Œ': "OE",
	'ł': "l", 'Ł': "L", 'đ': "d", 'Đ': "D", 'þ': "th", 'Þ': "TH", 'ı': "i",
}

// fold folds s (see folded).
func fold(s string) folded {
	var b strings.Builder
	offs := make([]int, 0, len(s)+1)
	emit := func(t string, at int) {
		b.WriteString(t)
		for range len(t) {
			offs = append(offs, at)
		}
	}
	for i := 0; i < len(s); {
		if s[i] == '&' {
			if m := entityRef.FindStringSubmatch(s[i:]); m != nil {
				if dec := html.UnescapeString("&" + m[1] + ";"); dec != "&"+m[1]+";" {
					emit(foldRunes(dec), i)
					i += len(m[0])
					continue
				}
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		emit(foldRunes(string(r)), i)
		i += size
	}
	offs = append(offs, len(s))
	return folded{s: b.String(), offs: offs}
}

// foldRunes folds a few runes: decomposed, marks and invisible characters
// dropped, fullwidth forms made ASCII, the letters of foldLetters spelled
// out.
func foldRunes(t string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(t) {
		switch {
		case unicode.Is(unicode.Mn, r), invisible(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case foldLetters[r] != "":
			b.WriteString(foldLetters[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spellings are the ASCII spellings of a letter besides its folded form:
// a German or Scandinavian name typed on an English keyboard.
var spellings = map[rune][]string{
	'ä': {"ae"}, 'ö': {"oe"}, 'ü': {"ue"}, 'å': {"aa"}, 'ø': {"oe"}, 'ß': {"s"},
}

// namePattern is the pattern of one word of a redacted name, matching its
// folded form and its other spellings; a word of five letters or more may
// also have a space between any two letters ("Berg ström": a zero-width
// space some software turned into a real one).
func namePattern(word string) string {
	var b strings.Builder
	runes := []rune(strings.ToLower(norm.NFC.String(word)))
	for i, r := range runes {
		if i > 0 && len(runes) >= 5 {
			b.WriteString(`[\s\x{00A0}]?`)
		}
		alts := []string{regexp.QuoteMeta(foldRunes(string(r)))}
		for _, sp := range spellings[r] {
			alts = append(alts, regexp.QuoteMeta(sp))
		}
		if len(alts) == 1 {
			b.WriteString(alts[0])
		} else {
			b.WriteString("(?:" + strings.Join(alts, "|") + ")")
		}
	}
	return b.String()
}
