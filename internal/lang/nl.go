package lang

// dutch is the vocabulary of Dutch. Weekday names are not here yet: the
// extractor has never dated Dutch events, and adding them is a change of
// behaviour to make with its own test cases.
func dutch() Language {
	return Language{
		Code: "nl",
		Name: "Dutch",

		PrayerWords: []string{"gebed", "gebeden", "gebedspunten", "gebedspunt", "gebedsonderwerpen", "gebedsverzoeken", "gebedsverzoek",
			"gebedsnieuws", "gebedsbrief", "gebedsmail", "bidden", "bid", "voorbede"},
		PraiseWords:     []string{"dankpunten", "dankpunt", "dankonderwerpen", "dankzegging", "dankzeggingen", "lofprijzing", "lof", "loven", "dankbaarheid"},
		WeakPraiseWords: []string{"bedankt"},
		GodWords:        []string{"god", "heer", "here"},
		FillerWords: []string{"voor", "en", "of", "onze", "ons", "deze", "dit", "week", "maand", "van", "het", "een", "met", "wat", "waarvoor", "hoe",
			"jullie", "kunnen", "samen", "punten", "onderwerpen", "speciale", "dringende", "belangrijke"},
		NoticeWords:    []string{"mededelingen", "aankondigingen", "collecte", "activiteiten", "agenda"},
		LabelTails:     []string{"voor", "dat", "om"},
		HeadingTails:   []string{"voor", "uit"},
		ListNouns:      []string{"punten", "onderwerpen"},
		NameJoins:      []string{"en"},
		ReaderPronouns: []string{"jullie", "uw", "je", "jouw"},

		Months: [12][]string{{"januari"}, {"februari"}, {"maart"}, {"april"}, {"mei"}, {"juni"},
			{"juli"}, {"augustus"}, {"september"}, {"oktober"}, {"november"}, {"december"}},

		AskWords: []string{"alsjeblieft", "ook", "en", "wilt u", "wil je"},
		PrayerStarts: []string{`bid (?:voor|dat|om|ook|mee|met|alstublieft)\b`, `bidt (?:voor|dat|om|mee)\b`, `(?:mee)?bidden (?:voor|dat|om)\b`,
			`laten we bidden\b`, `wilt u (?:mee)?bidden\b`},
		PraiseStarts: []string{`dank (?:god|de heer|hem|dat|voor)\b`, `(?:we|wij|ik) danken (?:god|de heer|hem)\b`, `danken (?:god|de heer)\b`,
			`god zij dank\b`, `(?:loof|prijs|looft|prijst) (?:god|de heer|hem)\b`},
		GratitudeSubjects:     []string{`(?:we zijn|wij zijn|ik ben) `},
		GratitudeIntensifiers: []string{"erg", "heel", "zo", "ontzettend", "echt", "ook"},
		GratitudeLinks:        []string{"voor", "dat", "omdat"},
		Greetings:             []string{`beste`, `lieve`, `geachte`},
		Blessings:             []string{`god zegene\b`, `gods zegen\b`},
		PrayerMentions:        []string{`gebed`, `bidden`, `voorbede`},
		Interjections:         []string{`god zij geloofd`},
		SpeechVerbs:           []string{`zei`},
	}
}
