package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
)

// kinds is the set of kinds a label, heading or lead-in gives.
type kinds uint8

const (
	kindNone   kinds = 0
	kindPrayer kinds = 1
	kindPraise kinds = 2
	kindMixed  kinds = kindPrayer | kindPraise
)

func (k kinds) feedKind() feed.Kind {
	if k == kindPraise {
		return feed.KindPraise
	}
	return feed.KindPrayer
}

// The label and heading vocabularies. A label ("Prayer:", "Motivos de
// oración:") or a heading ("Prayer requests", "Give thanks for") is a short
// phrase made only of these words, with at least one word that names a
// kind. Words are compared lower case with accents removed.
var (
	// prayerWords name a request for prayer.
	prayerWords = wordSet(`pray prayer prayers praying intercession intercessions intercede requests request
		oracion oraciones orar oren oremos orad peticion peticiones pedido pedidos intercesion
		oracao oracoes orem intercessao
		priere prieres priez prions prier requete requetes intercession
		gebet gebete gebetsanliegen gebetsanliegen gebetsbitten gebetsanlasse gebetspunkte gebetsliste gebetsinfo
		beten betet furbitte furbitten anliegen bitte bitten gebetsbitte gebetsanliegen gebetsthemen gebetsanlass
		maombi ombi ombeni tuombe tuombee kuomba kuombea maombezi ombea mwombee
		doa doakan berdoa
		plegaria plegarias ruego ruegos suplica suplicas supplication supplications asking
		gebed gebeden gebedspunten gebedspunt gebedsonderwerpen gebedsverzoeken gebedsverzoek gebedsnieuws gebedsbrief gebedsmail bidden bid voorbede
		preghiera preghiere pregare pregate preghiamo intercessioni richieste richiesta
		panalangin ipanalangin dasal ipagdasal ipagpanalangin`)
	// praiseWords name thanksgiving.
	praiseWords = wordSet(`praise praises praising thanksgiving thanksgivings rejoice rejoicing hallelujah alleluia
		gratitude grateful thankful celebrate celebrating celebration celebrations
		alabanza alabanzas alabamos alabemos gratitud agradecimiento agradecimientos agradecemos agradecidos
		louvor louvores louvamos gratidao agradecimento agradecimentos
		louange louanges louons reconnaissance remerciements remercions
		dank dankbar dankbarkeit danken dankt dankesanliegen dankanliegen lob loben lobt lobpreis
		danksagung danksagungen dankesgrund dankesgrunde dankespunkte
		sifa sifu kusifu kumsifu shukrani shukurani shukuru kushukuru kumshukuru mshukuru tunamshukuru tumshukuru tunashukuru
		syukur bersyukur pujian puji
		dankpunten dankpunt dankonderwerpen dankzegging dankzeggingen lofprijzing lof loven dankbaarheid
		ringraziamento ringraziamenti ringraziamo lode lodi lodiamo gratitudine grati riconoscenza
		pasasalamat papuri`)
	// weakPraise words thank someone; they name praise only beside another
	// kind word or a name of God ("Give thanks", "Gracias a Dios"), never on
	// their own ("Thank you", "Merci").
	weakPraise = wordSet(`thanks thank gracias merci danke asante obrigado obrigada gracas grace graces
		answered answers answer terima kasih rendons accion acciones acao acoes action actions
		bedankt grazie salamat`)
	// actionWords and graceWords together name thanksgiving in the Romance
	// languages ("Action de grâce", "Acción de gracias", "Ação de graças").
	actionWords = wordSet(`action actions accion acciones acao acoes`)
	graceWords  = wordSet(`grace graces gracias gracas`)
	// godWords support a weak praise word.
	godWords = wordSet(`god lord jesus dios senor deus senhor dieu seigneur gott herrn herr mungu bwana yesu tuhan yesus give
		heer here dio signore gesu diyos panginoon`)
	// fillerWords may stand in a label or heading beside the kind words.
	fillerWords = wordSet(`our my some a an few specific current recent urgent special key main latest new this these reason reasons
		razon razones razoes raison raisons grund grunde sababu alasan
		week weeks month months points point needs need items item topics topic focus list update updates
		report reports notes corner time and or with us me for please how you can to ways way keep join continue
		the him give giving let lets s also together more still what we are is of in on about today here things other re ve wofur worum
		y e o de del la las los el por para motivos motivo puntos punto al nuestras nuestros nuestra nuestro
		como pueden pedimos este esta mes semana que juntos conmigo nosotros juntas especial especiales urgente urgentes importante principales
		ou da do das dos pontos ao nossos nossas nosso nossa pela pelo pelos pelas especiais juntas conosco connosco comigo
		et des du le les sujets sujet au aux nos notre comment pour ce cette mois semaine nous vous
		ensemble motif motifs besoin besoins particulier particuliers particuliere urgente urgentes urgents importants
		wir und oder fur fuer zum zur unsere unser punkte wie ihr mit uns diesen monat woche der die das den dem
		zusammen gemeinsam besondere besonderes besonders dringend dringende dringendes aktuell aktuelle aktuelles wichtige
		na ya za kwa mahitaji vipengele mambo wiki hii mwezi tafadhali pamoja maalum maalumu muhimu haraka dharura
		dan pokok permohonan dukungan untuk kepada ucapan mohon kami hal bulan minggu ini bagi atas
		bersama khusus mendesak penting
		chain ongoing continuing continued
		voor en of onze ons deze dit week maand van het een met wat waarvoor hoe jullie kunnen samen punten onderwerpen speciale dringende belangrijke
		motivi motivo ragioni di del della delle dei degli e il i gli un una nostro nostra nostri nostre questo questa mese settimana punti come potete insieme con noi urgenti speciali particolari principali
		mga ng sa ating natin aming namin po
		january february march april may june july august september october november december
		enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
		janeiro fevereiro marco maio junho julho setembro outubro novembro dezembro
		janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
		januar februar marz juni juli oktober dezember januari februari machi aprili mei juni julai agosti
		septemba oktoba novemba desemba maret agustus oktober desember
		maart augustus
		gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre`)
	// noticeWords name the notices a church prints beside its prayer
	// points ("Agenda:", "Offering:", "Termine:", "Matangazo:").
	noticeWords = wordSet(`agenda announcement announcements notice notices calendar dates schedule event events reminder reminders offering offerings collection
		goal goals appeal fundraiser fundraising campaign meta metas objectif spendenziel spendenaufruf
		anuncio anuncios aviso avisos calendario fechas evento eventos ofrenda ofrendas colecta recordatorio
		datas oferta ofertas lembrete
		annonce annonces calendrier evenement evenements rappel offrande collecte
		termine termin ankundigung ankundigungen hinweis hinweise kalender kollekte veranstaltung veranstaltungen
		tangazo matangazo ratiba sadaka matukio
		pengumuman jadwal acara persembahan kalender
		mededelingen aankondigingen collecte activiteiten agenda
		avvisi avviso annunci calendario eventi offerta colletta appuntamenti
		anunsyo`)
	// tailWords end a label: "Pray for:" is a lead-in sentence, not a label.
	tailWords = wordSet(`for that por para pour fur fuer dass que kwa untuk agar supaya pela pelo a to with voor dat om per perche affinche che`)
	// headingTail starts the free part of a heading ("Prayer requests for
	// the Okafors"); the words before it must be a kind phrase.
	headingTail = wordSet(`for from in at during para por pour fur fuer von kwa untuk dari voor uit per da`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// fold lower-cases r and removes its accent, for the Latin letters the
// supported languages use.
func fold(r rune) rune {
	r = unicode.ToLower(r)
	if r < 0xc0 {
		return r
	}
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	case 'ß':
		return 's'
	}
	return r
}

// folded is s lower case without accents, with curly apostrophes straight.
func folded(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\u2019', '\u2018', '\u02bc', '`':
			r = '\''
		}
		sb.WriteRune(fold(r))
	}
	return sb.String()
}

// words splits s into folded words.
func words(s string) []string {
	return strings.FieldsFunc(folded(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// phraseKind reads a phrase of vocabulary words. It reports the kinds the
// phrase names and whether every word belongs to the vocabulary.
func phraseKind(ws []string) (kinds, bool) {
	var k kinds
	weak, god, answer, action, grace := false, false, false, false, false
	for _, w := range ws {
		action = action || actionWords[w]
		grace = grace || graceWords[w]
		switch {
		case prayerWords[w]:
			k |= kindPrayer
		case praiseWords[w]:
			k |= kindPraise
		case weakPraise[w]:
			weak = true
			if strings.HasPrefix(w, "answer") {
				answer = true
			}
		case godWords[w]:
			god = true
		case fillerWords[w] || isNumber(w):
		default:
			return kindNone, false
		}
	}
	if answer && k&kindPrayer != 0 {
		// "Answered prayer", "Answers to prayer" give thanks.
		return kindPraise, true
	}
	if weak && (k != kindNone || god || action && grace) {
		k |= kindPraise
	}
	return k, true
}

func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}

// headingKind reads a heading. A heading that is all vocabulary, or whose
// first words are a kind phrase followed by a free tail ("Prayer requests
// for March"), names kinds; so does a heading in two languages ("Pray with
// us · Oremos juntos") when one of its halves does. Any other heading names
// none.
func headingKind(s string) kinds {
	if k := headingPartKind(s); k != kindNone {
		return k
	}
	parts := strings.FieldsFunc(s, isHeadingSeparator)
	if len(parts) < 2 || len(parts) > 3 {
		return kindNone
	}
	var k kinds
	for _, p := range parts {
		if len(words(p)) > 6 {
			return kindNone
		}
		k |= headingPartKind(p)
	}
	return k
}

// isHeadingSeparator reports the marks that join the halves of a heading
// written in two languages.
func isHeadingSeparator(r rune) bool {
	return r == '·' || r == '/' || r == '|' || r == '–' || r == '—' || r == '•'
}

// headingPartKind reads one heading, or one language's half of it.
func headingPartKind(s string) kinds {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 12 {
		return kindNone
	}
	if k, ok := phraseKind(ws); ok {
		return k
	}
	for i := 1; i < len(ws); i++ {
		if headingTail[ws[i]] {
			if k, ok := phraseKind(ws[:i]); ok && k != kindNone {
				return k
			}
			break
		}
	}
	return ownerKind(ws)
}

// sectionKind reads a heading over a section. Beside the headings
// headingKind knows, a short heading written as the start of a request
// ("Damos gracias a Dios por", "Please pray…") names the kind it asks for.
func sectionKind(s string) kinds {
	if k := headingKind(s); k != kindNone {
		return k
	}
	if len(strings.Fields(s)) > 8 {
		return kindNone
	}
	return startKind(folded(s))
}

// ownerKind reads a heading that names whose points follow before a kind
// phrase of at least two words ("Diocesan prayer focus", "Lin family
// prayer requests"). A single kind word after a name ("Evening prayer")
// names a service, not a list of points.
func ownerKind(ws []string) kinds {
	for i := 1; i <= 3 && len(ws)-i >= 2; i++ {
		if phraseKindOf(ws[i:i+1]) == kindNone {
			continue
		}
		if k, ok := phraseKind(ws[i:]); ok && k != kindNone && namesList(ws[i+1:]) {
			return k
		}
		return kindNone
	}
	return kindNone
}

// listNouns name a list of points ("focus", "requests", "items").
var listNouns = wordSet(`points focus requests items topics needs list update updates report concerns chain
	punten punti motivi onderwerpen sujets pokok mahitaji`)

// namesList reports words that name a list of points or another kind.
func namesList(ws []string) bool {
	for _, w := range ws {
		if listNouns[w] || prayerWords[w] || praiseWords[w] {
			return true
		}
	}
	return false
}

// phraseKindOf is the kinds a phrase names, none unless every word
// belongs to the vocabulary.
func phraseKindOf(ws []string) kinds {
	k, _ := phraseKind(ws)
	return k
}

// labelKind reads the words before a label's colon: a short vocabulary
// phrase that does not end like the start of a sentence. A phrase that
// turns to the reader with "us" or "me" ("Give thanks with us:", "Pray
// for me:") is the start of the writer's own sentence, whose words stay.
func labelKind(s string) kinds {
	ws := words(s)
	if len(ws) == 0 || len(ws) > 5 || tailWords[ws[len(ws)-1]] {
		return kindNone
	}
	for _, w := range ws {
		if objectPronouns[w] {
			return kindNone
		}
	}
	k, ok := phraseKind(ws)
	if !ok {
		return kindNone
	}
	return k
}

// noticeLabel reports text that starts with a notice's label: a short
// phrase naming a notice, then a colon.
func noticeLabel(text string) bool {
	i := strings.IndexByte(text[:min(len(text), 40)], ':')
	if i <= 0 {
		return false
	}
	ws := words(text[:i])
	if len(ws) > 5 {
		return false
	}
	for _, w := range ws {
		if noticeWords[w] {
			return true
		}
	}
	return false
}

// noticeHeading reports a short heading that names notices ("Key dates",
// "Announcements").
func noticeHeading(text string) bool {
	ws := words(text)
	if len(ws) == 0 || len(ws) > 4 {
		return false
	}
	for _, w := range ws {
		if noticeWords[w] {
			return true
		}
	}
	return false
}

// emojiKind is the kind an emoji marker gives: folded hands ask for prayer,
// raised hands and party poppers give thanks.
func emojiKind(r rune) kinds {
	switch r {
	case '🙏':
		return kindPrayer
	case '🙌', '🎉', '🥳', '🎊':
		return kindPraise
	}
	return kindNone
}

// isSymbol reports bullets, emoji and their modifiers, which a point's
// text does not start with.
func isSymbol(r rune) bool {
	switch {
	case r == '\u200d' || r == '\ufe0f' || r == '\ufe0e' || r == '\u20e3':
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // skin tones
		return true
	case strings.ContainsRune("•·◦▪▫‣⁃∙●○■□➢➤►▶→✓✔☐☑✅❖◆◇★☆*§", r):
		return true
	}
	return unicode.Is(unicode.So, r) || unicode.Is(unicode.Sk, r) || unicode.Is(unicode.Co, r)
}

// label is a marker found at the start of a block's text.
type label struct {
	kind kinds
	// n is how many bytes of the text the marker and its separator take.
	n int
	// symbol marks a label that is only an emoji (🙏), which a sign-off
	// carries as readily as a point does.
	symbol bool
}

// leadSymbols measures the bullets and emoji at the start of s and the kind
// an emoji among them gives.
func leadSymbols(s string) (int, kinds) {
	var k kinds
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isSpace(r):
		case isSymbol(r):
			k |= emojiKind(r)
		default:
			return i, k
		}
		i += size
	}
	return i, k
}

// separator measures a label's separator at the start of s: a colon, a
// tilde, or a dash set off by space, and the space after it.
func separator(s string) int {
	t := strings.TrimLeft(s, " ")
	n := len(s) - len(t)
	switch {
	case strings.HasPrefix(t, ":"), strings.HasPrefix(t, "~"):
		n++
	case strings.HasPrefix(t, "–"), strings.HasPrefix(t, "—"):
		n += len("–")
	case strings.HasPrefix(t, "- "):
		n++
	default:
		return 0
	}
	return n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))
}

// findLabel looks for a label at the start of s: bullets and emoji, then
// optionally a phrase with a separator. bold is the length of a bold run
// the block starts with (0 if none): a bold label needs no separator.
func findLabel(s string, bold int, m *markerSet) (label, bool) {
	start, ek := leadSymbols(s)
	rest := s[start:]
	if l, ok := m.match(rest); ok {
		return label{kind: l.kind, n: start + l.n}, true
	}
	if l, ok := textLabel(rest, bold-start); ok {
		return label{kind: l.kind, n: start + l.n}, true
	}
	if ek != kindNone {
		return label{kind: ek, n: start, symbol: true}, true
	}
	return label{}, false
}

// textLabel finds "Prayer:", "Praise –", "**Pray**" at the start of s.
func textLabel(s string, bold int) (label, bool) {
	if bold > 0 && bold <= len(s) {
		head := strings.TrimRight(s[:bold], " :–—-")
		if k := labelKind(head); k != kindNone && len(head) > 0 {
			n := len(head)
			n += separator(s[n:])
			return label{kind: k, n: n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))}, true
		}
	}
	if l, ok := bracketLabel(s); ok {
		return l, true
	}
	limit := min(len(s), 60)
	for i := 0; i < limit; i++ {
		c := s[i]
		switch {
		case c == ':', c == '~':
		case c == '-' && i > 0 && s[i-1] == ' ':
		case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
		default:
			continue
		}
		sep := separator(s[i:])
		if sep == 0 {
			continue
		}
		head := strings.TrimRight(s[:i], " ")
		if k := labelKind(head); k != kindNone {
			return label{kind: k, n: i + sep}, true
		}
		if thanksLabel(head, s[i+sep:]) {
			return label{kind: kindPraise, n: i + sep}, true
		}
		return label{}, false
	}
	return label{}, false
}

// brackets pairs the marks that enclose a label written as a tag
// ("[Prayer]", "(Praise)", "【Prayer】").
var brackets = map[rune]rune{'[': ']', '(': ')', '【': '】', '〔': '〕', '{': '}', '<': '>'}

// bracketLabel finds a kind phrase enclosed in brackets at the start of s,
// with an optional separator after it.
func bracketLabel(s string) (label, bool) {
	open, size := utf8.DecodeRuneInString(s)
	closing, ok := brackets[open]
	if !ok {
		return label{}, false
	}
	end := strings.IndexRune(s[:min(len(s), 48)], closing)
	if end <= size {
		return label{}, false
	}
	k := labelKind(s[size:end])
	if k == kindNone {
		return label{}, false
	}
	n := end + utf8.RuneLen(closing)
	if sep := separator(s[n:]); sep > 0 {
		n += sep
	}
	return label{kind: k, n: n + len(s[n:]) - len(strings.TrimLeftFunc(s[n:], isSpace))}, true
}

// objectPronouns are "us" and "me" in the supported languages.
var objectPronouns = wordSet(`us me nous moi uns mich mir nosotros nosotras conmigo conosco connosco comigo`)

// thanksWords say thank you on their own.
var thanksWords = wordSet(`thanks thank gracias merci danke asante asanteni obrigado obrigada terima kasih dankeschon`)

// thanksLabel reports a bare "Thanks:" that labels something to give thanks
// for, rather than thanking people ("Thanks: to all who came", "Merci :
// vous êtes formidables").
func thanksLabel(head, body string) bool {
	ws := words(head)
	if len(ws) == 0 || len(ws) > 2 {
		return false
	}
	for _, w := range ws {
		if !thanksWords[w] {
			return false
		}
	}
	f := trimSentenceStart(folded(body[:min(len(body), 80)]))
	return hasWord(f) && !readerThanks.MatchString(f) && !thanksObject.MatchString(f)
}

// thanksObject opens the words after a thank-you that name whom it thanks.
var thanksObject = regexp.MustCompile(`^(?:to|a|al|ao|aux?|an|kwa|kepada|for (?:your|all|everyone|the prayers)|everyone|all)\b`)

// markerSet holds a partner's own labels from Options.
type markerSet struct {
	prayer, praise []string
}

func newMarkerSet(m Markers) *markerSet {
	return &markerSet{prayer: foldAll(m.Prayer), praise: foldAll(m.Praise)}
}

func foldAll(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, folded(s))
		}
	}
	return out
}

// match finds one of the partner's markers at the start of s, followed by
// a separator, or by a space when the marker is a symbol.
func (m *markerSet) match(s string) (label, bool) {
	if m == nil || len(m.prayer)+len(m.praise) == 0 {
		return label{}, false
	}
	head := folded(s[:min(len(s), 80)])
	try := func(list []string, k kinds) (label, bool) {
		for _, mk := range list {
			if !strings.HasPrefix(head, mk) || len(mk) > len(s) {
				continue
			}
			// folded text can differ in length from s; map by runes.
			n := byteLenOfRunes(s, utf8.RuneCountInString(mk))
			if sep := separator(s[n:]); sep > 0 {
				return label{kind: k, n: n + sep}, true
			}
			last, _ := utf8.DecodeLastRuneInString(mk)
			if !unicode.IsLetter(last) && !unicode.IsDigit(last) {
				rest := s[n:]
				return label{kind: k, n: n + len(rest) - len(strings.TrimLeftFunc(rest, isSpace))}, true
			}
		}
		return label{}, false
	}
	if l, ok := try(m.prayer, kindPrayer); ok {
		return l, true
	}
	return try(m.praise, kindPraise)
}

func byteLenOfRunes(s string, runes int) int {
	n := 0
	for i := range s {
		if n == runes {
			return i
		}
		n++
	}
	return len(s)
}
