package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The wording that makes a sentence a request for prayer or a
// thanksgiving, and the wording of greetings, sign-offs, appeals and
// notices, is built from the language tables in vocab.go (askPrefix,
// prayerStart, praiseStart, gratitudeStart, closingStart, …). Those
// patterns are matched against folded text (lower case, no accents) at
// the start of a sentence, after askPrefix has taken away the polite
// framing ("Please", "Would you", "We would also ask you to"). Go's regexp
// is linear in its input, so none of them can be made to backtrack. The
// patterns below do not depend on a language.
var (
	// eventTime is a clock time, which event notices carry.
	eventTime = regexp.MustCompile(`\b\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}h\b`)
	// leaders are the dots that join a line's parts in an order of
	// worship or a table of contents ("Prelude ........ Organ").
	leaders = regexp.MustCompile(`\.{5,}|(?:\. ){4,}\.|…{2,}`)
	// verseRef is a Bible reference closing a quotation ("(Philippians
	// 4:6)", "— John 3:16").
	verseRef = regexp.MustCompile(`(?:^|[\s(—–-])(?:[1-3] ?)?\p{Lu}\p{L}+\.? \d{1,3}:\d{1,3}(?:[-–]\d{1,3})?(?:,? ?(?:NIV|ESV|KJV|NLT|NKJV|RVR1960|NVI))?\)?\.?$`)
	// feedFooter is the line WordPress adds to every feed item.
	feedFooter = regexp.MustCompile(`^the post .{1,300} appeared first on `)
)

// sentenceStarts returns the byte offsets at which the sentences of s begin.
func sentenceStarts(s string) []int {
	starts := []int{0}
	for at := nextSentence(s, 0); at >= 0; at = nextSentence(s, at) {
		starts = append(starts, at)
	}
	return starts
}

