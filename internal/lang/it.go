package lang

// italian is the vocabulary of Italian. Weekday names are not here yet:
// the extractor has never dated Italian events, and adding them is a
// change of behaviour to make with its own test cases.
func italian() Language {
	return Language{
		Code: "it",
		Name: "Italian",

		PrayerWords:     []string{"preghiera", "preghiere", "pregare", "pregate", "preghiamo", "intercessioni", "richieste", "richiesta"},
		PraiseWords:     []string{"ringraziamento", "ringraziamenti", "ringraziamo", "lode", "lodi", "lodiamo", "gratitudine", "grati", "riconoscenza"},
		WeakPraiseWords: []string{"grazie"},
		GodWords:        []string{"dio", "signore", "gesu"},
		FillerWords: []string{"motivi", "motivo", "ragioni", "di", "del", "della", "delle", "dei", "degli", "e", "il", "i", "gli", "un", "una", "nostro",
			"nostra", "nostri", "nostre", "questo", "questa", "mese", "settimana", "punti", "come", "potete", "insieme", "con", "noi", "urgenti",
			"speciali", "particolari", "principali"},
		NoticeWords:    []string{"avvisi", "avviso", "annunci", "calendario", "eventi", "offerta", "colletta", "appuntamenti"},
		LabelTails:     []string{"per", "perche", "affinche", "che"},
		HeadingTails:   []string{"per", "da"},
		ListNouns:      []string{"punti", "motivi"},
		NameJoins:      []string{"e"},
		ReaderArticles: []string{"il", "la", "le", "i", "gli", "del", "della", "delle", "dei", "alla", "alle", "ai"},
		ReaderPronouns: []string{"voi", `vostr[oaie]`, "tutti voi"},

		Months: [12][]string{{"gennaio"}, {"febbraio"}, {"marzo"}, {"aprile"}, {"maggio"}, {"giugno"},
			{"luglio"}, {"agosto"}, {"settembre"}, {"ottobre"}, {"novembre"}, {"dicembre"}},
		MonthAbbrevs: [12][]string{{"gen"}, nil, nil, nil, {"mag"}, {"giu"},
			{"lug"}, nil, nil, {"ott"}, nil, {"dic"}},

		AskWords:     []string{"per favore", "anche", "vi chiediamo di", "continuate a", "e"},
		PrayerStarts: []string{`pregate\b`, `preghiamo (?:per|perche|che|il|affinche)\b`, `pregare per\b`, `intercedete\b`},
		PraiseStarts: []string{`ringraziamo\b`, `ringraziate\b`, `lodiamo\b`, `lodate\b`, `grazie a dio\b`, `rendiamo grazie\b`, `sia lodato\b`,
			`gloria a dio\b`, `(?:diamo|rendete) grazie\b`},
		GratitudeSubjects:     []string{`(?:siamo|sono) `},
		GratitudeIntensifiers: []string{"molto", "davvero", "tanto", "anche", "profondamente"},
		GratitudeWords:        []string{`grat[ie]`, "riconoscenti"},
		GratitudeLinks:        []string{"per", "che", "perche", "di"},
		Greetings:             []string{`ciao`, `cari`, `care`, `carissim[ie]`},
		Blessings:             []string{`benedizioni\b`},
		BlessingSubjects:      []string{"il signore", "dio"},
		BlessingVerbs:         []string{"benedica"},
		PrayerMentions:        []string{`pregh`, `pregat`, `pregare`},
		PraiseMentions:        []string{`ringrazi`, `lode`, `lodiamo`},
		Interjections:         []string{`lode a dio`},
		SpeechVerbs:           []string{`ha detto`},
		GratitudeStems:        []string{"grat", "riconoscent"},
	}
}
