package extract

import (
	"os"
	"regexp/syntax"
	"slices"
	"strings"
	"testing"
)

func TestLiteralStarts(t *testing.T) {
	tests := []struct {
		name, expr string
		want       []string // nil: no prefilter
	}{
		{"literal", `^pray for`, []string{"pray for"}},
		{"alternatives", `^(?:pray|thank god)\b`, []string{"pray", "thank god"}},
		{"optional word", `^(?:please )?pray`, []string{"pray", "please pray"}},
		{"repeat stops the set", `^pray+ now`, []string{"pray"}},
		{"class", `^[ab]c`, []string{"ac", "bc"}},
		{"digits", `^\d+ comments`, []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}},
		{"any word first", `^\S+ prays`, nil},
		{"may be empty", `^(?:pray)?`, nil},
		{"case folded", `(?i)^pray`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tree, err := syntax.Parse(tt.expr, syntax.Perl)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range literalStarts(tree.Simplify()) {
				if s.s == "" {
					got = nil
					break
				}
				got = append(got, s.s)
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("starts of %q = %q, want %q", tt.expr, got, want)
			}
		})
	}
}

func TestPatternAnchoring(t *testing.T) {
	tests := []struct {
		expr, text string
		want       bool
	}{
		{`^(?:pray|praise)\b`, "praise god", true},
		{`^(?:pray|praise)\b`, "we pray", false},
		{`\b(?:pray|praise)\b`, "we pray", true},
		{`\b(?:pray|praise)\b`, "we prey", false},
		{`(?:read more)[\s.]*$`, "to read the story, read more ...", true},
		{`^(?:pray|praise)\b`, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.expr+" "+tt.text, func(t *testing.T) {
			p, err := newPattern(tt.expr)
			if err != nil {
				t.Fatal(err)
			}
			if p.startSet() == nil {
				t.Fatalf("%q has no prefilter", tt.expr)
			}
			if got := p.MatchString(tt.text); got != tt.want {
				t.Errorf("MatchString(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

// TestPrefilterAgrees checks every vocabulary pattern's prefilter against
// its regexp on every line of the cases, folded and not, and on each
// line's sentence starts: the prefilter may only save work, never change
// an answer.
func TestPrefilterAgrees(t *testing.T) {
	var texts []string
	for _, in := range caseFiles(t) {
		raw, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			f := folded(line)
			texts = append(texts, line, f)
			for _, i := range sentenceStarts(f) {
				texts = append(texts, f[i:])
			}
		}
	}
	gated := 0
	for name, p := range vocab.patterns {
		if p.startSet() != nil {
			gated++
		}
		for _, s := range texts {
			agree(t, name, p, s)
		}
	}
	// The prefilter is the point of pattern: most of the vocabulary must
	// have one, or the extractor is slow again.
	if gated*2 < len(vocab.patterns) {
		t.Errorf("only %d of %d patterns have a prefilter", gated, len(vocab.patterns))
	}
}

// FuzzPrefilter looks for a text on which a prefilter and its regexp
// disagree.
func FuzzPrefilter(f *testing.F) {
	for _, s := range []string{"pray for the team", "Praise God!", "read more »", "기도해 주세요", "Orem por nós", "3 comments"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for name, p := range vocab.patterns {
			agree(t, name, p, s)
			agree(t, name, p, folded(s))
		}
	})
}

func agree(t *testing.T, name string, p *pattern, s string) {
	t.Helper()
	if got, want := p.MatchString(s), p.Regexp.MatchString(s); got != want {
		t.Fatalf("%s.MatchString(%q) = %v with its prefilter, %v without", name, s, got, want)
	}
	if got, want := p.FindStringIndex(s), p.Regexp.FindStringIndex(s); !slices.Equal(got, want) {
		t.Fatalf("%s.FindStringIndex(%q) = %v with its prefilter, %v without", name, s, got, want)
	}
}
