package site

import (
	"cmp"
	"maps"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
)

// redactor replaces the words partners.yaml lists under `redact` in every
// string the site publishes. It runs at render time, so a change to the
// list takes effect at once, without refetching anything.
//
// A partner's words are redacted everywhere, not only in that partner's
// items: a field worker's name is as dangerous in a colleague's update.
// Where two partners list the same word, the item's own partner's
// replacement wins; elsewhere the first partner listing it wins.
type redactor struct {
	all       *wordRules
	byPartner map[string]*wordRules
}

// wordRules is one compiled list of words and their replacements.
type wordRules struct {
	re *regexp.Regexp
	// rules, by capture group from 1: what each alternative replaces.
	rules []rule
}

// rule is one alternative of a wordRules pattern.
type rule struct {
	repl string
	// part marks one word of a multi-word entry, matched on its own: a
	// reader who has just read "Johanna Bergström" knows who "Johanna" is.
	// Alone it counts only written as a name, capitalised; and a part that
	// is also an everyday word ("Hope", "Grace") not where a sentence
	// starts, where any word is capitalised.
	part, common bool
}

func newRedactor(partners []config.Partner) *redactor {
	r := &redactor{byPartner: map[string]*wordRules{}}
	r.all = compileRules(partners, "")
	for _, p := range partners {
		if len(p.Redact) > 0 {
			r.byPartner[p.ID] = compileRules(partners, p.ID)
		}
	}
	return r
}

// compileRules joins every partner's words, first's own (if any), into
// one case-insensitive pattern that prefers the longest entry, then the
// words of multi-word entries alone.
func compileRules(partners []config.Partner, first string) *wordRules {
	type entry struct {
		key  string
		rule rule
	}
	var entries, parts []entry
	seen := map[string]bool{}
	add := func(p config.Partner) {
		for _, w := range slices.Sorted(maps.Keys(p.Redact)) {
			to := p.Redact[w]
			words := strings.Fields(strings.ToLower(canon(w)))
			key := strings.Join(words, " ")
			if key == "" || seen[key] {
				continue
			}
			seen[key] = true
			entries = append(entries, entry{key, rule{repl: to}})
			if len(words) < 2 {
				continue
			}
			for _, part := range words {
				if utf8.RuneCountInString(part) >= 3 && !nameParticles[part] {
					parts = append(parts, entry{part, rule{repl: to, part: true, common: commonWords[part]}})
				}
			}
		}
	}
	for _, p := range partners {
		if p.ID == first {
			add(p)
		}
	}
	for _, p := range partners {
		add(p)
	}
	if len(entries) == 0 {
		return nil
	}
	// Longest first, because an alternation takes its first match; whole
	// entries before the words of others.
	byLength := func(a, b entry) int { return cmp.Or(len(b.key)-len(a.key), strings.Compare(a.key, b.key)) }
	slices.SortFunc(entries, byLength)
	slices.SortFunc(parts, byLength)
	for _, p := range parts {
		if !seen[p.key] {
			seen[p.key] = true
			entries = append(entries, p)
		}
	}
	rules := &wordRules{}
	alts := make([]string, len(entries))
	for i, e := range entries {
		words := strings.Fields(e.key)
		for j := range words {
			words[j] = namePattern(words[j])
		}
		alts[i] = "(" + strings.Join(words, `[\s\x{00A0}]+`) + ")"
		rules.rules = append(rules.rules, e.rule)
	}
	rules.re = regexp.MustCompile("(?i)" + strings.Join(alts, "|"))
	return rules
}

// nameParticles are the words of a name that say nothing alone: the
// particles of family names, and titles ("Pastor Okafor": "Pastor"
// alone is anyone's pastor).
var nameParticles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "del": true, "della": true, "des": true,
	"dos": true, "das": true, "bin": true, "ibn": true, "bint": true, "abu": true,
	"mrs": true, "miss": true, "pastor": true, "rev": true, "reverend": true, "doctor": true,
	"sister": true, "brother": true, "father": true, "mother": true, "bishop": true, "elder": true,
	"deacon": true, "missionary": true, "uncle": true, "aunt": true, "auntie": true, "prof": true,
	"professor": true, "evangelist": true, "apostle": true, "imam": true, "sheikh": true, "chief": true,
}