// nextSentence is the byte offset of the sentence of s after the one at
// from, or -1 if it is the last.
func nextSentence(s string, from int) int {
	for i := from; i < len(s); i++ {
		switch s[i] {
		case '.', '!', '?', ';':
		default:
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte(".!?\"')]”’»", s[j]) >= 0 {
			j++
		}
		// Multi-byte closing quotes and ellipses.
		for strings.HasPrefix(s[j:], "”") || strings.HasPrefix(s[j:], "’") || strings.HasPrefix(s[j:], "»") || strings.HasPrefix(s[j:], "…") {
			j += 3
		}
		if j < len(s) && s[j] == ' ' {
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if j < len(s) {
				return j
			}
		}
		i = j - 1
	}
	return -1
}

// trimSentenceStart drops opening quotes and brackets.
func trimSentenceStart(s string) string {
	return strings.TrimLeft(s, "\"'(“‘«„‚¡¿.… ")
}

// startKind reads one sentence (folded): the kind of request it opens with.
func startKind(s string) kinds {
	s = trimSentenceStart(s)
	k := openingKind(s)
	if n := topicLabel(s); k == kindNone && n > 0 {
		k = openingKind(s[n:])
	}
	if k != kindNone || !strings.Contains(s[:min(len(s), maxTopicLabel)], ":") {
		return k
	}
	if loc := readingRef.FindStringIndex(s); loc != nil {
		// A calendar's reading before the day's request ("Psalm 19:1-3
		// Pray that …").
		k = openingKind(s[loc[1]:])
	}
	return k
}

// readingRef is a Bible reference that opens a calendar entry (folded):
// "psalm 19:1-3 ", "1 cor. 13:4 ", "4:1-16 ".
var readingRef = regexp.MustCompile(`^(?:(?:[1-3] ?)?\pL+\.? )?\d{1,3}:\d{1,3}(?:[-–]\d{1,3})?,? `)

// openingKind reads the opening words of one sentence (folded, quotes
// trimmed), after any polite framing.
func openingKind(s string) kinds {
	for range maxAskPrefixes {
		loc := askPrefix.FindStringIndex(s)
		if loc == nil || loc[1] == 0 {
			break
		}
		s = s[loc[1]:]
	}
	switch {
	case prayerStart.MatchString(s):
		if poolReminder.MatchString(sentence(s)) {
			return kindNone
		}
		return kindPrayer
	case praiseStart.MatchString(s):
		if praiseForReaders.MatchString(sentence(s)) {
			return kindNone
		}
		return kindPraise
	}
	if gratitude(s) {
		return kindPraise
	}
	if reported(s) {
		return kindPrayer
	}
	return kindNone
}

// topicLabel measures a short label that names what a paragraph is about
// before its words ("South Sudan: Praise God that …", "Pakistan: Pray
// for …"), as prayer bulletins set their entries: a few words, a colon
// and a space. It returns 0 when s starts with none.
func topicLabel(s string) int {
	i := strings.Index(s[:min(len(s), maxTopicLabel)], ": ")
	if i <= 0 || strings.ContainsAny(s[:i], ".!?;:,()") || len(strings.Fields(s[:i])) > maxTopicWords {
		return 0
	}
	return i + 2
}

// reported reports a sentence (folded) that passes on someone's request
// for prayer; looking for the word first keeps the pattern off most
// sentences.
func reported(s string) bool {
	h := sentence(s)
	if !containsAny(h, reportKeys) {
		return false
	}
	if strings.Contains(h, "'d ") || strings.Contains(h, "would ") {
		if valuesPrayers.MatchString(h) {
			return true
		}
	}
	return reportedRequest.MatchString(h)
}

// sentence is the first sentence of s.
func sentence(s string) string {
	s = head(s)
	if i := strings.IndexAny(s, ".!?;"); i >= 0 {
		return s[:i+1]
	}
	return s
}

// gratitude reports a sentence (folded) that is thankful for something
// other than the readers.
func gratitude(s string) bool {
	loc := gratitudeIndex(s)
	return loc != nil && !readerThanks.MatchString(s[loc[1]:])
}

// thanksReaders reports a sentence (folded) that is thankful for the
// readers ("We are so grateful for your support"): a sign-off.
func thanksReaders(s string) bool {
	loc := gratitudeIndex(s)
	return loc != nil && readerThanks.MatchString(s[loc[1]:])
}

// gratitudeIndex locates gratitudeStart in s, looking for its stems first.
func gratitudeIndex(s string) []int {
	h := s[:min(len(s), openingReach)]
	found := false
	for _, stem := range gratitudeStems {
		if strings.Contains(h, stem) {
			found = true
			break
		}
	}
	if !found {
		return nil
	}
	return gratitudeStart.FindStringIndex(s)
}

// ownKind is the kind the first sentence of a point asks for by its own
// wording ("Give thanks that ..." under a prayer heading is praise).
func ownKind(text string) kinds {
	f := folded(head(text))
	if k := startKind(f); k != kindNone {
		return k
	}
	return endKind(sentence(f))
}

// requestKind is the kind of the first sentence of text that asks for
// prayer or gives thanks, or none: the test for a paragraph that stands on
// its own with no label or heading.
//
// A request can also come later in a sentence, as a clause of its own
// ("It has been a hard month, and I'd value your prayers"), when it is
// addressed to the reader; and a paragraph of news that ends by crying
// out its thanks to God ("… found work in the city. Thank God!") gives
// thanks for that news.
func requestKind(text string) kinds {
	f := folded(text)
	starts := sentenceStarts(f)
	found := kindNone
	for n, i := range starts {
		s := sentenceAt(f, i)
		if exclamation(s) {
			if n > 0 && n == len(starts)-1 && praiseCry(s) && newsOpens(f) && found == kindNone {
				return kindPraise
			}
			continue
		}
		if quotedSpeech(f[i:]) {
			continue
		}
		k := startKind(f[i:])
		if k == kindNone {
			k = endKind(s)
		}
		if k == kindNone {
			k = clauseKind(s)
		}
		switch {
		case k == kindPraise && found == kindNone:
			// Thanks first: a request after it still makes the
			// paragraph a prayer point ("Give thanks that … Pray that …").
			found = kindPraise
		case k != kindNone && k != kindPraise:
			return k
		}
	}
	return found
}

// clauseKind reads the clauses after the first in a sentence (folded): a
// clause that asks the reader ("please …", "would you …", "I'd value your
// prayers") gives its kind. A sentence that signs off ("Thanks again,
// and keep praying!") asks nothing.
func clauseKind(s string) kinds {
	if !containsAny(s, askKeys) {
		return kindNone
	}
	t := trimSentenceStart(s)
	if closingStart.MatchString(t) || blessingStart.MatchString(t) {
		return kindNone
	}
	locs := clauseBreak.FindAllStringIndex(s, maxClauses)
	for _, loc := range locs {
		c := s[loc[1]:]
		if reported(c) {
			return kindPrayer
		}
		if !politeAsk.MatchString(c) {
			continue
		}
		if k := startKind(c); k != kindNone {
			return k
		}
	}
	return kindNone
}

// newsOpens reports text (folded) whose first sentence tells something:
// not a cry, a greeting or a thank-you to the readers.
func newsOpens(f string) bool {
	first := sentence(f)
	t := trimSentenceStart(first)
	return !exclamation(first) && !greetingStart.MatchString(t) && !closingStart.MatchString(t) && !thanksReaders(t)
}

// praiseCry reports an exclamation (folded) that thanks or praises God,
// rather than only crying "Amen!".
func praiseCry(s string) bool {
	s = trimSentenceStart(s)
	return praiseStart.MatchString(s) || interjection.MatchString(s) && !strings.HasPrefix(s, "amen")
}

// exclamation reports a sentence (folded) that only cries out to God
// ("Praise the Lord!", "Hallelujah!", "Gloire à Dieu !", "Praise God
// anyway – ..."): a few words of praise that say nothing to pray or give
// thanks for. The cry ends at its exclamation mark or at a dash.
func exclamation(s string) bool {
	s = trimSentenceStart(s)
	cry := s
	if i := strings.IndexAny(s, "!-–—"); i >= 0 {
		if s[i] != '!' && (i == 0 || s[i-1] != ' ') {
			return false
		}
		cry = s[:i]
	} else if !strings.HasSuffix(strings.TrimRightFunc(s, func(r rune) bool { return isSpace(r) || isSymbol(r) }), "!") {
		return false
	}
	ws := words(cry)
	if len(ws) == 0 || len(ws) > maxCryWords {
		return false
	}
	for _, w := range ws {
		if tailWords[w] || headingTail[w] {
			return false
		}
	}
	return praiseStart.MatchString(cry) || interjection.MatchString(cry)
}

// onlyExclamations reports text whose every sentence is an exclamation
// ("Hallelujah! Praise the Lord!").
func onlyExclamations(text string) bool {
	f := folded(text)
	for _, i := range sentenceStarts(f) {
		if s := sentenceAt(f, i); !exclamation(s) && hasWord(s) {
			return false
		}
	}
	return true
}

// sentenceAt is the sentence of s that starts at byte i.
func sentenceAt(s string, i int) string {
	if j := nextSentence(s, i); j >= 0 {
		return s[i:j]
	}
	return s[i:]
}

// cries reports a heading that ends in an exclamation mark.
func cries(text string) bool {
	return strings.HasSuffix(strings.TrimRightFunc(text, func(r rune) bool { return isSpace(r) || isSymbol(r) }), "!")
}

// quotedSpeech reports a sentence (folded) that quotes someone's words
// with a reporting verb ("“We are thankful,” she said."): a report of what
// was said, not the writer's own request or thanksgiving.
func quotedSpeech(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("\"“„«", r) {
		return false
	}
	end := strings.IndexAny(s[size:min(len(s), quoteReach)], "\"”»")
	if end < 0 {
		return false
	}
	after := s[size+end:]
	_, n := utf8.DecodeRuneInString(after)
	return speechTag.MatchString(after[n:])
}

// isClosing reports a sign-off or a thank-you to the readers that asks for
// nothing.
func isClosing(text string) bool {
	f := trimSentenceStart(folded(head(text)))
	if blessingStart.MatchString(f) {
		return requestKind(text) == kindNone
	}
	if !(closingStart.MatchString(f) || thanksReaders(f)) || praiseStart.MatchString(f) {
		return false
	}
	return requestKind(text) == kindNone
}

// head is the start of text, enough for the patterns anchored at its
// start, cut at a character boundary.
func head(text string) string {
	const n = headBytes
	if len(text) <= n {
		return text
	}
	i := n
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return text[:i]
}

// tail is the end of text, for the patterns anchored at its end.
func tail(text string) string {
	const n = tailBytes
	if len(text) <= n {
		return text
	}
	i := len(text) - n
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	return text[i:]
}

// isVerse reports a quoted verse: words in quotation marks, or followed by
// a Bible reference. A verse quoted in an update is not a point.
func isVerse(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" {
		return false
	}
	quoted := strings.ContainsRune("\"“«„", []rune(t)[0])
	if m := closingRef(t); m != "" && (quoted || strings.ContainsAny(m, "(—–-")) {
		// A prayer guide's request may end with the verse it rests on
		// ("Pray for boldness as we teach. (Ephesians 6:19)"): a verse
		// is a few words, or asks nothing.
		return quoted || !guideRequest(t[:len(t)-len(m)])
	}
	if !quoted {
		return false
	}
	last := t[strings.LastIndexAny(t, "\"”»“")+1:]
	if len(strings.Fields(last)) > 1 {
		return false
	}
	// A long quotation that asks or thanks is a partner's own words,
	// quoted by a prayer calendar ("„… Betet, dass …“"), not a verse.
	return len(strings.Fields(t)) <= maxVerseWords || requestKind(t) == kindNone
}

