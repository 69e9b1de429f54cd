// Package lang holds the vocabulary of every language the extractor and
// the date reader understand, one file per language. A Language is plain
// data: the extractor (internal/extract) joins each role's alternatives
// across All() into its word sets and regular expressions once, at start,
// and the fetcher's date reader takes the month names from the same
// tables. Adding or fixing a language is one file here and its tests.
//
// Two kinds of entries appear:
//   - Words are single words, folded: lower case, accents removed ("oracion",
//     "priere"), apostrophes straight. They are compared with folded words.
//   - Patterns are RE2 alternatives matched against folded text, at the
//     start of a sentence unless the field says otherwise. They may use
//     groups, optional parts and \b; they must not use ^ or $ outside
//     their own group, because the builder joins them with |.
//
// Month names are the exception: they are lower case as written, accents
// kept, because the date reader compares them unfolded.
package lang

// Language is one language's vocabulary, by the role each entry plays.
// Fields a language does not use stay empty. Within a pattern role the
// order of entries is kept and the languages follow All()'s order, so a
// longer alternative must come before a shorter one it starts with.
type Language struct {
	// Code is the ISO 639-1 code ("en"); Name is the English name.
	Code, Name string

	// Label and heading vocabulary (words). A label ("Prayer:") or a
	// heading ("Motivos de oración") is a short phrase made only of these
	// words, with at least one word that names a kind.

	// PrayerWords name a request for prayer ("prayer", "oracion").
	PrayerWords []string
	// PraiseWords name thanksgiving ("praise", "louange").
	PraiseWords []string
	// WeakPraiseWords thank someone; they name praise only beside another
	// kind word or a name of God ("Give thanks", "Gracias a Dios").
	WeakPraiseWords []string
	// ActionWords and GraceWords together name thanksgiving ("Action de
	// grâce", "Acción de gracias").
	ActionWords, GraceWords []string
	// GodWords are names of God that support a weak praise word.
	GodWords []string
	// FillerWords may stand in a label or heading beside the kind words
	// ("our", "points", "this week"). Month names join them from Months.
	FillerWords []string
	// NoticeWords name the notices a church prints beside its points
	// ("Agenda:", "Termine:").
	NoticeWords []string
	// LabelTails end a lead-in sentence rather than a label ("Pray for:").
	LabelTails []string
	// HeadingTails start the free part of a heading ("Prayer requests for
	// the Okafors").
	HeadingTails []string
	// ListNouns name a list of points ("requests", "focus").
	ListNouns []string
	// ObjectPronouns are "us" and "me": a label phrase that holds one is
	// the start of the writer's own sentence ("Pray for me:").
	ObjectPronouns []string
	// ThanksWords say thank you on their own ("Thanks:", "Merci :").
	ThanksWords []string
	// NameJoins join the names at the head of a roster line ("Peter &
	// Anna Vos"); compared lower case.
	NameJoins []string
	// ReaderPronouns are the reader's pronouns and possessives ("ustedes",
	// "vous", "euch"): thanks that name them thank the readers. Patterns.
	ReaderPronouns []string
	// ReaderArticles may stand before a reader possessive ("il vostro").
	// Patterns.
	ReaderArticles []string
	// ReaderSuffixes are possessives written after a noun ("maombi
	// yenu", "doa kalian"). Patterns.
	ReaderSuffixes []string

	// Months holds each month's full names, January first: they may stand
	// in a heading ("Prayer points for March") and the date reader reads
	// them. Lower case as written, accents kept.
	Months [12][]string
	// MonthAbbrevs holds each month's abbreviations and other spellings,
	// which only the date reader reads ("jan", "févr", "setiembre").
	MonthAbbrevs [12][]string
	// DateFillers are the words the date reader skips between a day, a
	// month and a year ("14 de julio", "the 14th of July").
	DateFillers []string
	// Weekdays are the names of the days of the week, singular and plural
	// (words), which with a clock time date an event notice and label the
	// entries of a prayer calendar.
	Weekdays []string
	// DayWords number the days or weeks of a prayer calendar ("day" in
	// "Day 14", "hari ke-" in "Hari ke-3"); a number follows them.
	// Patterns.
	DayWords []string

	// Sentence patterns.

	// AskWords are the polite words a request may open with ("please",
	// "por favor"), each followed by a space or a comma. Patterns.
	AskWords []string
	// AskPhrases are the longer polite framings before a request ("would
	// you ", "we ask you to "). Patterns, each ending with its own space.
	AskPhrases []string
	// PoliteAsks open a clause addressed to the reader, later in a
	// sentence ("…, and please pray"). Patterns.
	PoliteAsks []string
	// ClauseJoins join clauses inside a sentence ("and", "but"). Words.
	ClauseJoins []string
	// PrayerStarts open a request for prayer ("pray", "oremos"). Patterns.
	PrayerStarts []string
	// PraiseStarts open a thanksgiving ("praise god", "damos gracias").
	// Patterns.
	PraiseStarts []string
	// ReportedRequests pass on someone's request for prayer ("Alex asked
	// for prayer"), each a whole sentence-start pattern.
	ReportedRequests []string
	// ValuesPrayers are the writers' own wish for prayer ("I'd value your
	// prayers"). Patterns.
	ValuesPrayers []string
	// PraiseForReaders thank God for the readers themselves, a courtesy
	// rather than a thanksgiving to share. Patterns.
	PraiseForReaders []string
	// PoolReminders ask a church to pray for a partner in its groups, a
	// reminder rather than a point. Whole-sentence patterns (may end in $).
	PoolReminders []string
	// GratitudeSubjects, GratitudeIntensifiers, GratitudeWords, GratitudeTo,
	// GratitudeGods and GratitudeLinks build "we are (so) thankful (to God)
	// that …": the subject with its verb and trailing space, the adverbs,
	// the adjective, the "to" before a name of God, the name, and the
	// word that introduces what the writers are thankful for. Patterns.
	GratitudeSubjects, GratitudeIntensifiers, GratitudeWords []string
	GratitudeTo, GratitudeGods, GratitudeLinks               []string
	// GratitudeSentences are other ways to say "we are thankful that"
	// ("tunashukuru kwa"). Patterns.
	GratitudeSentences []string
	// ReaderPhrases name the readers in English-like phrases ("each one of
	// you"). Patterns.
	ReaderPhrases []string
	// Closings are sign-offs and thank-yous to the readers ("with love",
	// "un abrazo"). Patterns.
	Closings []string
	// Appeals ask the readers to give, sign up or share; AppealOpeners
	// ("please") may come before one. Patterns.
	AppealOpeners, Appeals []string
	// Greetings open a letter ("dear", "queridos"). Patterns.
	Greetings []string
	// Blessings sign a letter off with a blessing ("god bless you").
	// Patterns.
	Blessings []string
	// BlessingSubjects and BlessingVerbs build "(que) Dios … os bendiga":
	// a name of God, then within a few words a verb of blessing; the
	// optional BlessingParticles ("que") open it. Patterns.
	BlessingParticles, BlessingSubjects, BlessingVerbs []string
	// EventWords mark an event notice beside a clock time ("meeting",
	// "venez"). Patterns, matched anywhere.
	EventWords []string
	// ChromeRights say "all rights reserved"; ChromeShares open a share or
	// follow widget ("share", "suivez-nous") and ChromeOn is the "on" that
	// may follow them. Patterns.
	ChromeRights, ChromeShares, ChromeOn []string
	// StreetWords open a street in an address ("rua", "jalan"), before
	// the number; StreetSuffixes end one ("street", "rd") after it.
	// Patterns, matched anywhere.
	StreetWords, StreetSuffixes []string
	// LeadIns open a sentence that introduces the points after it ("here
	// are", "voici"). Patterns.
	LeadIns []string
	// PrayerMentions and PraiseMentions are stems that speak of prayer or
	// thanks anywhere in a sentence ("pray", "oraci"). Patterns.
	PrayerMentions, PraiseMentions []string
	// Interjections are cries of praise that are not the start of a
	// thanksgiving ("amen", "gloire a dieu"). Patterns.
	Interjections []string
	// SpeechVerbs follow a quotation with who said it ("said", "dijo").
	// Patterns.
	SpeechVerbs []string
	// Pleas say please anywhere ("please", "tafadhali"). Patterns.
	Pleas []string
	// GiftPhrases speak of giving money ("support us financially", "iban").
	// GiftPossessives and GiftNouns build "your gifts", "vos dons".
	// Patterns, matched anywhere.
	GiftPhrases, GiftPossessives, GiftNouns []string
	// PrayerOffers are a church offering to pray for its readers. Patterns,
	// matched anywhere; each carries its own \b.
	PrayerOffers []string
	// VisitOffers are a partner offering to visit the readers. Patterns,
	// matched anywhere.
	VisitOffers []string
	// ThanksObjects open the words after a thank-you that name whom it
	// thanks ("to", "kwa"). Patterns.
	ThanksObjects []string

	// Languages that put the verb last (Korean) ask and give thanks at the
	// end of a sentence, not its start.

	// PrayerEnds end a sentence or entry that asks for prayer ("…기도해
	// 주세요", "…하소서", "…하도록"); polite endings may follow. Patterns,
	// matched at the end of a sentence.
	PrayerEnds []string
	// PraiseEnds end a sentence that gives thanks or praise ("…감사합니다").
	// Patterns, matched at the end of a sentence.
	PraiseEnds []string
	// EndGods name God in such a thanksgiving; thanks with no name of God
	// thank people. Patterns, matched anywhere.
	EndGods []string
	// EndReaders name the readers or the supporters thanked ("여러분",
	// "후원해 주신"): a courtesy, not a point. Patterns, matched anywhere.
	EndReaders []string
	// EndKeys gate PrayerEnds and PraiseEnds: plain substrings one of
	// which every match holds.
	EndKeys []string

	// ChromeLines are whole lines of a site's furniture ("Printer-friendly
	// version", "Read more", "223 subscribers"): never a point, and never
	// part of one. Patterns, matched against the whole folded line.
	ChromeLines []string
	// ChromeEnds end a line of a site's furniture whatever comes before
	// them ("… 카테고리의 다른 글": more posts in a category). Patterns,
	// matched against the end of the folded line.
	ChromeEnds []string
	// LinkCalls end a line that only sends the reader elsewhere ("…,
	// lesen Sie hier", "Read more here"). Patterns, matched at the end of
	// the folded line.
	LinkCalls []string
	// CommentHeads head the readers' comments under a post ("Comments",
	// "Leave a reply"): nothing after them is the partner's own writing.
	// Patterns, matched against the whole folded line.
	CommentHeads []string

	// Prefilters: plain substrings of folded text one of which every match
	// of a pattern holds; looking for them first keeps the patterns off
	// most sentences. A language that adds patterns adds their keys.

	// AskKeys gate PoliteAsks and ReportedRequests inside a sentence.
	AskKeys []string
	// ReportKeys gate ReportedRequests and ValuesPrayers.
	ReportKeys []string
	// GiftKeys gate GiftPhrases and the gift nouns.
	GiftKeys []string
	// VisitKeys gate VisitOffers.
	VisitKeys []string
	// GratitudeStems gate the gratitude patterns within the first
	// sentence's opening bytes.
	GratitudeStems []string
}

// All returns every language, in the order the extractor joins their
// alternatives: the most common languages first, so that the commonest
// alternatives are tried first. A new language is added here and in its
// own file.
func All() []Language {
	return []Language{
		english(), spanish(), portuguese(), french(), german(),
		swahili(), indonesian(), dutch(), italian(), tagalog(), korean(),
	}
}