// commonWords are given and family names that are also everyday English
// words in a prayer letter.
var commonWords = map[string]bool{
	"hope": true, "grace": true, "faith": true, "joy": true, "mark": true, "will": true, "may": true,
	"rose": true, "bill": true, "june": true, "april": true, "dawn": true, "love": true, "rich": true,
	"young": true, "king": true, "long": true, "white": true, "black": true, "green": true, "brown": true,
	"hill": true, "wood": true, "stone": true, "field": true, "church": true, "bishop": true, "little": true,
	"new": true, "good": true, "well": true, "may's": true, "price": true, "peace": true, "angel": true,
	"christian": true, "major": true, "sky": true, "summer": true, "winter": true, "page": true, "bell": true,
}

// rules returns the rules for a partner's items ("" for text of no one
// partner).
func (r *redactor) rules(partnerID string) *wordRules {
	if pr, ok := r.byPartner[partnerID]; ok {
		return pr
	}
	return r.all
}

// Text redacts plain text.
func (r *redactor) Text(partnerID, s string) string {
	return r.rules(partnerID).replace(s)
}

// Item redacts everything of an item a reader sees.
func (r *redactor) Item(it feed.Item) feed.Item {
	wr := r.rules(it.PartnerID)
	if wr == nil {
		return it
	}
	it.Text = wr.replace(it.Text)
	it.HTML = wr.replaceHTML(it.HTML)
	it.UpdateTitle = wr.replace(it.UpdateTitle)
	it.PartnerName = wr.replace(it.PartnerName)
	if wr.inURL(it.UpdateLink) {
		it.UpdateLink = "" // readers are sent to the partner's page instead
	}
	if len(it.Copies) > 0 {
		copies := make([]feed.Copy, 0, len(it.Copies))
		for _, c := range it.Copies {
			if c, ok := r.Copy(it.PartnerID, c); ok {
				copies = append(copies, c)
			}
		}
		it.Copies = copies
	}
	return it
}

// Copy redacts a copy of a point with partnerID's rules. A copy whose
// link shows a redacted name is dropped (ok false): unlike the point's
// own link, it has no partner page to fall back to.
func (r *redactor) Copy(partnerID string, c feed.Copy) (_ feed.Copy, ok bool) {
	wr := r.rules(partnerID)
	if wr == nil {
		return c, true
	}
	if wr.inURL(c.UpdateLink) {
		return c, false
	}
	c.UpdateTitle = wr.replace(c.UpdateTitle)
	c.PartnerName = wr.replace(c.PartnerName)
	return c, true
}

// match is one redacted span of a string.
type match struct {
	start, end int
	repl       string
}

// matches finds whole-word occurrences in s, matching its folded form
// (fold) and mapping what it finds back to s: the runes either side of a
// match must not be letters, digits or marks. RE2 has no look-around and
// its \b knows only ASCII, so the boundary is checked here, retrying one
// rune on from a match that fails it or a rule's other conditions. In a
// URL (inURL) a word alone counts lower-case too, as slugs are written.
func (wr *wordRules) matches(s string, inURL bool) []match {
	if wr == nil {
		return nil
	}
	f := fold(s)
	var out []match
	for at := 0; at < len(f.s); {
		loc := wr.re.FindStringSubmatchIndex(f.s[at:])
		if loc == nil {
			break
		}
		start, end := at+loc[0], at+loc[1]
		g := 1
		for loc[2*g] < 0 {
			g++
		}
		if rl := wr.rules[g-1]; wordBoundary(f.s, start, end) && rl.counts(f.s, start, inURL) {
			out = append(out, match{f.offs[start], f.offs[end], rl.repl})
			at = end
			continue
		}
		_, size := utf8.DecodeRuneInString(f.s[start:])
		at = start + max(size, 1)
	}
	return out
}

// counts reports whether a match of rl at start of s is the name.
func (rl rule) counts(s string, start int, inURL bool) bool {
	if !rl.part {
		return true
	}
	if inURL {
		return !rl.common
	}
	first, _ := utf8.DecodeRuneInString(s[start:])
	if !unicode.IsUpper(first) {
		return false
	}
	return !rl.common || !sentenceStart(s[:start])
}

// sentenceStart reports whether the text before a word ends a sentence.
func sentenceStart(before string) bool {
	before = strings.TrimRightFunc(before, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("\"'“‘(", r) })
	if before == "" {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(before)
	return strings.ContainsRune(".!?:;\n", last)
}

func wordBoundary(s string, start, end int) bool {
	if start == end {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after))
}