// closingRef is the Bible reference that ends t, or "". A reference holds
// "chapter:verse": most blocks have no colon near their end, and the
// pattern is costly.
func closingRef(t string) string {
	tt := tail(t)
	if strings.IndexByte(tt, ':') < 0 {
		return ""
	}
	return verseRef.FindString(tt)
}

// guideRequest reports the words before a closing Bible reference that
// make a request or a thanksgiving of their own: more than a verse's few
// words, opening with one.
func guideRequest(t string) bool {
	return len(strings.Fields(t)) > maxVerseAskWords && startKind(folded(head(t))) != kindNone
}

// pleadsForPrayer reports a message that says please and ends with folded
// hands ("Also for my mum's heart tests on Friday please 🙏"), as people
// ask for prayer in chats without the word.
func pleadsForPrayer(text string) bool {
	t := strings.TrimRightFunc(text, func(r rune) bool { return isSpace(r) || isSymbol(r) && r != '🙏' })
	if !strings.HasSuffix(t, "🙏") {
		return false
	}
	return pleaWord.MatchString(folded(text)) && !isNotice(text)
}

// isGreeting reports a paragraph that opens with a letter's greeting.
func isGreeting(text string) bool {
	return greetingStart.MatchString(trimSentenceStart(folded(head(text))))
}

