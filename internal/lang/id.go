package lang

// indonesian is the vocabulary of Indonesian.
func indonesian() Language {
	return Language{
		Code: "id",
		Name: "Indonesian",

		PrayerWords:     []string{"doa", "doakan", "berdoa"},
		PraiseWords:     []string{"syukur", "bersyukur", "pujian", "puji"},
		WeakPraiseWords: []string{"terima", "kasih"},
		GodWords:        []string{"tuhan", "yesus"},
		FillerWords: []string{"alasan", "dan", "pokok", "permohonan", "dukungan", "untuk", "kepada", "ucapan", "mohon", "kami", "hal", "bulan", "minggu",
			"ini", "bagi", "atas", "bersama", "khusus", "mendesak", "penting"},
		NoticeWords:    []string{"pengumuman", "jadwal", "acara", "persembahan", "kalender"},
		LabelTails:     []string{"untuk", "agar", "supaya"},
		HeadingTails:   []string{"untuk", "dari"},
		ListNouns:      []string{"pokok"},
		ThanksWords:    []string{"terima", "kasih"},
		NameJoins:      []string{"dan"},
		ReaderPronouns: []string{"kalian", "anda", "saudara"},
		ReaderSuffixes: []string{"kalian", "anda"},

		Months: [12][]string{{"januari"}, {"februari"}, {"maret"}, {"april"}, {"mei"}, {"juni"},
			{"juli"}, {"agustus"}, {"september"}, {"oktober"}, {"november"}, {"desember"}},
		MonthAbbrevs: [12][]string{nil, nil, nil, nil, nil, nil,
			nil, {"agt"}, nil, nil, {"nopember"}, {"des"}},
		DateFillers: []string{"tanggal"},
		Weekdays:    []string{"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"},

		AskWords:   []string{"mohon", "tolong", "juga", "dan", "marilah kita", "marilah", "mari kita", "mari"},
		PoliteAsks: []string{"mohon"},
		PrayerStarts: []string{`doakan(?:lah)?\b`, `mendoakan\b`, `berdoa(?:lah)? (?:untuk|agar|supaya|bagi)\b`, `berdoa\b`, `dukungan doa\b`,
			`doa (?:untuk|agar|bagi)\b`},
		PraiseStarts: []string{`terima kasih,? tuhan\b`, `puji tuhan\b`, `syukur (?:kepada|pada|bagi) tuhan\b`, `(?:kami )?bersyukur\b`, `terpujilah\b`,
			`haleluya\b`, `ucapan syukur\b`},
		GratitudeSubjects:     []string{`(?:kami|saya) `},
		GratitudeIntensifiers: []string{"sangat", "begitu", "sungguh", "juga"},
		GratitudeWords:        []string{"bersyukur", "berterima kasih"},
		GratitudeTo:           []string{"kepada"},
		GratitudeGods:         []string{"tuhan"},
		GratitudeLinks:        []string{"karena", "atas", "untuk", "bahwa"},
		Closings:              []string{`terima kasih\b`, `salam\b`},
		Greetings:             []string{`saudara-saudara`, `saudara`, `selamat (?:pagi|siang|sore|malam)`},
		Blessings:             []string{`tuhan (?:yesus )?memberkati\b`},
		ChromeRights:          []string{`hak cipta dilindungi`},
		ChromeShares:          []string{`bagikan`, `ikuti kami`},
		ChromeOn:              []string{`di`},
		StreetWords:           []string{`jalan`, `jl\.`},
		LeadIns:               []string{`berikut`},
		PrayerMentions:        []string{`doa`, `berdoa`, `doakan`, `mendoakan`, `didoakan`},
		PraiseMentions:        []string{`syukur`, `puji`},
		Pleas:                 []string{`mohon`, `tolong`},
		ThanksObjects:         []string{`kepada`},

		AskKeys:        []string{"mohon"},
		GratitudeStems: []string{"syukur", "terima kasih"},
	}
}
