package site

import (
	"cmp"
	"golang.org/x/text/unicode/norm"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"

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
	re   *regexp.Regexp
	repl []string // by capture group, from 1
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
// one case-insensitive pattern that prefers the longest word.
func compileRules(partners []config.Partner, first string) *wordRules {
	repl := map[string]string{}
	add := func(p config.Partner) {
		for w, to := range p.Redact {
			key := strings.ToLower(strings.Join(strings.Fields(canon(w)), " "))
			if _, taken := repl[key]; !taken && key != "" {
				repl[key] = to
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
	if len(repl) == 0 {
		return nil
	}
	words := make([]string, 0, len(repl))
	for w := range repl {
		words = append(words, w)
	}
	// Longest first, because an alternation takes its first match.
	slices.SortFunc(words, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	rules := &wordRules{}
	alts := make([]string, len(words))
	for i, w := range words {
		parts := strings.Fields(w)
		for j := range parts {
			parts[j] = regexp.QuoteMeta(parts[j])
		}
		alts[i] = "(" + strings.Join(parts, `[\s\x{00A0}]+`) + ")"
		rules.repl = append(rules.repl, repl[w])
	}
	rules.re = regexp.MustCompile("(?i)" + strings.Join(alts, "|"))
	return rules
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
	return it
}

// match is one redacted span of a string.
type match struct {
	start, end int
	repl       string
}

// matches finds whole-word occurrences: the runes either side of a match
// must not be letters, digits or marks. RE2 has no look-around and its \b
// knows only ASCII, so the boundary is checked here, retrying one rune on
// from a match that fails it.
func (wr *wordRules) matches(s string) []match {
	if wr == nil {
		return nil
	}
	var out []match
	for at := 0; at < len(s); {
		loc := wr.re.FindStringSubmatchIndex(s[at:])
		if loc == nil {
			break
		}
		start, end := at+loc[0], at+loc[1]
		if wordBoundary(s, start, end) {
			g := 1
			for loc[2*g] < 0 {
				g++
			}
			out = append(out, match{start, end, wr.repl[g-1]})
			at = end
			continue
		}
		_, size := utf8.DecodeRuneInString(s[start:])
		at = start + max(size, 1)
	}
	return out
}

func wordBoundary(s string, start, end int) bool {
	if start == end {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(s[:start])
	after, _ := utf8.DecodeRuneInString(s[end:])
	return (start == 0 || !isWordRune(before)) && (end == len(s) || !isWordRune(after))
}

func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func (wr *wordRules) replace(s string) string {
	if wr == nil {
		return s
	}
	s = canon(s)
	ms := wr.matches(s)
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
	ms := wr.matches(joined.String())
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
	case '\u00AD', '\u200B', '\u2060', '\uFEFF':
		return true
	}
	return false
}
