package store

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// similarEnough is the word-set Jaccard similarity at or above which a new
// version of a point is the same point lightly edited.
const similarEnough = 0.8

// words splits text into lower-case words: runs of letters, digits, '_' and
// apostrophes, apostrophes (straight or curly, made straight) trimmed from
// each end. It matches the extraction scorer's notion of a word, except
// that without golang.org/x/text it does not compose accents first.
func words(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || isApostrophe(r)
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = appendWord(out, text[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = appendWord(out, text[start:])
	}
	return out
}

// appendWord appends w trimmed of apostrophes and lower-cased, if any of
// it is left; most words need no copy.
func appendWord(out []string, w string) []string {
	w = strings.TrimFunc(w, isApostrophe)
	if w == "" {
		return out
	}
	for _, r := range w {
		if r >= utf8.RuneSelf || ('A' <= r && r <= 'Z') || r == '`' {
			return append(out, strings.Map(lowerStraight, w))
		}
	}
	return append(out, w)
}

func lowerStraight(r rune) rune {
	if isApostrophe(r) {
		return '\''
	}
	return unicode.ToLower(r)
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02bc', '\u00b4', '`':
		return true
	}
	return false
}

// normalize is text as the words it is made of, joined by single spaces:
// what an item's id is computed from.
func normalize(text string) string { return strings.Join(words(text), " ") }

// wordSet is the set of a text's words.
type wordSet map[string]struct{}

func newWordSet(text string) wordSet {
	return wordSetOf(words(text))
}

func wordSetOf(words []string) wordSet {
	ws := make(wordSet, len(words))
	for _, w := range words {
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
// found and its words (normalized: see normalize), so the same point read again gets the
// same id. salt is empty for the first choice; a point whose first choice
// is taken in its update (a repeated point, or one that changed kind) is
// salted with its position, then a counter.
//
// The id is 12 bytes (16 base64url characters): 3 from the source alone,
// then 9 from everything. Sharing the prefix keeps one source's items
// together in the id index, so saving a source dirties a few index pages
// rather than one page per item; 72 bits still make a collision within one
// source practically impossible.
func itemID(partner, source, guid, normalized, salt string) string {
	id := make([]byte, 0, 12)
	id = append(id, fieldsHash(partner, source)[:3]...)
	id = append(id, fieldsHash(partner, source, guid, normalized, salt)[:9]...)
	return base64.RawURLEncoding.EncodeToString(id)
}

// updateKey identifies an update (partner, source, GUID) in 64 bits, for
// the feed-order index; a collision would only interleave two updates
// published at the same instant.
func updateKey(partner, source, guid string) int64 {
	return int64(binary.BigEndian.Uint64(fieldsHash(partner, source, guid)))
}

// fieldsHash is the SHA-256 of fields, each length-prefixed so that no
// two lists of fields run together into the same bytes.
func fieldsHash(fields ...string) []byte {
	h := sha256.New()
	for _, f := range fields {
		h.Write([]byte(strconv.Itoa(len(f))))
		h.Write([]byte{':'})
		h.Write([]byte(f))
	}
	return h.Sum(nil)
}
