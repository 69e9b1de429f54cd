package lang

// tagalog is the vocabulary of Tagalog. Month and weekday names are not
// here yet: they would change how Tagalog headings and events read, a
// change of behaviour to make with its own test cases.
func tagalog() Language {
	return Language{
		Code: "tl",
		Name: "Tagalog",

		PrayerWords:     []string{"panalangin", "ipanalangin", "dasal", "ipagdasal", "ipagpanalangin"},
		PraiseWords:     []string{"pasasalamat", "papuri"},
		WeakPraiseWords: []string{"salamat"},
		GodWords:        []string{"diyos", "panginoon"},
		FillerWords:     []string{"mga", "ng", "sa", "ating", "natin", "aming", "namin", "po"},
		NoticeWords:     []string{"anunsyo"},
		ReaderPronouns:  []string{"ninyo", "inyo", "inyong"},

		AskWords:       []string{"paki", "pakisama"},
		PrayerStarts:   []string{`ipanalangin\b`, `ipagdasal\b`, `ipagpanalangin\b`, `manalangin tayo\b`},
		PraiseStarts:   []string{`salamat sa (?:diyos|panginoon)\b`, `purihin (?:ang|natin ang) (?:diyos|panginoon)\b`},
		Closings:       []string{`salamat\b`},
		Greetings:      []string{`magandang (?:umaga|hapon|gabi)`, `kumusta`, `mabuhay`},
		Blessings:      []string{`pagpalain\b`},
		PrayerMentions: []string{`panalangin`, `ipanalangin`, `ipagdasal`},
		PraiseMentions: []string{`pasasalamat`, `papuri`},
	}
}
