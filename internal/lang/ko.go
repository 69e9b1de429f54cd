package lang

// korean is the vocabulary of Korean: empty for now, ready for entries.
// Hangul has no case or accents, so folded Korean is Korean as written;
// note that \b in a pattern only sees ASCII word characters, so Korean
// patterns should not rely on it.
func korean() Language {
	return Language{
		Code: "ko",
		Name: "Korean",
	}
}
