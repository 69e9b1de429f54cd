package lang

// korean is the vocabulary of Korean. Hangul has no case or accents, so
// folded Korean is Korean as written. Korean puts the verb last, so its
// requests and thanks are read from the end of a sentence (PrayerEnds,
// PraiseEnds); \b in a pattern only sees ASCII word characters, so these
// patterns do not rely on it.
func korean() Language {
	return Language{
		Code: "ko",
		Name: "Korean",

		// 기도제목 "prayer topics", 감사제목 "thanksgiving topics", 중보기도
		// "intercession"; 제목 and 나눔 ("sharing") stand beside them in
		// headings ("기도 제목", "감사 나눔").
		PrayerWords: []string{"기도제목", "기도", "기도요청", "중보기도", "기도부탁", "중보"},
		PraiseWords: []string{"감사제목", "감사", "찬양", "감사의"},
		FillerWords: []string{"제목", "나눔", "및", "그리고", "이번", "달", "주", "함께", "우리", "선교지"},
		ListNouns:   []string{"제목"},

		Weekdays: []string{"월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"},

		// 기도해 주세요 / 기도 부탁드립니다 / 기도 바랍니다: please pray; …하소서,
		// …주옵소서: a prayer to God; …하도록, …있도록: "so that …", an entry
		// left open; 기도해 달라(고): a request passed on.
		PrayerEnds: []string{"(?:기를|도록) ?기도(?:합니다|드립니다|해요|하고 있습니다)", `기도가 (?:절실|시급|필요)하다["”]?(?:고|라고)? (?:말했다|전했다|밝혔다|강조했다)`, "기도(?:해|하여)? ?주시길", "기도(?:합시다|하자|드립시다|해야 ?(?:합니다|하겠습니다))", `기도(?:해|를)? ?(?:달라|부탁드린다|부탁한다)["”]?(?:고|라고)? (?:전했다|전해왔다|말했다|밝혔다|당부했다)`, `기도(?:해|하여|해서|를)? ?(?:주세요|주십시오|주시기|주시면|부탁|바랍니다|요청|해 ?주시|해 ?달라)`,
			`기도로 (?:함께|동역|후원)해 ?주`, `기도가 (?:절실히 |꼭 )?필요`, `소서`, `도록`, `위해`, `위하여`},
		PraiseEnds: []string{`감사`, `찬양`, `영광을 돌`, `할렐루야`},
		EndGods:    []string{`하나님`, `주님`, `예수님`, `하늘 아버지`, `주께`, `은혜`},
		EndReaders: []string{`여러분`, `분들`, `교회에 감사`, `교회와 성도`, `성도님`, `동역자`, `후원(?:해|하여)? ?주신`, `기도(?:해|하여)? ?주신`,
			`기도(?:해|하여)? ?주셔서`, `함께 (?:해|하여) ?주신`},
		EndKeys: []string{"기도", "소서", "도록", "위해", "위하여", "감사", "찬양", "영광", "할렐루야"},

		ChromeEnds:   []string{"카테고리의 다른 글", "의 다른 글"},
		ChromeLines:  []string{`더보기`, `공유하기`, `인쇄`, `목록`, `구독하기`, `이전글`, `다음글`},
		CommentHeads: []string{`댓글(?: \d+)?`, `댓글 쓰기`},
	}
}
