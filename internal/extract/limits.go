package extract

// The sizes the label, heading and sentence readers work within. Each is a
// judgement about how people write, kept in one place so that a change to
// one is a visible decision, not an edit buried in a function.
const (
	// maxHeadingWords is the longest heading, or language half of one,
	// that can name a kind: "Prayer requests for the Okafor family this
	// month" fits; a sentence set in bold does not.
	maxHeadingWords = 12
	// maxHeadingHalfWords is the longest half of a heading written in two
	// languages ("Pray with us · Oremos juntos"): each half is a short
	// phrase, so a longer part means the separator is not joining halves.
	maxHeadingHalfWords = 6
	// maxSectionStartWords is the longest heading written as the start of
	// a request ("Damos gracias a Dios por"), past which it is a sentence.
	maxSectionStartWords = 8
	// maxOwnerWords is how many words of a name may stand before a kind
	// phrase in a heading ("Lin family prayer requests").
	maxOwnerWords = 3
	// maxLabelWords is the longest label before a colon ("Motivos de
	// oración:", "Termine:"); anything longer is a sentence with a colon.
	maxLabelWords = 5
	// maxThanksLabelWords is the longest bare thank-you label ("Thanks:",
	// "Terima kasih:").
	maxThanksLabelWords = 2
	// maxNoticeHeadingWords is the longest heading that names notices
	// ("Key dates", "Announcements").
	maxNoticeHeadingWords = 4
	// maxCryWords is the longest exclamation that only cries out to God
	// ("Praise the Lord!"); a longer one says what for.
	maxCryWords = 4
	// maxLeadInWords is the longest sentence that can introduce the
	// points after it ("Here are five ways to pray this month").
	maxLeadInWords = 30
	// maxColonLeadInWords is the longest a lead-in ending in a colon
	// usually runs: a request longer than this, followed by another
	// request, is a point in its own right (askingBeforeAsk).
	maxColonLeadInWords = 12
	// minRun is the fewest inline day labels that make a paragraph a run
	// of calendar entries; a single day named mid-paragraph is only a
	// date.
	minRun = 2
	// maxFurnitureLine is the longest line (bytes) read as a site's
	// furniture or a comments heading: buttons and links are short, and
	// the patterns stay off the lines of a paragraph.
	maxFurnitureLine = 80
	// maxTopicLabel (bytes) and maxTopicWords bound the label that names
	// a bulletin entry's topic before a colon ("South Sudan: …").
	maxTopicLabel = 40
	maxTopicWords = 4
	// maxWrapWidth (runes) is the widest line a mail program, an editor or
	// a PDF's text wraps at; a longer line is a paragraph of its own.
	maxWrapWidth = 120
	// maxDayWordBytes is the longest first word of a day label
	// ("donnerstag", "miercoles" with its accent).
	maxDayWordBytes = 16
	// maxVerseWords is the longest quotation always read as a verse or a
	// motto ("« Priez sans cesse. »"); a longer one that asks for prayer
	// is a partner's words quoted.
	maxVerseWords = 20
	// maxVerseAskWords is the longest request read as a verse when a Bible
	// reference closes it ("Pray without ceasing. (1 Thess 5:17)"); a
	// longer one is a prayer guide's request citing its verse.
	maxVerseAskWords = 5
	// maxTitleWords is the longest line read as a title-case heading, and
	// minTitleWord the shortest word that must be capitalized in one
	// (shorter ones are articles and prepositions).
	maxTitleWords = 8
	minTitleWord  = 5
	// minLabelledWords is the fewest words after a label that make its
	// line a point going on in the lines under it; fewer, and the line
	// is a heading ("Prayer – Algeria").
	minLabelledWords = 3
	// maxLinkLine (bytes) bounds the line read as a link to elsewhere
	// ("… lesen Sie hier"): a teaser's length, not an article's.
	maxLinkLine = 200
	// minNumberedLines is the fewest lines counting up one by one ("1 …",
	// "2 …", "3 …") read as a numbered list whose dots were lost.
	minNumberedLines = 3
	// topicLevel is the heading level given to a numbered topic's title
	// ("1- La rentrée scolaire"): below any heading the page set.
	topicLevel = 4
	// maxBackground is how many blocks before a list a paragraph may
	// stand and still be the list's background rather than points.
	maxBackground = 3
	// maxRosterWords is the longest line that only says who a partner is.
	maxRosterWords = 20
	// maxAskPrefixes is how many polite framings may stack before a
	// request ("Please, would you also ...").
	maxAskPrefixes = 4
	// maxClauses is how many clauses of a sentence are read for a request
	// made later in it.
	maxClauses = 8

	// labelReach is how far into a block (bytes) its label's separator
	// may be: a label is a few words, not a line.
	labelReach = 60
	// bracketLabelReach is how far (bytes) the closing bracket of a
	// bracketed label ("[Prayer]") may be.
	bracketLabelReach = 48
	// noticeLabelReach is how far (bytes) the colon of a notice's label
	// ("Agenda:") may be.
	noticeLabelReach = 40
	// openingReach is how many bytes of a sentence's start are read for a
	// partner's marker, what a thank-you thanks, or the word that makes a
	// sentence grateful: the opening words, cut before the rest is copied.
	openingReach = 80
	// headBytes is how much of a block the patterns anchored at its start
	// read: several sentences, enough for the longest opening pattern.
	headBytes = 400
	// tailBytes is how much of a block's end is read for a closing Bible
	// reference.
	tailBytes = 120
	// quoteReach is how far (bytes) the closing mark of a quotation is
	// looked for.
	quoteReach = 600
)
