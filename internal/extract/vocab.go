package extract

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/prayerfeed/prayerfeed/internal/lang"
)

// The extractor's vocabulary is built once, at start, from the language
// tables in internal/lang: every word set and every pattern that names a
// word of some language is a role of lang.Language, joined across the
// languages in lang.All()'s order. The structure of each pattern (what may
// come before and after the words, anchors, windows) is written here;
// the words are not. Patterns over punctuation, clock times, Bible
// references and layout stay beside the code that uses them.

// vocab is the extractor's vocabulary for every supported language.
var vocab = mustVocabulary(lang.All())

// The names the classifier and label readers use.
var (
	prayerWords    = vocab.prayerWords
	praiseWords    = vocab.praiseWords
	weakPraise     = vocab.weakPraise
	actionWords    = vocab.actionWords
	graceWords     = vocab.graceWords
	godWords       = vocab.godWords
	fillerWords    = vocab.fillerWords
	noticeWords    = vocab.noticeWords
	tailWords      = vocab.tailWords
	headingTail    = vocab.headingTail
	listNouns      = vocab.listNouns
	objectPronouns = vocab.objectPronouns
	thanksWords    = vocab.thanksWords
	nameJoins      = vocab.nameJoins

	askPrefix        = vocab.askPrefix
	prayerStart      = vocab.prayerStart
	praiseStart      = vocab.praiseStart
	reportedRequest  = vocab.reportedRequest
	valuesPrayers    = vocab.valuesPrayers
	praiseForReaders = vocab.praiseForReaders
	poolReminder     = vocab.poolReminder
	gratitudeStart   = vocab.gratitudeStart
	readerThanks     = vocab.readerThanks
	closingStart     = vocab.closingStart
	appealStart      = vocab.appealStart
	greetingStart    = vocab.greetingStart
	blessingStart    = vocab.blessingStart
	eventWord        = vocab.eventWord
	eventDay         = vocab.eventDay
	chromeLine       = vocab.chromeLine
	chromeShare      = vocab.chromeShare
	chromeKeys       = vocab.chromeKeys
	addressLine      = vocab.addressLine
	leadInStart      = vocab.leadInStart
	prayerMention    = vocab.prayerMention
	praiseMention    = vocab.praiseMention
	clauseBreak      = vocab.clauseBreak
	politeAsk        = vocab.politeAsk
	interjection     = vocab.interjection
	speechTag        = vocab.speechTag
	pleaWord         = vocab.pleaWord
	giftAppeal       = vocab.giftAppeal
	prayerOffer      = vocab.prayerOffer
	visitOffer       = vocab.visitOffer
	thanksObject     = vocab.thanksObject
	dayName          = vocab.dayName
	prayerEnd        = vocab.prayerEnd
	praiseEnd        = vocab.praiseEnd
	endGod           = vocab.endGod
	endReaders       = vocab.endReaders
	chromeWhole      = vocab.chromeWhole
	chromeEnd        = vocab.chromeEnd
	commentHead      = vocab.commentHead
	linkCall         = vocab.linkCall
	endKeys          = vocab.endKeys

	askKeys        = vocab.askKeys
	reportKeys     = vocab.reportKeys
	giftKeys       = vocab.giftKeys
	visitKeys      = vocab.visitKeys
	gratitudeStems = vocab.gratitudeStems
)

// blessingReach is how many bytes may stand between a name of God and the
// verb of a blessing ("Que el Señor, en su gran amor, os bendiga"): a
// clause's length, not a paragraph's.
const blessingReach = 60

