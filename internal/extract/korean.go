package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Korean puts the verb last: a request for prayer is known by how its
// sentence ends ("…적응하도록 기도해 주세요", "…비자가 나오게 하소서",
// "…있도록"), not by how it starts, and a list entry under 기도제목 often
// ends in a bare "…하도록" with no full stop. So Korean sentences are read
// from their end.

var (
	// hangulAsk ends a sentence that asks the readers to pray ("…기도해
	// 주세요", "…기도 부탁드립니다"), that prays to God ("…하소서",
	// "…주옵소서"), or an entry left open as a purpose ("…하도록",
	// "…있도록"). Polite endings may follow the key words.
	hangulAsk = regexp.MustCompile(`(?:기도(?:해|하여|해서)? ?(?:주세요|주십시오|주시기|주시면|부탁|바랍니다|요청)|기도로 (?:함께|동역|후원)해 ?주|소서|도록)\S{0,6}$`)
	// hangulThanks ends a sentence that gives thanks or praise.
	hangulThanks = regexp.MustCompile(`(?:감사|찬양|영광을 돌|할렐루야)\S{0,8}$`)
	// hangulGod names God, to whom a thanksgiving is given.
	hangulGod = regexp.MustCompile(`하나님|주님|예수님|하늘 아버지|주께|은혜`)
	// hangulReaders thanks people ("여러분께", "교회에 감사", "후원해 주신
	// 분들께"): a courtesy, not a point.
	hangulReaders = regexp.MustCompile(`여러분|분들|교회에 감사|교회와 성도|성도님|동역자|후원(?:해|하여)? ?주신|기도(?:해|하여)? ?주신|기도(?:해|하여)? ?주셔서|함께 (?:해|하여) ?주신`)
	// hangulTail is what may close a sentence after its last word:
	// punctuation, and a remark in brackets ("(최소한 1명)").
	hangulTail = regexp.MustCompile(`(?:\s*\([^()]{0,40}\)|[\s.!?…~]+)+$`)
)

// koreanKind reads one Korean sentence from its end.
func koreanKind(s string) kinds {
	s = hangulTail.ReplaceAllString(strings.TrimSpace(s), "")
	if !hasHangul(s) {
		return kindNone
	}
	switch {
	case hangulAsk.MatchString(s):
		return kindPrayer
	case hangulThanks.MatchString(s) && hangulGod.MatchString(s) && !hangulReaders.MatchString(s):
		return kindPraise
	}
	return kindNone
}

// hasHangul reports text with a Korean syllable in it.
func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}
