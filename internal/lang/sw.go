package lang

// swahili is the vocabulary of Swahili.
func swahili() Language {
	return Language{
		Code:             "sw",
		Name:             "Swahili",
		ReportKeys:       []string{"omb"},
		ReportedRequests: []string{`(?:\S+ ){1,8}(?:amewaomba|wamewaomba|ameomba|wameomba|ametoa wito|wametoa wito) (?:\S+ ){0,10}(?:maombi|kuomba|kuwaombea|kuwaombe|tuwaombee)\b`, `(?:\S+ ){1,8}(?:anaomba|wanaomba|aliomba|waliomba|anawaomba|wanawaomba) (?:\S+ ){0,5}(?:maombi|kuomba|kuwaombea|tuwaombee)\b`},
		CommentHeads:     []string{"maoni"},
		ChromeLines:      []string{"soma zaidi", "shiriki"},
		DayWords:         []string{"siku(?: ya)?", "wiki ya"},

		PrayerWords: []string{"maombi", "ombi", "ombeni", "tuombe", "tuombee", "kuomba", "kuombea", "maombezi", "ombea", "mwombee"},
		PraiseWords: []string{"sifa", "sifu", "kusifu", "kumsifu", "shukrani", "shukurani", "shukuru", "kushukuru", "kumshukuru", "mshukuru",
			"tunamshukuru", "tumshukuru", "tunashukuru"},
		WeakPraiseWords: []string{"asante"},
		GodWords:        []string{"mungu", "bwana", "yesu"},
		FillerWords: []string{"taarifa", "ajili", "sababu", "na", "ya", "za", "kwa", "mahitaji", "vipengele", "mambo", "wiki", "hii", "mwezi", "tafadhali", "pamoja",
			"maalum", "maalumu", "muhimu", "haraka", "dharura"},
		NoticeWords:    []string{"tangazo", "matangazo", "ratiba", "sadaka", "matukio"},
		LabelTails:     []string{"kwa"},
		HeadingTails:   []string{"kwa"},
		ListNouns:      []string{"mahitaji"},
		ThanksWords:    []string{"asante", "asanteni"},
		NameJoins:      []string{"na"},
		ReaderSuffixes: []string{"yenu", "wenu", "zenu", "lenu"},

		Months: [12][]string{{"januari"}, {"februari"}, {"machi"}, {"aprili"}, {"mei"}, {"juni"},
			{"julai"}, {"agosti"}, {"septemba"}, {"oktoba"}, {"novemba"}, {"desemba"}},
		Weekdays: []string{"jumapili", "jumatatu", "jumanne", "jumatano", "alhamisi", "ijumaa", "jumamosi"},

		AskWords:     []string{"tafadhali", "pia", "na"},
		PoliteAsks:   []string{"tafadhali"},
		PrayerStarts: []string{`(?:nasi |sisi )?(?:basi )?tuwaombee\b`, `tumwombee\b`, `tuendelee (?:kuomba|kuwaombea|kumwombea)\b`, `mungu (?:awape|awapatie|awalinde|aongoze|afungue|atupe|atuwezeshe|atupatie|awajalie|atujalie)\b`, `omba (?:kwa|ili|kwamba|mungu|bwana)\b`, `ombea\b`, `sali (?:kwa|ili)\b`, `salini\b`, `endelea(?:ni)? kuomba\b`, `tunaomba (?:maombi|mtuombee|muendelee|mungu)\b`, `tunawaomba (?:\S+ ){0,4}(?:kuomba|kutuombea|mtuombee)`, `mwombe mungu\b`, `mwombeni\b`, `ombeni\b`, `tuombe\b`, `tuombee\b`, `niombee\b`, `muombee\b`, `waombee\b`, `tumuombe\b`},
		PraiseStarts: []string{`namshukuru\b`, `ninamshukuru\b`, `shukrani kwa mungu\b`, `tunamsifu (?:mungu|bwana)\b`, `tumsifu\b`, `msifuni\b`, `shukuru (?:mungu|bwana)\b`, `mshukuru mungu\b`, `tunamshukuru\b`, `tumshukuru\b`, `mshukuruni\b`, `mshukuru\b`, `asante (?:mungu|yesu|bwana)\b`,
			`bwana asifiwe\b`, `mungu asifiwe\b`, `sifa (?:kwa|ziwe kwa) (?:mungu|bwana)\b`},
		GratitudeSentences: []string{`(?:tunashukuru|nashukuru|tunafurahi) (?:kwa|kwamba|sana|kuwa)\b`},
		Closings:           []string{`asante\b`},
		Greetings:          []string{`wapendwa`, `salamu`, `habari`},
		Blessings:          []string{`(?:mungu|bwana) (?:awabariki|akubariki|atubariki|abariki|awabarik)\w*`},
		ChromeRights:       []string{`haki zote zimehifadhiwa`},
		ChromeShares:       []string{`shiriki`},
		LeadIns:            []string{`haya ni`},
		PrayerMentions:     []string{`maombi`, `omba`, `ombeni`, `tuombe`},
		PraiseMentions:     []string{`sifa`, `shukr`},
		Interjections:      []string{`bwana asifiwe`, `asifiwe`},
		SpeechVerbs:        []string{`alisema`},
		Pleas:              []string{`tafadhali`},
		ThanksObjects:      []string{`kwa`},

		AskKeys:        []string{"tafadhali"},
		GratitudeStems: []string{"shukuru", "furahi"},
	}
}