// isAppeal reports an appeal to give, sign up or share, or a feed footer.
func isAppeal(text string) bool {
	f := trimSentenceStart(folded(head(text)))
	if appealStart.MatchString(f) || feedFooter.MatchString(f) {
		return true
	}
	first := sentence(f)
	return containsAny(first, giftKeys) && giftAppeal.MatchString(first)
}

// isNotice reports a block that is not a point whatever section it is in,
// unless its own words ask for prayer or give thanks: an appeal, an event,
// or a notice under a label of its own ("Agenda:", "Termine:").
func isNotice(text string) bool {
	if notPoint(text) {
		return true
	}
	return (isAppeal(text) || isEvent(text) || noticeLabel(text) || isAddress(text)) && requestKind(text) == kindNone
}

// notPoint reports a block that is never a point, even when it speaks of
// prayer: site chrome, a dated invitation to a meeting, an offer to pray
// for the readers, or an order of worship set with leaders.
func notPoint(text string) bool {
	return isChrome(text) || scheduled(text) || leaders.MatchString(text) || offersPrayer(text)
}

// isChrome reports a copyright line or a share or follow widget, in any
// language: site chrome, never a point, whatever it goes on to say.
func isChrome(text string) bool {
	// The patterns are folded, so the folded text is the one to read.
	f := folded(text)
	return chromeShare.MatchString(f) || containsAny(f, chromeKeys) && chromeLine.MatchString(f) ||
		len(text) <= maxFurnitureLine && furnitureFolded(f) || len(f) <= maxLinkLine && linkCall.MatchString(tail(f)) || aside(text)
}

