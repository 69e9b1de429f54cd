package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The wording that makes a sentence a request for prayer or a thanksgiving.
// Patterns are matched against folded text (lower case, no accents) at the
// start of a sentence, after askPrefix has taken away the polite framing
// ("Please", "Would you", "We would also ask you to"). Go's regexp is
// linear in its input, so none of these can be made to backtrack.
var (
	askPrefix = regexp.MustCompile(`^(?:(?:please|pls|do|also|and|so|now|but|especially|finally|lastly|today|again|kindly|continue to|keep on|por favor|favor|tambien|y|e|et|und|auch|bitte|tafadhali|pia|mohon|tolong|juga|dan|merci de|s'il vous plait|sigan|continuem a|continuez a|vamos|marilah kita|marilah|mari kita|mari|lasst uns|na|alsjeblieft|ook|en|wilt u|wil je|per favore|anche|vi chiediamo di|continuate a|paki|pakisama)[ ,]+` +
		`|(?:would|could|can|will) you(?: please| also| kindly)*(?: join (?:us|me)(?: in| and| to)?)? ` +
		`|(?:we|i)(?: would|'d| will)?(?: also| really| humbly| kindly| especially)*(?: like to| love for you to| love you to| want to)? (?:ask|invite|urge|encourage|request)(?: you| everyone| all of you| all)?(?: to| that you)? ` +
		`|join (?:us|me) (?:in|as we|to) ` +
		`|(?:keep|continue|be) (?:on )?` +
		`)`)
	prayerStart = regexp.MustCompile(`^(?:pray\b|praying (?:for|that|with|about)\b|ask (?:god|the lord|jesus|him)\b|intercede\b|(?:lift|uphold|hold|remember|cover|carry|surround|keep)(?: up)?(?: \S+){1,6}? (?:up )?in (?:your |our |their )?prayers?\b|ask (?:\S+ ){1,6}?to pray\b` +
		`|oren\b|oremos\b|orad\b|pidan\b|pidamos\b|intercedan\b|clamemos\b` +
		`|orem\b|ore (?:por|pel[oa]s?|para|a|com|que|conosco)\b|intercedam\b|pecam\b` +
		`|priez\b|prions\b|prier pour\b|intercedez\b|demandez au seigneur\b` +
		`|betet\b|beten (?:wir|sie)\b|bittet gott\b|uns beten\b|beten\b` +
		`|ombeni\b|tuombe\b|tuombee\b|niombee\b|muombee\b|waombee\b|tumuombe\b` +
		`|doakan(?:lah)?\b|mendoakan\b|berdoa(?:lah)? (?:untuk|agar|supaya|bagi)\b|berdoa\b|dukungan doa\b|doa (?:untuk|agar|bagi)\b` +
		`|bid (?:voor|dat|om|ook|mee|met|alstublieft)\b|bidt (?:voor|dat|om|mee)\b|(?:mee)?bidden (?:voor|dat|om)\b|laten we bidden\b|wilt u (?:mee)?bidden\b` +
		`|pregate\b|preghiamo (?:per|perche|che|il|affinche)\b|pregare per\b|intercedete\b` +
		`|ipanalangin\b|ipagdasal\b|ipagpanalangin\b|manalangin tayo\b)`)
	praiseStart = regexp.MustCompile(`^(?:praise (?:god|the lord|him|jesus|be)\b|praise (?:for|that)\b|thank (?:god|the lord|jesus|him)\b|thank you,? (?:god|lord|jesus|father)\b|thanks (?:be )?to (?:god|the lord|jesus)\b` +
		`|give thanks\b|giving thanks\b|(?:we|i) (?:also )?(?:thank|praise|bless) (?:god|the lord|jesus|him)\b|(?:we|i) give thanks\b` +
		`|(?:we|i) (?:also )?rejoice\b|rejoice\b|(?:thanking|praising) (?:god|the lord|him)\b|celebrate with us\b` +
		`|(?:we are|we're|i am|i'm) (?:so |very |really |deeply )?(?:thankful|grateful) (?:to (?:god|the lord)|that god|for god)\b` +
		`|(?:god|the lord) (?:has )?answered\b|hallelujah\b|alleluia\b|praise report\b` +
		`|(?:damos|demos|doy) gracias\b|gracias,? (?:a |al )?(?:senor|dios|jesus|padre)\b|obrigad[oa],? (?:a |ao )?(?:senhor|deus|jesus|pai)\b|terima kasih,? tuhan\b|gracias a dios\b|alabamos\b|alabemos\b|alaben\b|alabado sea\b|agradecemos a(?:l)? (?:dios|senor)\b|agradezcan\b|gloria a dios\b|bendito sea\b` +
		`|louvamos\b|louvemos\b|louvem\b|louvado seja\b|(?:damos|demos) gracas\b|gracas a deus\b|agradecemos a(?:o)? (?:deus|senhor)\b|agradecam\b|gloria a deus\b` +
		`|rendons grace|(?:nous )?rendons grace|rendez grace|merci (?:au seigneur|a dieu|seigneur|mon dieu)\b|louons\b|louez\b|dieu merci\b|nous remercions (?:dieu|le seigneur)\b|remercions (?:dieu|le seigneur)\b|gloire a dieu\b` +
		`|(?:wir )?danken (?:gott|dem herrn|jesus)\b|dankt (?:gott|mit uns|dem herrn)\b|gott sei dank\b|lobt (?:gott|den herrn)\b|(?:wir )?loben (?:gott|den herrn)\b|dank sei gott\b|danke,? (?:herr|jesus|gott)\b` +
		`|tunamshukuru\b|tumshukuru\b|mshukuruni\b|mshukuru\b|asante (?:mungu|yesu|bwana)\b|bwana asifiwe\b|mungu asifiwe\b|sifa (?:kwa|ziwe kwa) (?:mungu|bwana)\b` +
		`|puji tuhan\b|syukur (?:kepada|pada|bagi) tuhan\b|(?:kami )?bersyukur\b|terpujilah\b|haleluya\b|ucapan syukur\b` +
		`|dank (?:god|de heer|hem|dat|voor)\b|(?:we|wij|ik) danken (?:god|de heer|hem)\b|danken (?:god|de heer)\b|god zij dank\b|(?:loof|prijs|looft|prijst) (?:god|de heer|hem)\b` +
		`|ringraziamo\b|ringraziate\b|lodiamo\b|lodate\b|grazie a dio\b|rendiamo grazie\b|sia lodato\b|gloria a dio\b|(?:diamo|rendete) grazie\b` +
		`|salamat sa (?:diyos|panginoon)\b|purihin (?:ang|natin ang) (?:diyos|panginoon)\b)`)
	// reportedRequest passes on someone's request for prayer ("Alex asked
	// for prayer for ...", "Maria pidió oración por ...").
	reportedRequest = regexp.MustCompile(`^(?:\S+ ){1,6}(?:has |have |had )?(?:asked|asks|requested|requests|would (?:appreciate|love|value)|covets?|needs?) (?:for |us for |your |our )?(?:prayers?|intercession)\b` +
		`|^(?:\S+ ){1,4}(?:pidio|pide|piden|pidieron|pediu|pede|pedem|pediram) (?:oracion|oraciones|oracao|oracoes)\b` +
		`|^(?:\S+ ){1,4}(?:bittet|bitten|bat|baten) (?:euch |sie |uns )?(?:um|fur) (?:gebet|eure gebete|furbitte)\b` +
		`|^(?:\S+ ){1,4}(?:demande|demandent|a demande|ont demande|sollicite) (?:la |vos |nos |votre )?(?:prieres?|intercession)\b`)
	// valuesPrayers is the writers' own wish for the readers' prayers ("I'd
	// value your prayers", "we would really appreciate prayer").
	valuesPrayers = regexp.MustCompile(`^(?:\S+ ){0,5}\S+(?:'d| would)(?: really| so| greatly| truly| very much)? (?:appreciate|love|value|welcome) (?:your |any |all your |our )?(?:prayers?|intercession)\b`)
	// praiseForReaders thanks God for the readers themselves ("We praise
	// God for faithful givers like you"): a receipt's or a letter's
	// courtesy, not a thanksgiving to share.
	praiseForReaders = regexp.MustCompile(`^(?:(?:we|i) )?(?:also )?(?:praise|thank|bless|give thanks to) (?:god|the lord|jesus|him) (?:for|because of) [^.!?;]*\b(?:you|your|yours)\b` +
		`|^(?:damos|demos|doy) gracias a (?:dios|senor) por [^.!?;]*\b(?:ustedes|usted|su|sus|vosotros|ti)\b` +
		`|^(?:nous )?(?:rendons grace|remercions (?:dieu|le seigneur)) (?:a dieu )?pour [^.!?;]*\b(?:vous|votre|vos)\b`)
	// poolReminder asks a church to pray for a partner in its groups or
	// homes ("Please pray for the Lims in your small groups"): a reminder
	// to pray, not a point of its own.
	poolReminder = regexp.MustCompile(`^pray for (?:\S+ ){1,4}?(?:(?:this|next|each|every) (?:week|month|sunday|day) |regularly |daily |often |by name )*` +
		`(?:in your (?:small |home |life |house |cell )?(?:groups?|homes?|famil(?:y|ies)|devotions|quiet times?|prayers)|as a (?:church|family|congregation)|at home|with your (?:family|group|children))` +
		`(?: (?:this|next|each|every) (?:week|month|sunday|day)| regularly| daily)?[.!]?$`)
	// gratitudeStart is a sentence that says the writers are thankful for
	// something ("We are so thankful that ...", "Estamos muy agradecidos
	// porque ...", "Wir sind dankbar, dass ..."): praise, unless what they
	// are thankful for is the readers (readerThanks).
	gratitudeStart = regexp.MustCompile(`^(?:(?:we|i)(?: are|'re| am|'m| feel| remain| were| was)? |(?:estamos|estoy|nos sentimos|me siento|quedamos) |(?:estamos|somos|sou|estou|ficamos) |(?:nous sommes|je suis|nous restons) |(?:wir sind|ich bin) |(?:kami|saya) |(?:we zijn|wij zijn|ik ben) |(?:siamo|sono) )?` +
		`(?:(?:so|very|really|deeply|truly|incredibly|especially|also|just|most|muy|tan|sumamente|profundamente|realmente|tambien|muito|tao|si|tellement|tres|vraiment|profondement|aussi|sehr|wirklich|zutiefst|unendlich|auch|einfach|sangat|begitu|sungguh|juga|erg|heel|zo|ontzettend|echt|ook|molto|davvero|tanto|anche|profondamente),? )*` +
		`(?:thankful|grateful|agradecid[oa]s?|grat[oa]s?|grat[ie]|riconoscenti|reconnaissante?s?|dankbar|bersyukur|berterima kasih)` +
		`(?: (?:to|a|al|ao|envers|kepada) (?:god|the lord|dios|deus|senor|senhor|dieu|seigneur|tuhan))?,? ` +
		`(?:that|for|because|como|que|de que|porque|por|pela|pelo|pelas|pelos|pour|de|d'|dass|fur|uber|dafur,? dass|karena|atas|untuk|bahwa|voor|dat|omdat|per|che|perche|di)\b` +
		`|^(?:tunashukuru|nashukuru|tunafurahi) (?:kwa|kwamba|sana|kuwa)\b`)
	// readerThanks is what follows the gratitude when it thanks the
	// readers: "for your prayers", "que vous ...", "kwa maombi yenu".
	readerThanks = regexp.MustCompile(`^ ?(?:(?:all |each and every one |each one |each |every one |everyone |so many |many )?(?:of )?(?:you|your|yours|everyone|everybody|all who|those who)\b` +
		`|(?:(?:il|la|le|i|gli|del|della|delle|dei|alla|alle|ai) )?(?:ustedes|su|sus|vosotros|vuestr[oa]s?|ti|tu|tus|voces|vos|seu|sua|seus|suas|vous|votre|vos|toi|ton|tes|euch|eure|euer|eurem|euren|ihnen|ihre|sie|dich|dein|deine|kalian|anda|saudara|jullie|uw|je|jouw|voi|vostr[oaie]|tutti voi|ninyo|inyo|inyong)\b` +
		`|\S+(?: \S+)? (?:yenu|wenu|zenu|lenu|kalian|anda)\b)`)
	// closingStart is a sign-off or a thank-you to the readers.
	closingStart = regexp.MustCompile(`^(?:(?:and |as always,? |once again,? |again,? |a big |a huge )?(?:thank you|thanks|many thanks|thank-you)\b` +
		`|with (?:love|gratitude|thanks|joy|much love|warm regards)\b|love,|love from\b|blessings\b|in him\b|in christ\b|grace and peace\b|yours\b|sincerely\b|warmly\b|cheers\b|god bless\b|until next time\b|in his (?:service|grace|love)\b|for his glory\b|warm regards\b|kind regards\b|regards\b` +
		`|(?:muchas )?gracias\b|con (?:carino|amor|gratitud)\b|un abrazo\b|bendiciones\b|(?:les|os|vos) agradecemos\b|obrigad[oa]s?\b|um abraco\b|com carinho\b|abracos\b` +
		`|merci\b|avec (?:toute )?(?:notre|nos|mon)\b|amities\b|fraternellement\b|vielen dank\b|danke\b|herzliche gruse|liebe gruse|gottes segen\b|asante\b|terima kasih\b|salam\b|salamat\b|p\.? ?s\.?\b|p\.? ?d\.?\b)`)
	// appealStart is an appeal to give, sign up or share.
	appealStart = regexp.MustCompile(`^(?:please )?(?:give (?:to|online|now|a gift|generously|at|through|today)|donate|support (?:the|our|us)|sponsor|subscribe|sign up|register|rsvp|share (?:this|our)|follow us|click|visit|download|learn more|read more|watch|listen|view (?:this|it|our)|mark your calendars?|save the date|to give\b|if you (?:would like|want|wish|are able) to (?:give|support|donate)|gifts? (?:for|can|may|to)|you can (?:give|donate|support))\b`)
	// greetingStart opens a letter's greeting ("Dear friends,", "Queridos
	// hermanos", "Wapendwa ndugu").
	greetingStart = regexp.MustCompile(`^(?:dear(?:est)?|hello|hi|greetings|beloved|queridos?|queridas?|estimados?|amados?|caros?|caras?|prezados?|prezadas?|chers?|cheres?|bien-aimes|liebe|lieber|hallo|wapendwa|salamu|saudara-saudara|saudara|shalom` +
		`|hola|ola|bonjour|bonsoir|salut|habari|selamat (?:pagi|siang|sore|malam)|magandang (?:umaga|hapon|gabi)|kumusta|mabuhay|ciao|cari|care|carissim[ie]|beste|lieve|geachte` +
		`|good (?:morning|afternoon|evening|day)|buen(?:os|as) (?:dias|tardes|noches)|bom dia|boa (?:tarde|noite)|guten (?:morgen|tag|abend)` +
		`|grace (?:and|et|y|e|und) (?:peace|paix|paz)|grace,? mercy and peace|gnade (?:und|sei mit))\b`)
	// blessingStart is a blessing that signs off a letter ("God bless
	// you", "Mungu awabariki", "Que le Dieu de paix vous bénisse").
	blessingStart = regexp.MustCompile(`^(?:(?:may )?(?:god|the lord)(?: richly)? bless(?:es)? (?:you|all|us|each)\b|god bless\b` +
		`|(?:que )?(?:dios|el senor|deus|o senhor|dieu|le (?:dieu|seigneur)|il signore|dio|gott|der herr)\b[^.!?]{0,60}\b(?:bendiga|abencoe|benisse|benedica|segne)\b` +
		`|(?:mungu|bwana) (?:awabariki|akubariki|atubariki|abariki|awabarik)\w*|tuhan (?:yesus )?memberkati\b|gbu\b|god zegene\b|gods zegen\b|pagpalain\b|bendiciones\b|benedizioni\b|gottes segen\b)`)
	// eventTime is a clock time, which event notices carry.
	eventTime = regexp.MustCompile(`\b\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}[:.h]\d{2}\b|\b\d{1,2}h\b`)
	eventWord = regexp.MustCompile(`\b(?:meets?|meeting|join us|invited?|welcome|will be held|rsvp|register|location|room|hall|breakfast|lunch|dinner|supper` +
		`|teremos|tendremos|nous aurons|traga|traiga|venha|venga|venez|kommt)\b`)
	// eventDay is a weekday or a day of a month, which with a clock time
	// dates an event ("Every Wednesday, 6:30 pm", "No domingo, 18 de maio").
	eventDay = regexp.MustCompile(`\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?` +
		`|domingos?|segunda|terca|quarta|quinta|sexta|sabados?|lunes|martes|miercoles|jueves|viernes` +
		`|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag` +
		`|jumapili|jumatatu|jumanne|jumatano|alhamisi|ijumaa|jumamosi|senin|selasa|rabu|kamis|jumat|sabtu|minggu)\b`)
	// chromeLine is a line of a site's chrome that a heading's kind must
	// not reach: a copyright notice or a share or follow widget.
	chromeLine = regexp.MustCompile(`(?:^|\s)(?:©|\(c\) \d{4}|copyright\b)|\b(?:all rights reserved|todos os direitos reservados|todos los derechos reservados|tous droits reserves|alle rechte vorbehalten|hak cipta dilindungi|haki zote zimehifadhiwa)\b` +
		`|^(?:share|share this|compartilhe|compartilhar|compartir|comparte|partager|partagez|teilen|bagikan|shiriki|follow us|siga-nos|siganos|siguenos|suivez-nous|folge uns|ikuti kami)(?: (?:on|em|en|sur|auf|di))?\s*:`)
	// addressLine is a site's contact line: a street with its number
	// among parts set apart by middle dots or bars.
	addressLine = regexp.MustCompile(`\b(?:rua|avenida|av\.|calle|carrera|street|st\.|avenue|ave\.|road|rd\.|drive|dr\.|lane|jalan|jl\.|strasse|str\.|rue|boulevard|blvd\.?)(?: \S+){0,4}?,? \d|\b\d{1,5}(?: [nsew]\.?)? (?:\S+ ){0,3}(?:street|st|avenue|ave|road|rd|drive|dr|lane|ln|blvd)\b`)
	// leaders are the dots that join a line's parts in an order of
	// worship or a table of contents ("Prelude ........ Organ").
	leaders = regexp.MustCompile(`\.{5,}|(?:\. ){4,}\.|…{2,}`)
	// leadInStart opens a sentence that introduces the points after it.
	leadInStart = regexp.MustCompile(`^(?:here (?:are|is)|here's|below (?:are|is)|these are|the following|some (?:ways|things)|a few (?:ways|things)|aqui (?:estan|tienen|van)|estos son|estes sao|aqui estao|voici|hier (?:sind|ist|die|unsere)|berikut|haya ni)\b`)
	// prayerMention and praiseMention find the kind words anywhere.
	prayerMention = regexp.MustCompile(`\b(?:pray|prayer|prayers|praying|intercession|intercede|oraci|orar|oren|oremos|oracao|oracoes|orem|priere|prieres|priez|prions|prier|gebet|beten|betet|furbitte|maombi|omba|ombeni|tuombe|doa|berdoa|doakan|mendoakan|didoakan|gebed|bidden|voorbede|pregh|pregat|pregare|panalangin|ipanalangin|ipagdasal)`)
	praiseMention = regexp.MustCompile(`\b(?:prais|thanksgiving|give thanks|giving thanks|thank (?:god|the lord)|grateful|gratitude|rejoic|celebrat|alaban|agradec|gratitud|louv|gratid|gracas|louang|rendons grace|reconnaiss|dank|lob|sifa|shukr|syukur|puji|ringrazi|lode|lodiamo|pasasalamat|papuri)`)
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
	return strings.TrimLeft(s, "\"'(“‘«¡¿ ")
}

