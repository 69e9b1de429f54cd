package extract

import (
	"regexp"
	"strings"
)

// Some languages put the verb last: in Korean a request for prayer is
// known by how its sentence ends ("…적응하도록 기도해 주세요", "…비자가 나오게
// 하소서", "…있도록"), not by how it starts, and an entry under 기도제목
// often ends in a bare "…하도록" with no full stop. Such sentences are read
// from their end, with the patterns of the languages' PrayerEnds and
// PraiseEnds.

// sentenceTail is what may close a sentence after its last word:
// punctuation, a remark in brackets ("(최소한 1명)") and the name a quotation
// is signed with ("…기도해 주세요." - 한나).
var sentenceTail = regexp.MustCompile(`(?:\s*\([^()]{0,40}\)|\s+[-–—]\s*[^\s.!?]{1,20}|[\s.!?…~"'”’]+)+$`)

// endKind reads one sentence (folded) from its end: a request, a
// thanksgiving to God, or neither. Thanks that name no name of God, or
// that name the readers, are a courtesy.
func endKind(s string) kinds {
	if !containsAny(s, endKeys) {
		return kindNone
	}
	s = sentenceTail.ReplaceAllString(strings.TrimSpace(s), "")
	switch {
	case prayerEnd.MatchString(s):
		return kindPrayer
	case praiseEnd.MatchString(s) && endGod.MatchString(s) && !endReaders.MatchString(s):
		return kindPraise
	}
	return kindNone
}