// aside reports a paragraph wholly in brackets: a note on the source or
// an editor's remark ("(Adapted from …)"), not the partner's point.
func aside(text string) bool {
	t := strings.TrimFunc(text, isSpace)
	return strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") && strings.Count(t, "(") == 1
}

// furniture reports a line that is only a site's furniture ("Printer-
// friendly version", "Read more", "223 subscribers") or the head of the
// readers' comments.
func furniture(line string) bool {
	return len(line) <= maxFurnitureLine && furnitureFolded(folded(line))
}

// furnitureFolded is furniture for a line already folded.
func furnitureFolded(f string) bool {
	f = strings.TrimFunc(f, furnitureTrim)
	return chromeWhole.MatchString(f) || chromeEnd.MatchString(f) || commentHead.MatchString(f)
}

// commentsStart reports the head of the readers' comments under a post.
func commentsStart(line string) bool {
	return len(line) <= maxFurnitureLine && commentHead.MatchString(strings.TrimFunc(folded(line), furnitureTrim))
}

// furnitureTrim reports the symbols, bullets and punctuation a site puts
// around its buttons ("» Read more", "[Print]").
func furnitureTrim(r rune) bool {
	return isSpace(r) || isSymbol(r) || unicode.IsPunct(r) && r != '\''
}

// isAddress reports a contact line: a street address among parts set
// apart by middle dots or bars ("Church · 12 Main St · Town").
func isAddress(text string) bool {
	if strings.Count(text, "·")+strings.Count(text, " | ") < 2 {
		return false
	}
	return addressLine.MatchString(folded(text))
}

// scheduled reports an event notice that opens with when it is: a
// sentence with a day and a clock time and no request of its own,
// followed by an invitation ("Every Wednesday, 6:30 pm, in the Chapel.
// Join us as we pray for our city."). Its prayer is what the meeting
// will do, not a point.
func scheduled(text string) bool {
	first := folded(sentence(text))
	if !eventTime.MatchString(first) || !eventDay.MatchString(first) || startKind(first) != kindNone {
		return false
	}
	return eventWord.MatchString(folded(text))
}

// offersPrayer reports an offer to pray for the readers.
func offersPrayer(text string) bool {
	f := folded(text)
	return strings.Contains(f, "pray") && strings.Contains(f, " you") && prayerOffer.MatchString(f) ||
		strings.Contains(f, "request") && prayerOffer.MatchString(f)
}

// isEvent reports an event notice: a clock time beside an invitation, or
// an offer to visit.
func isEvent(text string) bool {
	f := folded(text)
	return eventTime.MatchString(f) && eventWord.MatchString(f) || offersVisit(f)
}

// offersVisit reports text (folded) that offers a visit.
func offersVisit(f string) bool {
	return containsAny(f, visitKeys) && visitOffer.MatchString(f)
}

// containsAny reports whether s holds one of subs.
func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// mentionKind is the kinds text speaks of anywhere, for lead-ins.
func mentionKind(text string) kinds {
	f := folded(text)
	var k kinds
	if prayerMention.MatchString(f) {
		k |= kindPrayer
	}
	if praiseMention.MatchString(f) {
		k |= kindPraise
	}
	return k
}

// lastSentence is the final sentence of text.
func lastSentence(text string) string {
	starts := sentenceStarts(text)
	return text[starts[len(starts)-1]:]
}

// endsWithColon reports text that announces what follows.
func endsWithColon(text string) bool {
	t := strings.TrimRight(text, " \"'”’)")
	return strings.HasSuffix(t, ":")
}

// leadInKind reports whether text introduces the points after it ("Would
// you pray with us for:", "Here is how you can pray this month.") and the
// kinds it speaks of.
func leadInKind(text string) (kinds, bool) {
	if endsWithColon(text) {
		last := lastSentence(text)
		if k := mentionKind(last); k != kindNone {
			return k, true
		}
		// "Sigamos orando:" asks, in words no stem names.
		return requestKind(last), true
	}
	f := trimSentenceStart(folded(text))
	if leadInStart.MatchString(f) && len(strings.Fields(f)) <= maxLeadInWords {
		if k := mentionKind(text); k != kindNone {
			return k, true
		}
	}
	if asksToJoin(text) {
		return mentionKind(text), true
	}
	return kindNone, false
}

// asksToJoin reports a short question that invites the readers to pray
// or give thanks ("¿Quieres orar por su ministerio?", "Will you pray
// with us?"): like a colon, it introduces the points after it.
func asksToJoin(text string) bool {
	t := strings.TrimRightFunc(text, isSpace)
	return strings.HasSuffix(t, "?") && len(strings.Fields(t)) <= maxColonLeadInWords &&
		len(sentenceStarts(t)) == 1 && mentionKind(t) != kindNone
}

// pick decides the kind of a point under a heading or lead-in of kinds k:
// its own wording first, then the heading; under a mixed heading, a point
// that only speaks of thanks is praise.
func pick(text string, k kinds) kinds {
	if own := ownKind(text); own != kindNone {
		return own
	}
	if k != kindMixed {
		return k
	}
	if m := mentionKind(text); m == kindPraise {
		return kindPraise
	}
	return kindPrayer
}

// rosterLine reports a line that only says who a partner is ("Peter &
// Anna Vos, teachers at a school, Kandern, Germany"): names first, then
// places and titles after commas, no sentence and no word of prayer or thanks. It names
// whom the points after it are about and is not a point itself.
func rosterLine(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || strings.ContainsAny(t[len(t)-1:], ".!?;:") || len(strings.Fields(t)) > maxRosterWords {
		return false
	}
	i := strings.IndexByte(t, ',')
	if i <= 0 {
		return false
	}
	caps := 0
	for _, w := range strings.Fields(t[:i]) {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case nameJoins[strings.ToLower(w)]:
		case unicode.IsUpper(r):
			caps++
		default:
			return false
		}
	}
	return caps >= 2 && requestKind(t) == kindNone && mentionKind(t) == kindNone
}
