package lang

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// wordRoles hold single folded words, compared with the folded words of a
// text; keyRoles hold folded substrings; monthRoles hold lower-case names
// as written. Every other []string field holds patterns.
var (
	wordRoles = map[string]bool{"PrayerWords": true, "PraiseWords": true, "WeakPraiseWords": true, "ActionWords": true, "GraceWords": true,
		"GodWords": true, "FillerWords": true, "NoticeWords": true, "LabelTails": true, "HeadingTails": true, "ListNouns": true,
		"ObjectPronouns": true, "ThanksWords": true, "NameJoins": true, "DateFillers": true, "Weekdays": true, "ClauseJoins": true}
	keyRoles   = map[string]bool{"AskKeys": true, "ReportKeys": true, "GiftKeys": true, "VisitKeys": true, "GratitudeStems": true}
	monthRoles = map[string]bool{"Months": true, "MonthAbbrevs": true}
)

// isFolded reports text the extractor's folding leaves as it is: no upper
// case, no accented Latin letter, no curly apostrophe.
func isFolded(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			return false
		case r >= 0xc0 && r <= 0x24f:
			return false
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '`':
			return false
		}
	}
	return true
}

// escapes are a pattern's backslash escapes (\b, \S, \d), whose letters
// are not text.
var escapes = regexp.MustCompile(`\\.`)

func TestAllHasEveryLanguageOnce(t *testing.T) {
	seen := map[string]bool{}
	for _, l := range All() {
		if l.Code == "" || l.Name == "" {
			t.Errorf("language %+q has no code or name", l.Code+"/"+l.Name)
		}
		if seen[l.Code] {
			t.Errorf("language %s listed twice", l.Code)
		}
		seen[l.Code] = true
	}
	for _, code := range []string{"en", "es", "pt", "fr", "de", "sw", "id", "nl", "it", "tl", "ko"} {
		if !seen[code] {
			t.Errorf("language %s missing from All()", code)
		}
	}
}

func TestTablesAreWellFormed(t *testing.T) {
	for _, l := range All() {
		t.Run(l.Code, func(t *testing.T) {
			v := reflect.ValueOf(l)
			for i := range v.NumField() {
				name := v.Type().Field(i).Name
				switch f := v.Field(i).Interface().(type) {
				case []string:
					checkRole(t, name, f)
				case [12][]string:
					if !monthRoles[name] {
						t.Errorf("%s: unexpected month-shaped field", name)
					}
					for m, names := range f {
						checkMonths(t, name, m, names)
					}
				}
			}
			checkMonthsFilled(t, l)
		})
	}
}

func checkRole(t *testing.T, name string, entries []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, e := range entries {
		switch {
		case e == "" || strings.TrimSpace(e) == "" && !keyRoles[name]:
			t.Errorf("%s: empty entry", name)
			continue
		case seen[e]:
			t.Errorf("%s: %q twice", name, e)
		}
		seen[e] = true
		switch {
		case wordRoles[name]:
			if strings.ContainsFunc(e, unicode.IsSpace) || !isFolded(e) {
				t.Errorf("%s: %q is not one folded word", name, e)
			}
		case keyRoles[name]:
			if !isFolded(e) {
				t.Errorf("%s: %q is not folded", name, e)
			}
		default:
			if !isFolded(escapes.ReplaceAllString(e, "")) {
				t.Errorf("%s: pattern %q is not folded", name, e)
			}
			if _, err := regexp.Compile(e); err != nil {
				t.Errorf("%s: pattern %q: %v", name, e, err)
			}
			if strings.HasPrefix(e, "^") || strings.HasSuffix(e, "|") || strings.HasPrefix(e, "|") {
				t.Errorf("%s: pattern %q anchors or splits the alternation it joins", name, e)
			}
		}
	}
}

func checkMonths(t *testing.T, name string, month int, names []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, n := range names {
		if n == "" || strings.ContainsFunc(n, unicode.IsSpace) || strings.ToLower(n) != n {
			t.Errorf("%s[%d]: %q is not one lower-case word", name, month, n)
		}
		if seen[n] {
			t.Errorf("%s[%d]: %q twice", name, month, n)
		}
		seen[n] = true
	}
}

// checkMonthsFilled: a language names all twelve months or none, and no
// name stands for two months.
func checkMonthsFilled(t *testing.T, l Language) {
	t.Helper()
	filled := 0
	month := map[string]int{}
	for i := range 12 {
		if len(l.Months[i]) > 0 {
			filled++
		}
		for _, n := range append(append([]string(nil), l.Months[i]...), l.MonthAbbrevs[i]...) {
			if m, ok := month[n]; ok && m != i {
				t.Errorf("%q names months %d and %d", n, m+1, i+1)
			}
			month[n] = i
		}
	}
	if filled != 0 && filled != 12 {
		t.Errorf("Months names %d of 12 months", filled)
	}
}