// vocabulary holds the word sets, patterns and prefilter keys built from
// a list of languages.
type vocabulary struct {
	prayerWords, praiseWords, weakPraise, actionWords, graceWords, godWords, fillerWords   map[string]bool
	noticeWords, tailWords, headingTail, listNouns, objectPronouns, thanksWords, nameJoins map[string]bool

	askPrefix, prayerStart, praiseStart, reportedRequest, valuesPrayers, praiseForReaders, poolReminder *pattern
	gratitudeStart, readerThanks, closingStart, appealStart, greetingStart, blessingStart               *pattern
	eventWord, eventDay, chromeLine, addressLine, leadInStart, prayerMention, praiseMention             *pattern
	clauseBreak, politeAsk, interjection, speechTag, pleaWord, giftAppeal, prayerOffer, visitOffer      *pattern
	thanksObject                                                                                        *pattern
	dayName, prayerEnd, praiseEnd, endGod, endReaders, chromeWhole, chromeEnd, commentHead, linkCall    *pattern
	endKeys                                                                                             []string
	// chromeShare is a share or follow widget's start; chromeKeys gate
	// chromeLine, which looks through the whole text.
	chromeShare *pattern
	chromeKeys  []string
	// dayStarts are the first words of the weekdays and day words, for a
	// cheap test before the day patterns.
	dayStarts map[string]bool

	askKeys, reportKeys, giftKeys, visitKeys, gratitudeStems []string

	// patterns are all the patterns above, by name.
	patterns map[string]*pattern
}

func mustVocabulary(langs []lang.Language) *vocabulary {
	v, err := buildVocabulary(langs)
	if err != nil {
		panic(err)
	}
	return v
}

// role reads one role's entries from a language.
type role func(lang.Language) []string

