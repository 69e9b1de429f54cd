package extract

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode/utf8"
)

// A pattern built from the language tables is an alternation of hundreds
// of phrases in eleven languages. Go's regexp tries every alternative at
// every position it may start from, and most blocks match none of them,
// so a failed match costs far more than it reads. pattern puts a cheap
// test in front of the regexp: the literal strings one of which every
// match must begin with, read off the pattern's syntax tree. When the
// text holds none of them (or, for a pattern anchored at the start, does
// not begin with one) the pattern cannot match and the regexp is not run.
// The answers are the regexp's own; only the work on a miss is saved.
// No maintained Go library gives such a prefilter over the standard
// regexp (Aho–Corasick libraries match literals, not patterns), hence
// this small one.

// pattern is a compiled regexp with a literal prefilter.
type pattern struct {
	*regexp.Regexp
	// gate builds the prefilter below on first use: every process builds
	// the vocabulary at start, and most commands never extract.
	gate sync.Once
	// starts are the strings one of which every match begins with; nil
	// when the pattern gives no such set (the regexp always runs).
	starts []string
	// trie holds starts byte by byte, for anchored patterns.
	trie *startTrie
	// anchored: every match begins at the start of the text.
	anchored bool
}

// gateLimits bound the prefilter: how many strings the prefix set may
// hold before it stops growing, and how many an unanchored pattern may
// have before a search for each costs more than the regexp saves.
const (
	maxGateStrings     = 4096
	maxUnanchoredGates = 64
)

// newPattern compiles expr; its prefilter is read from expr on first use.
func newPattern(expr string) (*pattern, error) {
	re, err := regexp.Compile(expr)
	if err != nil {
		return nil, err
	}
	return &pattern{Regexp: re}, nil
}

// prefilter reads the pattern's literal starts from its syntax tree.
func (p *pattern) prefilter() {
	// The expression compiled, so it parses.
	tree, _ := syntax.Parse(p.String(), syntax.Perl)
	tree = tree.Simplify()
	var starts []string
	for _, s := range literalStarts(tree) {
		if s.s == "" {
			return // a match may begin with anything
		}
		starts = append(starts, s.s)
	}
	p.anchored = anchoredAtStart(tree)
	if !p.anchored {
		starts = shortest(starts)
	}
	if starts == nil || !p.anchored && len(starts) > maxUnanchoredGates {
		return
	}
	p.starts = starts
	if p.anchored {
		p.trie = &startTrie{}
		for _, s := range starts {
			p.trie.add(s)
		}
	}
}

// unanchoredBytes is how much of each start an unanchored pattern's
// prefilter searches for: a short string is as good a test and fewer of
// them are searched.
const unanchoredBytes = 6

// shortest cuts each start to unanchoredBytes (at a character boundary)
// and keeps each cut string once, dropping any that holds another.
func shortest(starts []string) []string {
	seen := map[string]bool{}
	var cut []string
	for _, s := range starts {
		if len(s) > unanchoredBytes {
			n := unanchoredBytes
			for n < len(s) && !utf8.RuneStart(s[n]) {
				n++
			}
			s = s[:n]
		}
		if !seen[s] {
			seen[s] = true
			cut = append(cut, s)
		}
	}
	var out []string
	for _, s := range cut {
		covered := false
		for _, t := range cut {
			if t != s && strings.Contains(s, t) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, s)
		}
	}
	return out
}

// startSet is the strings every match begins with, nil when none are
// known.
func (p *pattern) startSet() []string {
	p.gate.Do(p.prefilter)
	return p.starts
}

// mayMatch reports whether s holds (or, anchored, begins with) one of the
// strings every match begins with.
func (p *pattern) mayMatch(s string) bool {
	p.gate.Do(p.prefilter)
	if p.starts == nil {
		return true
	}
	if p.anchored {
		return p.trie.prefixOf(s)
	}
	for _, pre := range p.starts {
		if strings.Contains(s, pre) {
			return true
		}
	}
	return false
}

// MatchString is regexp's, skipped when the prefilter rules a match out.
func (p *pattern) MatchString(s string) bool {
	return p.mayMatch(s) && p.Regexp.MatchString(s)
}

// FindString is regexp's, skipped when the prefilter rules a match out.
func (p *pattern) FindString(s string) string {
	if !p.mayMatch(s) {
		return ""
	}
	return p.Regexp.FindString(s)
}

// FindStringIndex is regexp's, skipped when the prefilter rules a match
// out.
func (p *pattern) FindStringIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringIndex(s)
}

// FindStringSubmatch is regexp's, skipped when the prefilter rules a
// match out.
func (p *pattern) FindStringSubmatch(s string) []string {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatch(s)
}

// FindStringSubmatchIndex is regexp's, skipped when the prefilter rules a
// match out.
func (p *pattern) FindStringSubmatchIndex(s string) []int {
	if !p.mayMatch(s) {
		return nil
	}
	return p.Regexp.FindStringSubmatchIndex(s)
}

