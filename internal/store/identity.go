package store

import (
	"crypto/sha256"
	"encoding/base64"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// similarEnough is the word-set Jaccard similarity at or above which a new
// version of a point is the same point lightly edited.
const similarEnough = 0.8

// words splits text into lower-case words: runs of letters, digits, '_' and
// apostrophes, apostrophes (straight or curly) trimmed from each end. It
// matches the extraction scorer's notion of a word, except that without
// golang.org/x/text it does not compose accents first.
func words(text string) []string {
	var out []string
	f := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && !isApostrophe(r)
	})
	for _, w := range f {
		w = strings.TrimFunc(w, isApostrophe)
		if w == "" {
			continue
		}
		out = append(out, strings.Map(straightApostrophe, w))
	}
	return out
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u00b4', '`':
		return true
	}
	return false
}

func straightApostrophe(r rune) rune {
	if isApostrophe(r) {
		return '\''
	}
	return r
}

// wordSet is the set of a text's words.
type wordSet map[string]struct{}

func newWordSet(text string) wordSet {
	ws := wordSet{}
	for _, w := range words(text) {
		ws[w] = struct{}{}
	}
	return ws
}

// jaccard is |a∩b| / |a∪b|; a text with no words is similar to nothing.
func jaccard(a, b wordSet) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	common := 0
	for w := range a {
		if _, ok := b[w]; ok {
			common++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// candidate is one point to match: its kind, words and position.
type candidate struct {
	kind     string
	words    wordSet
	position int
}

// match pairs new points with old ones of the same kind whose words are
// similarEnough, greedily best first and one to one: result[i] is the index
// into old matched with new[i], or -1. Ties go to the pair whose positions
// are closest, so repeated identical points keep their own ids.
func match(news, olds []candidate) []int {
	type pair struct {
		score    float64
		dist     int
		new, old int
	}
	var pairs []pair
	for i, n := range news {
		for j, o := range olds {
			if n.kind != o.kind {
				continue
			}
			if s := jaccard(n.words, o.words); s >= similarEnough {
				d := n.position - o.position
				pairs = append(pairs, pair{s, max(d, -d), i, j})
			}
		}
	}
	sort.Slice(pairs, func(a, b int) bool {
		p, q := pairs[a], pairs[b]
		if p.score != q.score {
			return p.score > q.score
		}
		if p.dist != q.dist {
			return p.dist < q.dist
		}
		if p.new != q.new {
			return p.new < q.new
		}
		return p.old < q.old
	})
	result := make([]int, len(news))
	for i := range result {
		result[i] = -1
	}
	used := make([]bool, len(olds))
	for _, p := range pairs {
		if result[p.new] >= 0 || used[p.old] {
			continue
		}
		result[p.new] = p.old
		used[p.old] = true
	}
	return result
}

// itemID is the id of a new point: a short URL-safe hash of where it was
// found and its normalized words, so the same point read again gets the
// same id. salt is empty for the first choice; a point whose first choice
// is taken in its update (a repeated point, or one that changed kind) is
// salted with its position, then a counter.
func itemID(partner, source, guid, text, salt string) string {
	h := sha256.New()
	for _, part := range []string{partner, source, guid, strings.Join(words(text), " "), salt} {
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	// 96 bits: 16 characters, and no collision in any store's lifetime.
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:12])
}