// buildVocabulary joins the languages' tables into the extractor's word
// sets and patterns. It fails only on a pattern that does not compile,
// naming the pattern.
func buildVocabulary(langs []lang.Language) (*vocabulary, error) {
	words := func(r role) map[string]bool { return wordsOf(langs, r) }
	alt := func(r role) string { return alternatives(langs, r) }
	quoted := func(r role) string { return quotedAlternatives(langs, r) }
	keys := func(r role) []string { return joined(langs, r) }
	c := compiler{}
	v := &vocabulary{
		prayerWords:    words(func(l lang.Language) []string { return l.PrayerWords }),
		praiseWords:    words(func(l lang.Language) []string { return l.PraiseWords }),
		weakPraise:     words(func(l lang.Language) []string { return l.WeakPraiseWords }),
		actionWords:    words(func(l lang.Language) []string { return l.ActionWords }),
		graceWords:     words(func(l lang.Language) []string { return l.GraceWords }),
		godWords:       words(func(l lang.Language) []string { return l.GodWords }),
		fillerWords:    fillerOf(langs),
		noticeWords:    words(func(l lang.Language) []string { return l.NoticeWords }),
		tailWords:      words(func(l lang.Language) []string { return l.LabelTails }),
		headingTail:    words(func(l lang.Language) []string { return l.HeadingTails }),
		listNouns:      words(func(l lang.Language) []string { return l.ListNouns }),
		objectPronouns: words(func(l lang.Language) []string { return l.ObjectPronouns }),
		thanksWords:    words(func(l lang.Language) []string { return l.ThanksWords }),
		nameJoins:      words(func(l lang.Language) []string { return l.NameJoins }),

		askKeys:        keys(func(l lang.Language) []string { return l.AskKeys }),
		reportKeys:     keys(func(l lang.Language) []string { return l.ReportKeys }),
		giftKeys:       keys(func(l lang.Language) []string { return l.GiftKeys }),
		visitKeys:      keys(func(l lang.Language) []string { return l.VisitKeys }),
		gratitudeStems: keys(func(l lang.Language) []string { return l.GratitudeStems }),
		endKeys:        keys(func(l lang.Language) []string { return l.EndKeys }),
		dayStarts:      firstWords(langs, func(l lang.Language) []string { return append(l.Weekdays, l.DayWords...) }),
	}
	v.dayName = c.compile("dayName", `^(?:(?:`+quoted(func(l lang.Language) []string { return l.Weekdays })+`)`+
		`|(?:`+alt(func(l lang.Language) []string { return l.DayWords })+`) ?\d{1,3}|\d{1,3}(?:st|nd|rd|th)? day)\b`)
	v.prayerEnd = c.compile("prayerEnd", `(?:`+alt(func(l lang.Language) []string { return l.PrayerEnds })+`)\S{0,6}$`)
	v.praiseEnd = c.compile("praiseEnd", `(?:`+alt(func(l lang.Language) []string { return l.PraiseEnds })+`)\S{0,8}$`)
	v.endGod = c.compile("endGod", alt(func(l lang.Language) []string { return l.EndGods }))
	v.endReaders = c.compile("endReaders", alt(func(l lang.Language) []string { return l.EndReaders }))
	v.chromeWhole = c.compile("chromeWhole", `^(?:`+alt(func(l lang.Language) []string { return l.ChromeLines })+`)$`)
	v.chromeEnd = c.compile("chromeEnd", `(?:`+alt(func(l lang.Language) []string { return l.ChromeEnds })+`)$`)
	v.linkCall = c.compile("linkCall", `(?:`+alt(func(l lang.Language) []string { return l.LinkCalls })+`)[\s.!:…»>)]*$`)
	v.commentHead = c.compile("commentHead", `^(?:`+alt(func(l lang.Language) []string { return l.CommentHeads })+`)$`)

	v.askPrefix = c.compile("askPrefix", `^(?:(?:`+alt(func(l lang.Language) []string { return l.AskWords })+`)[ ,]+`+
		prefixed("|", joined(langs, func(l lang.Language) []string { return l.AskPhrases }))+`)`)
	v.prayerStart = c.compile("prayerStart", `^(?:`+alt(func(l lang.Language) []string { return l.PrayerStarts })+`)`)
	v.praiseStart = c.compile("praiseStart", `^(?:`+alt(func(l lang.Language) []string { return l.PraiseStarts })+`)`)
	v.reportedRequest = c.compile("reportedRequest", `^(?:`+alt(func(l lang.Language) []string { return l.ReportedRequests })+`)`)
	v.valuesPrayers = c.compile("valuesPrayers", `^(?:`+alt(func(l lang.Language) []string { return l.ValuesPrayers })+`)`)
	v.praiseForReaders = c.compile("praiseForReaders", `^(?:`+alt(func(l lang.Language) []string { return l.PraiseForReaders })+`)`)
	v.poolReminder = c.compile("poolReminder", `^(?:`+alt(func(l lang.Language) []string { return l.PoolReminders })+`)`)
	v.gratitudeStart = c.compile("gratitudeStart", `^(?:`+alt(func(l lang.Language) []string { return l.GratitudeSubjects })+`)?`+
		`(?:(?:`+alt(func(l lang.Language) []string { return l.GratitudeIntensifiers })+`),? )*`+
		`(?:`+alt(func(l lang.Language) []string { return l.GratitudeWords })+`)`+
		`(?: (?:`+alt(func(l lang.Language) []string { return l.GratitudeTo })+`) (?:`+alt(func(l lang.Language) []string { return l.GratitudeGods })+`))?,? `+
		`(?:`+alt(func(l lang.Language) []string { return l.GratitudeLinks })+`)\b`+
		`|^(?:`+alt(func(l lang.Language) []string { return l.GratitudeSentences })+`)`)
	v.readerThanks = c.compile("readerThanks", `^ ?(?:(?:`+alt(func(l lang.Language) []string { return l.ReaderPhrases })+`)\b`+
		`|(?:(?:`+alt(func(l lang.Language) []string { return l.ReaderArticles })+`) )?(?:`+alt(func(l lang.Language) []string { return l.ReaderPronouns })+`)\b`+
		`|\S+(?: \S+)? (?:`+alt(func(l lang.Language) []string { return l.ReaderSuffixes })+`)\b)`)
	v.closingStart = c.compile("closingStart", `^(?:`+alt(func(l lang.Language) []string { return l.Closings })+`)`)
	v.appealStart = c.compile("appealStart", `^(?:(?:`+alt(func(l lang.Language) []string { return l.AppealOpeners })+`) )?`+
		`(?:`+alt(func(l lang.Language) []string { return l.Appeals })+`)\b`)
	v.greetingStart = c.compile("greetingStart", `^(?:`+alt(func(l lang.Language) []string { return l.Greetings })+`)\b`)
	v.blessingStart = c.compile("blessingStart", `^(?:`+alt(func(l lang.Language) []string { return l.Blessings })+
		`|(?:(?:`+alt(func(l lang.Language) []string { return l.BlessingParticles })+`) )?`+
		`(?:`+alt(func(l lang.Language) []string { return l.BlessingSubjects })+`)\b`+
		fmt.Sprintf(`[^.!?]{0,%d}`, blessingReach)+
		`\b(?:`+alt(func(l lang.Language) []string { return l.BlessingVerbs })+`)\b)`)
	v.eventWord = c.compile("eventWord", `\b(?:`+alt(func(l lang.Language) []string { return l.EventWords })+`)\b`)
	v.eventDay = c.compile("eventDay", `\b(?:`+quoted(func(l lang.Language) []string { return l.Weekdays })+`)\b`)
	v.chromeLine = c.compile("chromeLine", `(?:^|\s)(?:©|\(c\) \d{4}|copyright\b)`+
		`|\b(?:`+alt(func(l lang.Language) []string { return l.ChromeRights })+`)\b`)
	v.chromeShare = c.compile("chromeShare", `^(?:`+alt(func(l lang.Language) []string { return l.ChromeShares })+`)(?: (?:`+alt(func(l lang.Language) []string { return l.ChromeOn })+`))?\s*:`)
	v.chromeKeys = append([]string{"©", "(c)", "copyright"}, lastWords(langs, func(l lang.Language) []string { return l.ChromeRights })...)
	v.addressLine = c.compile("addressLine", `\b(?:`+alt(func(l lang.Language) []string { return l.StreetWords })+`)(?: \S+){0,4}?,? \d`+
		`|\b\d{1,5}(?: [nsew]\.?)? (?:\S+ ){0,3}(?:`+alt(func(l lang.Language) []string { return l.StreetSuffixes })+`)\b`)
	v.leadInStart = c.compile("leadInStart", `^(?:`+alt(func(l lang.Language) []string { return l.LeadIns })+`)\b`)
	v.prayerMention = c.compile("prayerMention", `\b(?:`+alt(func(l lang.Language) []string { return l.PrayerMentions })+`)`)
	v.praiseMention = c.compile("praiseMention", `\b(?:`+alt(func(l lang.Language) []string { return l.PraiseMentions })+`)`)
	v.clauseBreak = c.compile("clauseBreak", `(?:,|:`+prefixed("| ", joined(langs, func(l lang.Language) []string { return l.ClauseJoins }))+`| –| —| -) `)
	v.politeAsk = c.compile("politeAsk", `^(?:(?:`+alt(func(l lang.Language) []string { return l.ClauseJoins })+`) )?`+
		`(?:`+alt(func(l lang.Language) []string { return l.PoliteAsks })+`)\b`)
	v.interjection = c.compile("interjection", `^(?:`+alt(func(l lang.Language) []string { return l.Interjections })+`)\b`)
	v.speechTag = c.compile("speechTag", `^,? ?(?:\S+ ){0,3}(?:`+alt(func(l lang.Language) []string { return l.SpeechVerbs })+`)\b`)
	v.pleaWord = c.compile("pleaWord", `\b(?:`+alt(func(l lang.Language) []string { return l.Pleas })+`)\b`)
	v.giftAppeal = c.compile("giftAppeal", `\b(?:`+alt(func(l lang.Language) []string { return l.GiftPhrases })+
		`|(?:`+alt(func(l lang.Language) []string { return l.GiftPossessives })+`) (?:`+alt(func(l lang.Language) []string { return l.GiftNouns })+`))\b`)
	v.prayerOffer = c.compile("prayerOffer", alt(func(l lang.Language) []string { return l.PrayerOffers }))
	v.visitOffer = c.compile("visitOffer", `\b(?:`+alt(func(l lang.Language) []string { return l.VisitOffers })+`)\b`)
	v.thanksObject = c.compile("thanksObject", `^(?:`+alt(func(l lang.Language) []string { return l.ThanksObjects })+`)\b`)
	if c.err != nil {
		return nil, c.err
	}
	v.patterns = c.all
	return v, nil
}