// start is a string a match may begin with; open when it is all a part
// of the pattern matched, so that the parts after it may extend it.
type start struct {
	s    string
	open bool
}

// literalStarts returns strings one of which every match of re begins
// with; nil when no such set is known.
func literalStarts(re *syntax.Regexp) []start {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		return []start{{string(re.Rune), true}}
	case syntax.OpCharClass:
		return classStarts(re)
	case syntax.OpEmptyMatch, syntax.OpBeginText, syntax.OpBeginLine, syntax.OpEndText,
		syntax.OpEndLine, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		// Zero width: every match begins with the empty string.
		return []start{{"", true}}
	case syntax.OpCapture:
		return literalStarts(re.Sub[0])
	case syntax.OpQuest:
		// Absent (the parts after it go on) or the part's own starts.
		if s := literalStarts(re.Sub[0]); s != nil {
			return append([]start{{"", true}}, s...)
		}
	case syntax.OpStar:
		if s := literalStarts(re.Sub[0]); s != nil {
			return append([]start{{"", true}}, closed(s)...)
		}
	case syntax.OpPlus:
		return closed(literalStarts(re.Sub[0]))
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return closed(literalStarts(re.Sub[0]))
		}
	case syntax.OpAlternate:
		return alternateStarts(re.Sub)
	case syntax.OpConcat:
		return concatStarts(re.Sub)
	}
	return nil
}

// closed marks starts as not to be extended: a repeated part may go on
// with more of itself.
func closed(s []start) []start {
	for i := range s {
		s[i].open = false
	}
	return s
}

// classStarts expands a small character class into its runes.
func classStarts(re *syntax.Regexp) []start {
	const maxRunes = 16
	var out []start
	for i := 0; i+1 < len(re.Rune); i += 2 {
		if re.Rune[i+1]-re.Rune[i] >= maxRunes {
			return nil
		}
		for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
			out = append(out, start{string(r), true})
		}
		if len(out) > maxRunes {
			return nil
		}
	}
	return out
}

// alternateStarts joins the alternatives' sets; one alternative without a
// set leaves the whole without one.
func alternateStarts(subs []*syntax.Regexp) []start {
	var out []start
	for _, sub := range subs {
		s := literalStarts(sub)
		if s == nil {
			return nil
		}
		out = append(out, s...)
		if len(out) > maxGateStrings {
			return nil
		}
	}
	return out
}

// concatStarts extends the open starts part by part.
func concatStarts(subs []*syntax.Regexp) []start {
	out := []start{{"", true}}
	for _, sub := range subs {
		if !anyOpen(out) {
			break
		}
		s := literalStarts(sub)
		if s == nil || len(out)*len(s) > maxGateStrings {
			return closed(out)
		}
		var next []start
		for _, a := range out {
			if !a.open {
				next = append(next, a)
				continue
			}
			for _, b := range s {
				next = append(next, start{a.s + b.s, b.open})
			}
		}
		out = next
	}
	return out
}

func anyOpen(s []start) bool {
	for _, x := range s {
		if x.open {
			return true
		}
	}
	return false
}

// anchoredAtStart reports whether every match of re begins at the start
// of the text.
func anchoredAtStart(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpBeginText:
		return true
	case syntax.OpCapture:
		return anchoredAtStart(re.Sub[0])
	case syntax.OpConcat:
		return len(re.Sub) > 0 && anchoredAtStart(re.Sub[0])
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if !anchoredAtStart(sub) {
				return false
			}
		}
		return true
	}
	return false
}

// startTrie is a byte trie of the strings a match may begin with, its
// nodes in one slice and each node's children in a short list: built for
// every pattern at start, it must not cost an allocation per byte.
type startTrie struct {
	nodes []trieNode
}

type trieNode struct {
	end  bool // a string ends here
	next []trieEdge
}

type trieEdge struct {
	b    byte
	node int32
}

// child is node n's child for byte b, or -1.
func (t *startTrie) child(n int32, b byte) int32 {
	for _, e := range t.nodes[n].next {
		if e.b == b {
			return e.node
		}
	}
	return -1
}

func (t *startTrie) add(s string) {
	if len(t.nodes) == 0 {
		t.nodes = append(t.nodes, trieNode{})
	}
	n := int32(0)
	for i := 0; i < len(s); i++ {
		if t.nodes[n].end {
			return // a shorter string already covers s
		}
		c := t.child(n, s[i])
		if c < 0 {
			c = int32(len(t.nodes))
			t.nodes = append(t.nodes, trieNode{})
			t.nodes[n].next = append(t.nodes[n].next, trieEdge{s[i], c})
		}
		n = c
	}
	t.nodes[n].end, t.nodes[n].next = true, nil
}

// prefixOf reports whether s begins with one of the trie's strings.
func (t *startTrie) prefixOf(s string) bool {
	if len(t.nodes) == 0 {
		return false
	}
	n := int32(0)
	for i := 0; ; i++ {
		if t.nodes[n].end {
			return true
		}
		if i == len(s) {
			return false
		}
		if n = t.child(n, s[i]); n < 0 {
			return false
		}
	}
}
