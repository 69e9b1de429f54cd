package extract

import (
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/lang"
)

// TestVocabularyBuildsForEveryLanguage builds the matchers from each
// language's table alone and from all of them: every pattern compiles, a
// language's own cue is read by its own vocabulary and not by another's,
// and every word set holds folded words.
func TestVocabularyBuildsForEveryLanguage(t *testing.T) {
	all := lang.All()
	for _, l := range all {
		t.Run(l.Code, func(t *testing.T) {
			v, err := buildVocabulary([]lang.Language{l})
			if err != nil {
				t.Fatal(err)
			}
			checkFoldedSets(t, v)
			if v.prayerStart.MatchString("") || v.praiseStart.MatchString("") || v.askPrefix.MatchString("") {
				t.Error("an empty role matches empty text")
			}
		})
	}
	v, err := buildVocabulary(all)
	if err != nil {
		t.Fatal(err)
	}
	checkFoldedSets(t, v)
}

func checkFoldedSets(t *testing.T, v *vocabulary) {
	t.Helper()
	sets := map[string]map[string]bool{"prayerWords": v.prayerWords, "praiseWords": v.praiseWords, "weakPraise": v.weakPraise,
		"actionWords": v.actionWords, "graceWords": v.graceWords, "godWords": v.godWords, "fillerWords": v.fillerWords,
		"noticeWords": v.noticeWords, "tailWords": v.tailWords, "headingTail": v.headingTail, "listNouns": v.listNouns,
		"objectPronouns": v.objectPronouns, "thanksWords": v.thanksWords}
	for name, set := range sets {
		for w := range set {
			if folded(w) != w || len(words(w)) != 1 {
				t.Errorf("%s: %q is not one folded word", name, w)
			}
		}
	}
}

// TestVocabularyKeepsLanguagesApart reads each language's cues with its
// own vocabulary and with another's.
func TestVocabularyKeepsLanguagesApart(t *testing.T) {
	byCode := map[string]lang.Language{}
	for _, l := range lang.All() {
		byCode[l.Code] = l
	}
	tests := []struct {
		name, code, other, sentence string
		want                        kinds
	}{
		{"english request", "en", "es", "please pray for the clinic", kindPrayer},
		{"spanish request", "es", "en", "oremos por la clinica", kindPrayer},
		{"portuguese thanks", "pt", "fr", "louvamos a deus pela chuva", kindPraise},
		{"german gratitude", "de", "nl", "wir sind sehr dankbar, dass es regnet", kindPraise},
		{"swahili request", "sw", "id", "tafadhali tuombe kwa ajili ya shule", kindPrayer},
		{"indonesian thanks", "id", "sw", "puji tuhan untuk hujan", kindPraise},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			own := mustVocabulary([]lang.Language{byCode[tt.code]})
			other := mustVocabulary([]lang.Language{byCode[tt.other]})
			if got := vocabStartKind(own, tt.sentence); got != tt.want {
				t.Errorf("own vocabulary reads %q as %v, want %v", tt.sentence, got, tt.want)
			}
			if got := vocabStartKind(other, tt.sentence); got != kindNone {
				t.Errorf("%s vocabulary reads %q as %v, want none", tt.other, tt.sentence, got)
			}
		})
	}
}

// vocabStartKind is startKind's reading of the opening patterns with v.
func vocabStartKind(v *vocabulary, s string) kinds {
	for range maxAskPrefixes {
		loc := v.askPrefix.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		s = s[loc[1]:]
	}
	switch {
	case v.prayerStart.MatchString(s):
		return kindPrayer
	case v.praiseStart.MatchString(s):
		return kindPraise
	}
	if loc := v.gratitudeStart.FindStringIndex(s); loc != nil {
		return kindPraise
	}
	return kindNone
}