// compiler compiles patterns, keeping the first error.
type compiler struct {
	err error
	// all are the patterns compiled, by name, for the tests that check
	// each prefilter against its regexp.
	all map[string]*pattern
}

func (c *compiler) compile(name, expr string) *pattern {
	re, err := newPattern(expr)
	if c.all == nil {
		c.all = map[string]*pattern{}
	}
	c.all[name] = re
	if err != nil {
		if c.err == nil {
			c.err = fmt.Errorf("build pattern %s from the language tables: %w", name, err)
		}
		return nil
	}
	return re
}

// never matches no text: the alternatives of a role no language fills.
const never = `[^\x00-\x{10FFFF}]`

// joined is a role's entries across the languages, in order, each entry
// once.
func joined(langs []lang.Language, r role) []string {
	var out []string
	seen := map[string]bool{}
	for _, l := range langs {
		for _, e := range r(l) {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

// alternatives joins a role's patterns into one alternation.
func alternatives(langs []lang.Language, r role) string {
	es := joined(langs, r)
	if len(es) == 0 {
		return never
	}
	return strings.Join(es, "|")
}

// quotedAlternatives joins a role's words into one alternation.
func quotedAlternatives(langs []lang.Language, r role) string {
	es := joined(langs, r)
	if len(es) == 0 {
		return never
	}
	for i, e := range es {
		es[i] = regexp.QuoteMeta(e)
	}
	return strings.Join(es, "|")
}

// prefixed is each entry with sep before it, concatenated.
func prefixed(sep string, es []string) string {
	var sb strings.Builder
	for _, e := range es {
		sb.WriteString(sep)
		sb.WriteString(e)
	}
	return sb.String()
}

// wordsOf is the set of a role's words across the languages.
func wordsOf(langs []lang.Language, r role) map[string]bool {
	m := map[string]bool{}
	for _, l := range langs {
		for _, w := range r(l) {
			m[w] = true
		}
	}
	return m
}

// fillerOf is the words that may fill a label or heading: each language's
// filler words and its full month names, folded ("Prayer for March").
func fillerOf(langs []lang.Language) map[string]bool {
	m := wordsOf(langs, func(l lang.Language) []string { return l.FillerWords })
	for _, l := range langs {
		for _, names := range l.Months {
			for _, n := range names {
				m[folded(n)] = true
			}
		}
	}
	return m
}

// wordSet is the set of the words in s, separated by white space.
func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// firstWords is the set of the leading words (letters only) of a role's
// entries: "hari" of "hari(?: ke-?)?", "segunda" of "segunda-feira".
func firstWords(langs []lang.Language, r role) map[string]bool {
	m := map[string]bool{}
	for _, e := range joined(langs, r) {
		end := strings.IndexFunc(e, func(r rune) bool { return !unicode.IsLetter(r) })
		if end < 0 {
			end = len(e)
		}
		if end > 0 {
			m[e[:end]] = true
		}
	}
	return m
}

// lastWords is the last word (letters only) of each of a role's entries:
// "reserved" of "all rights reserved", a key one of whose occurrences
// every match holds.
func lastWords(langs []lang.Language, r role) []string {
	var out []string
	for _, e := range joined(langs, r) {
		ws := strings.FieldsFunc(e, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(ws) > 0 {
			out = append(out, ws[len(ws)-1])
		}
	}
	return out
}
