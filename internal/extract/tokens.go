package extract

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind says what a token of a block's inline content is.
type tokKind uint8

const (
	tokText  tokKind = iota // s is plain text, entities already decoded
	tokOpen                 // s is a safe tag name; href set for links
	tokClose                // s is the tag name
	tokBreak                // a line break (<br> or a newline)
)

// tok is one piece of a block's inline content. Points keep their words
// as text and their safe formatting as tags, so the plain and the HTML
// forms of a point are cut from the same tokens.
type tok struct {
	kind tokKind
	s    string
	href string
}

// inline collects a block's tokens, collapsing white space as it goes so
// that the concatenated text of the tokens is already clean.
type inline struct {
	toks []tok
	// space is true when the text so far ends in a space or is empty, so
	// that leading and repeated white space is dropped.
	space bool
	n     int
	bold  int
	// boldN and plainN count the letters written inside and outside bold,
	// to recognise a paragraph that is entirely bold (a heading).
	boldN, plainN int
}

func newInline() *inline { return &inline{space: true} }

// isSpace reports white space, including the no-break and other typographic
// spaces that partners' editors leave behind.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\u2028' || r == '\u2029' || r == '\ufeff'
}

// invisible reports characters that carry no text and are dropped.
func invisible(r rune) bool {
	return r == '\u00ad' || r == '\u200e' || r == '\u200f' || r == '\u2060'
}

func (b *inline) text(s string) {
	if s == "" {
		return
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for _, r := range s {
		switch {
		case isSpace(r):
			if !b.space {
				sb.WriteByte(' ')
				b.space = true
			}
		case invisible(r) || r == utf8.RuneError:
			if r == utf8.RuneError {
				sb.WriteRune(r)
				b.space = false
			}
		default:
			sb.WriteRune(r)
			b.space = false
			if b.bold > 0 {
				b.boldN++
			} else {
				b.plainN++
			}
		}
	}
	if sb.Len() == 0 {
		return
	}
	t := sb.String()
	b.n += len(t)
	if k := len(b.toks); k > 0 && b.toks[k-1].kind == tokText {
		b.toks[k-1].s += t
		return
	}
	b.toks = append(b.toks, tok{kind: tokText, s: t})
}

func (b *inline) open(name, href string) {
	b.toks = append(b.toks, tok{kind: tokOpen, s: name, href: href})
}

func (b *inline) close(name string) { b.toks = append(b.toks, tok{kind: tokClose, s: name}) }

func (b *inline) brk() {
	b.toks = append(b.toks, tok{kind: tokBreak})
	b.space = true
}

// empty reports whether no text has been written.
func (b *inline) empty() bool { return b.n == 0 }

// allBold reports whether every letter written was inside bold.
func (b *inline) allBold() bool { return b.boldN > 0 && b.plainN == 0 }

// plain is the text of toks; breaks become br.
func plain(toks []tok, br string) string {
	var sb strings.Builder
	for _, t := range toks {
		switch t.kind {
		case tokText:
			sb.WriteString(t.s)
		case tokBreak:
			sb.WriteString(br)
		}
	}
	return sb.String()
}

// collapse trims s and folds every run of white space into one space.
func collapse(s string) string {
	if s == "" {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := true
	for _, r := range s {
		if isSpace(r) {
			if !space {
				sb.WriteByte(' ')
				space = true
			}
			continue
		}
		if invisible(r) {
			continue
		}
		sb.WriteRune(r)
		space = false
	}
	return strings.TrimRight(sb.String(), " ")
}

// tagStack tracks the tags open at a point of a token list.
type tagStack []tok

// track updates the stack for t and reports whether t is a close tag
// with no matching open tag.
func (st *tagStack) track(t tok) (stray bool) {
	switch t.kind {
	case tokOpen:
		*st = append(*st, t)
	case tokClose:
		s := *st
		for i := len(s) - 1; i >= 0; i-- {
			if s[i].s == t.s {
				*st = append(s[:i], s[i+1:]...)
				return false
			}
		}
		return true
	}
	return false
}

// closing is the close tags for everything open, innermost first.
func (st tagStack) closing() []tok {
	out := make([]tok, 0, len(st))
	for i := len(st) - 1; i >= 0; i-- {
		out = append(out, tok{kind: tokClose, s: st[i].s})
	}
	return out
}

// balance rewrites toks so that no tag spans a break: tags open at a break
// are closed before it and reopened after it, so every line stands alone.
func balance(toks []tok) []tok {
	var out []tok
	var stack tagStack
	for _, t := range toks {
		if t.kind == tokBreak {
			out = append(out, stack.closing()...)
			out = append(out, t)
			out = append(out, stack...)
			continue
		}
		if stack.track(t) {
			continue
		}
		out = append(out, t)
	}
	return append(out, stack.closing()...)
}

// lines splits balanced toks at breaks.
func lines(toks []tok) [][]tok {
	var out [][]tok
	start := 0
	for i, t := range toks {
		if t.kind == tokBreak {
			out = append(out, toks[start:i])
			start = i + 1
		}
	}
	return append(out, toks[start:])
}

// splitAt cuts toks at byte offset off of their text; the two halves are
// each balanced.
func splitAt(toks []tok, off int) (left, right []tok) {
	var stack tagStack
	pos := 0
	for i, t := range toks {
		switch t.kind {
		case tokText:
			if pos+len(t.s) > off {
				k := off - pos
				left = append(left, toks[:i]...)
				if k > 0 {
					left = append(left, tok{kind: tokText, s: t.s[:k]})
				}
				left = append(left, stack.closing()...)
				right = append(right, stack...)
				right = append(right, tok{kind: tokText, s: t.s[k:]})
				right = append(right, toks[i+1:]...)
				return left, right
			}
			pos += len(t.s)
		case tokBreak:
			pos++
		default:
			stack.track(t)
		}
	}
	return toks, nil
}

// cut drops the first n bytes of the text of toks and any white space
// after them.
func cut(toks []tok, n int) []tok {
	_, right := splitAt(toks, n)
	return trimLeft(right)
}

// trimLeft drops leading white space and breaks.
func trimLeft(toks []tok) []tok {
	out := make([]tok, 0, len(toks))
	lead := true
	for _, t := range toks {
		if lead {
			switch t.kind {
			case tokBreak:
				continue
			case tokText:
				s := strings.TrimLeftFunc(t.s, isSpace)
				if s == "" {
					continue
				}
				t.s = s
				lead = false
			}
		}
		out = append(out, t)
	}
	return out
}

// joinToks joins parts with a space between them.
func joinToks(parts ...[]tok) []tok {
	var out []tok
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, tok{kind: tokText, s: " "})
		}
		out = append(out, p...)
	}
	return out
}

// render writes toks as HTML with breaks as spaces and empty tag pairs
// left out; the result is sanitized before it is published.
func render(toks []tok) string {
	var sb strings.Builder
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case tokText:
			sb.WriteString(html.EscapeString(t.s))
		case tokBreak:
			sb.WriteByte(' ')
		case tokOpen:
			if i+1 < len(toks) && toks[i+1].kind == tokClose && toks[i+1].s == t.s {
				i++
				continue
			}
			sb.WriteByte('<')
			sb.WriteString(t.s)
			if t.href != "" {
				sb.WriteString(` href="`)
				sb.WriteString(html.EscapeString(t.href))
				sb.WriteByte('"')
			}
			sb.WriteByte('>')
		case tokClose:
			sb.WriteString("</")
			sb.WriteString(t.s)
			sb.WriteByte('>')
		}
	}
	return collapse(sb.String())
}