// startKind reads one sentence (folded): the kind of request it opens with.
func startKind(s string) kinds {
	s = trimSentenceStart(s)
	for range 4 {
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

// reported reports a sentence (folded) that passes on someone's request
// for prayer; looking for the word first keeps the pattern off most
// sentences.
func reported(s string) bool {
	h := sentence(s)
	if !strings.Contains(h, "pray") && !strings.Contains(h, "interce") && !strings.Contains(h, "oraci") && !strings.Contains(h, "oraca") &&
		!strings.Contains(h, "gebet") && !strings.Contains(h, "furbitte") && !strings.Contains(h, "priere") {
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

// gratitudeStems are the words one of which every sentence gratitudeStart
// matches holds near its start; looking for them first keeps the regular
// expression off most sentences.
var gratitudeStems = []string{"thankful", "grateful", "agradecid", "grat", "riconoscent", "reconnaissant", "dankbar", "syukur", "terima kasih", "shukuru", "furahi"}

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
	h := s[:min(len(s), 80)]
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
	return startKind(folded(head(text)))
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
	for n, i := range starts {
		s := sentenceAt(f, i)
		if exclamation(s) {
			if n > 0 && n == len(starts)-1 && praiseCry(s) && newsOpens(f) {
				return kindPraise
			}
			continue
		}
		if quotedSpeech(f[i:]) {
			continue
		}
		if k := startKind(f[i:]); k != kindNone {
			return k
		}
		if k := clauseKind(s); k != kindNone {
			return k
		}
	}
	return kindNone
}

// clauseBreak ends a clause inside a sentence.
var clauseBreak = regexp.MustCompile(`(?:,|:| and| but| so| –| —| -) `)

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
	locs := clauseBreak.FindAllStringIndex(s, 8)
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

// askKeys are words one of which a clause that asks (politeAsk) or
// passes on a request (reportedRequest) holds; looking for them first
// keeps the patterns off most sentences.
var askKeys = []string{"please", "pls", "kindly", "do ", "you", "ask", "invite", "urge", "encourage", "request", "'d ", "would ", "need", "covet",
	"por favor", "bitte", "bitten", "bat", "tafadhali", "mohon", "plait", "merci de", "pid", "ped", "demand", "sollicit"}

// politeAsk opens a clause addressed to the reader.
var politeAsk = regexp.MustCompile(`^(?:and |so |but )?(?:please|pls|kindly|do|por favor|bitte|tafadhali|mohon|s'il vous plait|merci de|(?:would|could|can|will) you|(?:we|i)(?: would|'d)?(?: also| really)* (?:like to |love (?:for )?you to )?(?:ask|invite|urge|encourage|request))\b`)

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
	if len(ws) == 0 || len(ws) > 4 {
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

// interjection is a cry of praise that praiseStart does not know as the
// start of a thanksgiving.
var interjection = regexp.MustCompile(`^(?:amen|glory(?: to god)?|to god be (?:the )?glory|god is good|what a god|bwana asifiwe|asifiwe|gloria a dios|gloria a deus|gloire a dieu|dieu soit loue|god zij geloofd|lode a dio|praise the lord)\b`)

// quotedSpeech reports a sentence (folded) that quotes someone's words
// with a reporting verb ("“We are thankful,” she said."): a report of what
// was said, not the writer's own request or thanksgiving.
func quotedSpeech(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if !strings.ContainsRune("\"“„«", r) {
		return false
	}
	end := strings.IndexAny(s[size:min(len(s), 600)], "\"”»")
	if end < 0 {
		return false
	}
	after := s[size+end:]
	_, n := utf8.DecodeRuneInString(after)
	return speechTag.MatchString(after[n:])
}

// speechTag follows a quotation with who said it.
var speechTag = regexp.MustCompile(`^,? ?(?:(?:\S+ ){0,3}(?:said|says|told|added|adds|explained|recalled|wrote|writes|dijo|disse|a dit|sagte|sagt|alisema|zei|ha detto)\b|(?:said|says|told|added|explained|dijo|disse|sagte|zei)\b)`)

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
	const n = 400
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
	const n = 120
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
	if m := verseRef.FindString(tail(t)); m != "" && (quoted || strings.ContainsAny(m, "(—–-")) {
		return true
	}
	if !quoted {
		return false
	}
	last := t[strings.LastIndexAny(t, "\"”»“")+1:]
	return len(strings.Fields(last)) <= 1
}

// pleaWord says please in the supported languages.
var pleaWord = regexp.MustCompile(`\b(?:please|pls|por favor|favor de|por gentileza|s'il vous plait|svp|bitte|tafadhali|mohon|tolong)\b`)

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

// giftAppeal speaks of giving money anywhere in a sentence: support given
// financially, the readers' gifts, or how to send them.
var giftAppeal = regexp.MustCompile(`\b(?:(?:support|help|give|contribute|partner)(?: \S+){0,3} financially|financially (?:support|help|partner)` +
	`|(?:soutenir|aider)(?: \S+){0,2} financierement|(?:apoyar|ayudar|apoiar|ajudar)(?: \S+){0,2} (?:financieramente|financeiramente)|finanziell (?:zu )?unterstutzen` +
	`|(?:your|vos|tus|sus|seus|vossos|eure|ihre) (?:gifts?|donations?|dons|ofrendas|donativos|doacoes|ofertas|spenden)` +
	`|iban|bank details|bank transfer|transferencia bancaria|virement|uberweisung|tax[- ]deductible|recu fiscal|spendenquittung)\b`)

// isAppeal reports an appeal to give, sign up or share, or a feed footer.
func isAppeal(text string) bool {
	f := trimSentenceStart(folded(head(text)))
	if appealStart.MatchString(f) || feedFooter.MatchString(f) {
		return true
	}
	first := sentence(f)
	return containsAny(first, giftKeys) && giftAppeal.MatchString(first)
}

// giftKeys are words one of which every match of giftAppeal holds.
var giftKeys = []string{"financ", "gift", "donation", "dons", "ofrenda", "donativo", "doacoes", "ofertas", "spende", "iban", "bank", "transfer", "virement", "uberweisung", "tax", "recu fiscal", "unterstutzen"}

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
	return chromeLine.MatchString(strings.ToLower(text)) || chromeLine.MatchString(folded(text))
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

// prayerOffer is a church offering to pray for its readers or asking for
// their requests ("would love to pray with you", "fill out a prayer
// request form"): an invitation, not a point.
var prayerOffer = regexp.MustCompile(`\b(?:love|glad|happy|honou?red|privileged) to pray (?:with|for) you\b|\b(?:fill out|fill in|submit|send us|share) (?:a |an |the |your |our |this )?(?:online )?(?:prayer )?requests?\b`)

// offersPrayer reports an offer to pray for the readers.
func offersPrayer(text string) bool {
	f := folded(text)
	return strings.Contains(f, "pray") && strings.Contains(f, " you") && prayerOffer.MatchString(f) ||
		strings.Contains(f, "request") && prayerOffer.MatchString(f)
}

// visitOffer is a partner offering to come and see the readers ("We'd
// love to visit your small group", "invite us to speak"), which notices
// of a home assignment or a tour make.
var visitOffer = regexp.MustCompile(`\b(?:(?:we|i)(?:'d| would) (?:love|like|be (?:glad|happy|delighted)) to (?:visit|see|meet|speak|share|come|catch up|connect)|invite us|have us (?:speak|visit|share|come)|book us` +
	`|nos (?:encantaria|gustaria) (?:visitar|ver|conocer|compartir)|(?:adorariamos|gostariamos (?:muito )?de) (?:visitar|ver|conhecer|partilhar|compartilhar)` +
	`|nous (?:aimerions|serions heureux de) (?:beaucoup )?(?:vous )?(?:rendre visite|visiter|voir|rencontrer)|wir (?:wurden|kommen) (?:euch |sie |ihre \S+ )?gerne (?:besuchen|vorbei|berichten))\b`)

// isEvent reports an event notice: a clock time beside an invitation, or
// an offer to visit.
func isEvent(text string) bool {
	f := folded(text)
	return eventTime.MatchString(f) && eventWord.MatchString(f) || offersVisit(f)
}

// visitKeys are words one of which every match of visitOffer holds;
// looking for them first keeps the pattern off most text.
var visitKeys = []string{" to ", "invite us", "have us", "book us", "encantaria", "gustaria", "adorariamos", "gostariamos", "aimerions", "heureux de", "gerne"}

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
		return mentionKind(lastSentence(text)), true
	}
	f := trimSentenceStart(folded(text))
	if leadInStart.MatchString(f) && len(strings.Fields(f)) <= 30 {
		if k := mentionKind(text); k != kindNone {
			return k, true
		}
	}
	return kindNone, false
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

// nameJoins join the names at the head of a roster line.
var nameJoins = wordSet(`& and y e et und dan na en`)

// rosterLine reports a line that only says who a partner is ("Peter &
// Anna Vos, teachers at a school, Kandern, Germany"): names first, then
// places and titles after commas, no sentence and no word of prayer or thanks. It names
// whom the points after it are about and is not a point itself.
func rosterLine(text string) bool {
	t := strings.TrimSpace(text)
	if t == "" || strings.ContainsAny(t[len(t)-1:], ".!?;:") || len(strings.Fields(t)) > 20 {
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