// inURL reports whether a link holds a redacted name, in a slug
// ("/team/johanna-bergstrom") or a query.
func (wr *wordRules) inURL(u string) bool {
	if wr == nil || u == "" {
		return false
	}
	if dec, err := url.PathUnescape(u); err == nil {
		u = dec
	}
	words := strings.Map(func(r rune) rune {
		if isWordRune(r) {
			return r
		}
		return ' '
	}, u)
	return len(wr.matches(words, true)) > 0
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func (wr *wordRules) replace(s string) string {
	if wr == nil {
		return s
	}
	s = canon(s)
	ms := wr.matches(s, false)
	if len(ms) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(s[last:m.start])
		b.WriteString(m.repl)
		last = m.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// replaceHTML redacts the text of an HTML fragment without touching its
// markup: it joins the text nodes, so a name split by inline tags
// ("Johanna <b>Bergström</b>") is still found, puts each replacement in
// the text node where the match starts and empties the rest of the match.
// Human-readable attributes (alt, title) are redacted on their own.
func (wr *wordRules) replaceHTML(s string) string {
	if wr == nil || s == "" {
		return s
	}
	type tok struct {
		raw  string
		text string // unescaped, for text tokens
		at   int    // where text starts in joined
		isText,
		changed bool
	}
	var toks []tok
	var joined strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		t := tok{raw: string(z.Raw())}
		switch tt {
		case html.TextToken:
			t.isText, t.text, t.at = true, canon(html.UnescapeString(t.raw)), joined.Len()
			joined.WriteString(t.text)
		case html.CommentToken:
			if c := z.Token().Data; wr.replace(c) != c {
				t.raw, t.changed = "<!---->", true // a comment is no one's to read; drop its words
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tag := z.Token()
			if tt != html.EndTagToken {
				t.raw, t.changed = wr.redactAttrs(tag, t.raw)
			}
			if !inlineTags[tag.Data] {
				joined.WriteByte('\n') // "Anna</p><p>Smith" holds two words, not "AnnaSmith"
			}
		}
		toks = append(toks, t)
	}
	ms := wr.matches(joined.String(), false)
	if len(ms) == 0 && !slices.ContainsFunc(toks, func(t tok) bool { return t.changed }) {
		return s
	}
	// Rewrite each text token's slice of the joined text.
	var b strings.Builder
	mi := 0
	for _, t := range toks {
		if !t.isText {
			b.WriteString(t.raw)
			continue
		}
		start, end := t.at, t.at+len(t.text)
		for mi < len(ms) && ms[mi].end <= start {
			mi++
		}
		var out strings.Builder
		cur, changed := start, false
		for j := mi; j < len(ms) && ms[j].start < end; j++ {
			m := ms[j]
			if m.start >= start {
				out.WriteString(t.text[cur-start : m.start-start])
				out.WriteString(m.repl) // the replacement goes where the match starts
			}
			cur, changed = min(m.end, end), true
		}
		out.WriteString(t.text[cur-start:])
		if changed {
			b.WriteString(html.EscapeString(out.String()))
		} else {
			b.WriteString(t.raw)
		}
	}
	return b.String()
}

// inlineTags may split a word without ending it: "Jo<b>hanna</b>".
var inlineTags = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true, "del": true,
	"dfn": true, "em": true, "i": true, "ins": true, "kbd": true, "mark": true, "q": true, "s": true,
	"samp": true, "small": true, "span": true, "strong": true, "sub": true, "sup": true, "u": true, "var": true,
}

// readableAttrs are the attributes a reader sees as text.
var readableAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true}

func (wr *wordRules) redactAttrs(t html.Token, raw string) (string, bool) {
	changed := false
	kept := t.Attr[:0]
	for _, a := range t.Attr {
		if (a.Key == "href" || a.Key == "src") && wr.inURL(a.Val) {
			changed = true // the link goes; its text, redacted, stays
			continue
		}
		kept = append(kept, a)
	}
	t.Attr = kept
	for i, a := range t.Attr {
		if readableAttrs[a.Key] {
			if v := wr.replace(a.Val); v != a.Val {
				t.Attr[i].Val, changed = v, true
			}
		}
	}
	if !changed {
		return raw, false
	}
	return t.String(), true
}

// canon puts text in the one form redaction matches against: composed
// (NFC), so "Bergstro\u0308m" from a Mac or Word is "Bergström", and
// without the invisible characters that split a word without showing (soft
// hyphens, zero-width spaces, word joiners, byte-order marks). Otherwise a
// name would be published in full because of how it was typed.
func canon(s string) string {
	s = norm.NFC.String(s)
	if strings.IndexFunc(s, invisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s)
}

func invisible(r rune) bool {
	switch r {
	case '\u00AD', '\u034F', '\u061C', '\u115F', '\u1160', '\u17B4', '\u17B5', '\u180E',
		'\u200B', '\u200C', '\u200D', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\u3164', '\uFEFF':
		return true
	}
	return false
}
