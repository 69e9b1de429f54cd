package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Prayer calendars and diaries give each day its own point: "Monday: Pray
// for ...", "Day 14 – ...", "Segunda-feira Ore para que ...". The day is a
// label, like "Prayer:", and names no kind: the entry's words or the
// heading above give it.

// dayDate is a date written after a weekday: "5 March", "March 5th",
// "5 de março", "05.03.", "5/3".
var dayDate = regexp.MustCompile(`^,? (?:\d{1,2}(?:st|nd|rd|th|er|e|\.)?(?: de)? \pL{3,}\.?(?:,? \d{4})?|\pL{3,}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|\d{1,2}[./]\d{1,2}\.?(?:[./]\d{2,4})?)`)

// hangulDay is a Korean weekday or numbered day ("월요일", "3일", "1주차").
var hangulDay = regexp.MustCompile(`^(?:[월화수목금토일]요일|\d{1,3}(?:일|일차|주차|주))`)

// dayLabel measures a day label at the start of s with the separator and
// space after it. The label must be followed by the entry's words, set
// off by a separator, by a capital, or (in Korean) by a space.
func dayLabel(s string) (int, bool) {
	s0 := s
	s = strings.TrimLeft(s, "*_ ")
	lead := len(s0) - len(s)
	if !mayStartDay(s) {
		return 0, false
	}
	f := folded(s[:min(len(s), 40)])
	var n int
	if loc := dayName.FindStringIndex(f); loc != nil {
		// folded text has the same runes as s; map the length by runes.
		n = byteLenOfRunes(s, utf8.RuneCountInString(f[:loc[1]]))
	} else if loc := hangulDay.FindStringIndex(s); loc != nil {
		n = loc[1]
	} else {
		return 0, false
	}
	if loc := dayDate.FindStringIndex(folded(s[n:min(len(s), n+40)])); loc != nil {
		// "Wednesday 5 March", "Monday, March 3rd": the date goes with
		// the day.
		n += byteLenOfRunes(s[n:], utf8.RuneCountInString(folded(s[n:min(len(s), n+40)])[:loc[1]]))
	}
	rest := strings.TrimLeft(s[n:], "*_")
	n = len(s) - len(rest)
	if sep := separator(rest); sep > 0 {
		return lead + n + sep, hasWord(rest[sep:])
	}
	if strings.HasPrefix(rest, ".") || strings.HasPrefix(rest, ")") || strings.HasPrefix(rest, ",") {
		rest = rest[1:]
		n++
	}
	t := strings.TrimLeftFunc(rest, isSpace)
	if t == rest {
		return 0, false
	}
	r, _ := utf8.DecodeRuneInString(t)
	if !unicode.IsUpper(r) && !unicode.Is(unicode.Hangul, r) && !unicode.IsDigit(r) && r != '"' && r != '“' {
		return 0, false
	}
	return lead + n + len(rest) - len(t), true
}

// onlyDay reports text that is nothing but a day ("siku ya 55", "Day 3"),
// as a calendar's title for the day is.
func onlyDay(s string) bool {
	f := strings.TrimFunc(folded(s), func(r rune) bool { return isSpace(r) || unicode.IsPunct(r) })
	loc := dayName.FindStringIndex(f)
	return loc != nil && loc[1] == len(f)
}

// mayStartDay reports text whose first word could open a day label: a
// digit, a Korean syllable, or a word some language's weekdays or day
// words start with. It keeps the day patterns off most words.
func mayStartDay(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsDigit(r) || unicode.Is(unicode.Hangul, r) {
		return true
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(s)
	}
	return end <= maxDayWordBytes && vocab.dayStarts[folded(s[:end])]
}

// dateOnly is a line that is only a date: "24 Maret 2025", "March 24th",
// "24.03.2025".
var dateOnly = regexp.MustCompile(`^(?:\d{1,2}(?:st|nd|rd|th|er|\.)?(?: de)? \pL{3,}\.?(?:,? (?:de )?\d{4})?|\pL{3,}\.? \d{1,2}(?:st|nd|rd|th)?(?:,? \d{4})?|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})$`)

// onlyDate reports text that is nothing but a date.
func onlyDate(s string) bool {
	f := strings.TrimFunc(folded(s), func(r rune) bool { return isSpace(r) || unicode.IsPunct(r) && r != '.' })
	return len(f) <= maxDayWordBytes*3 && dateOnly.MatchString(f)
}
