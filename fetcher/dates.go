package fetcher

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/prayerfeed/prayerfeed/internal/lang"
)

// machineLayouts are the forms a datetime attribute, a meta tag or a feed
// writes a date in.
var machineLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05", "2006-01-02 15:04",
	time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700",
	"2006-01-02",
}

// monthNames maps month names and abbreviations in the languages partners
// write in to month numbers. Lookups lower-case and strip a trailing dot.
//
// The names come from the language tables in internal/lang, which the
// extractor reads too, so that a language is added in one place. This
// makes internal/lang an import of fetcher, a deliberate addition to the
// import table in DESIGN.md: lang is plain data with no imports of its own.
var monthNames = monthNamesOf(lang.All())

// dateFillers are the words dateTokens drops between a day, a month and a
// year ("de", "of", "tanggal").
var dateFillers = dateFillersOf(lang.All())

// monthNamesOf maps every language's month names and abbreviations to
// month numbers.
func monthNamesOf(langs []lang.Language) map[string]time.Month {
	m := map[string]time.Month{}
	for _, l := range langs {
		for i := range 12 {
			for _, n := range l.Months[i] {
				m[n] = time.Month(i + 1)
			}
			for _, n := range l.MonthAbbrevs[i] {
				m[n] = time.Month(i + 1)
			}
		}
	}
	return m
}

// dateFillersOf is the set of every language's date fillers.
func dateFillersOf(langs []lang.Language) map[string]bool {
	m := map[string]bool{}
	for _, l := range langs {
		for _, w := range l.DateFillers {
			m[w] = true
		}
	}
	return m
}

var (
	isoDateRe     = regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`)
	numericDateRe = regexp.MustCompile(`\b(\d{1,2})([./-])(\d{1,2})([./-])(\d{4}|\d{2})\b`)
	ordinalRe     = regexp.MustCompile(`^(\d{1,2})(st|nd|rd|th|er|e|º|ª|o|a)?\.?$`)
)

// parseDate reads a date as pages write it: machine forms (RFC 3339,
// RFC 1123, 2026-07-14), numeric ones (14.07.2026; with slashes month
// first unless the day shows otherwise, as in 14/07/2026) and written ones
// in several languages ("July 14th, 2026", "14 July 2026", "14. Juli 2026",
// "14 de julio de 2026"). A date without a year is the most recent such day
// not after now. It returns the zero time when s holds no date.
func parseDate(s string, now time.Time) time.Time {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}
	}
	for _, layout := range machineLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if t, ok := numericDate(s); ok {
		return t
	}
	return writtenDate(s, now)
}

// numericDate reads 2026-07-14, 14.07.2026 and 07/14/2026 inside s.
func numericDate(s string) (time.Time, bool) {
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		return makeDate(atoi(m[1]), atoi(m[2]), atoi(m[3]))
	}
	m := numericDateRe.FindStringSubmatch(s)
	if m == nil || m[2] != m[4] {
		return time.Time{}, false
	}
	a, b, year := atoi(m[1]), atoi(m[3]), atoi(m[5])
	if year < 100 {
		year += 2000
	}
	day, month := a, b
	// Dots and dashes are day first the world over; slashes are month first
	// in the US unless the numbers rule it out.
	if m[2] == "/" && a <= 12 && b <= 31 {
		day, month = b, a
	}
	if month > 12 {
		day, month = month, day
	}
	return makeDate(year, month, day)
}

// writtenDate finds a month name in s with a day beside it and maybe a
// year: "July 14th, 2026", "14 July 2026", "Tuesday, 14. Juli", "July 2026".
func writtenDate(s string, now time.Time) time.Time {
	toks := dateTokens(s)
	for i, tok := range toks {
		month, ok := monthNames[strings.TrimSuffix(tok, ".")]
		if !ok {
			continue
		}
		day, year := 0, 0
		if i > 0 {
			day = dayOf(toks[i-1])
		}
		rest := toks[i+1:]
		if day == 0 && len(rest) > 0 {
			if day = dayOf(rest[0]); day > 0 {
				rest = rest[1:]
			}
		}
		if len(rest) > 0 {
			year = yearOf(rest[0])
		}
		if t, ok := resolveYear(year, month, day, now); ok {
			return t
		}
	}
	return time.Time{}
}

// resolveYear completes a written date: a month and year alone mean the
// first of the month; a day and month alone mean the latest such day not
// after now.
func resolveYear(year int, month time.Month, day int, now time.Time) (time.Time, bool) {
	switch {
	case year > 0 && day == 0:
		return makeDate(year, int(month), 1)
	case year > 0:
		return makeDate(year, int(month), day)
	case day == 0:
		return time.Time{}, false
	}
	for y := now.Year(); y >= now.Year()-4; y-- {
		t, ok := makeDate(y, int(month), day)
		if ok && !t.After(now) {
			return t, true
		}
	}
	return time.Time{}, false
}

// dateTokens splits s into lower-case words, dropping connecting words
// ("de", "of", "the") and separators, so "14 de julio de 2026" and "the
// 14th of July, 2026" read like "14 july 2026".
func dateTokens(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != 'º' && r != 'ª'
	})
	out := f[:0]
	for _, w := range f {
		if t := strings.Trim(w, "."); t == "" || dateFillers[t] {
			continue
		}
		out = append(out, w)
	}
	return out
}

// dayOf reads "14", "14th", "1er", "14." as a day of the month, else 0.
func dayOf(tok string) int {
	m := ordinalRe.FindStringSubmatch(tok)
	if m == nil {
		return 0
	}
	if d := atoi(m[1]); d >= 1 && d <= 31 {
		return d
	}
	return 0
}

// yearOf reads a four-digit year in a plausible range, else 0.
func yearOf(tok string) int {
	tok = strings.TrimSuffix(tok, ".")
	if len(tok) != 4 {
		return 0
	}
	if y := atoi(tok); y >= 1900 && y <= 2200 {
		return y
	}
	return 0
}

// makeDate builds a UTC date, refusing days the month does not have.
func makeDate(year, month, day int) (time.Time, bool) {
	if month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200 {
		return time.Time{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
