package extract

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Calendars and diaries often reach us with their entries run together in
// one paragraph: the text of a PDF, or a page whose line breaks were lost
// ("Segunda-feira Ore para que … Terça-feira Ore pelos …", "1 Pray for …
// 2 Pray for …", "Day 14 – … Day 15 – …"). Each labelled stretch is an
// entry, as if it had stood on a line of its own. A paragraph that starts
// with a day label is an entry too: its kind comes from its own words or
// the heading above, and its label is not part of its text.

// entryRuns turns paragraphs that hold day-labelled or numbered entries
// into list entries, one per label, without the labels.
func entryRuns(blocks []*block) []*block {
	var out []*block
	for _, b := range blocks {
		if (b.kind != bPara && b.kind != bItem) || len(b.children) > 0 {
			out = append(out, b)
			continue
		}
		text := plain(b.toks, " ")
		cuts := runCuts(text)
		if len(cuts) == 0 {
			out = append(out, b)
			continue
		}
		out = append(out, entries(b, cuts)...)
	}
	return out
}

// runCut is where an entry's label starts and how long it is.
type runCut struct{ at, n int }

// entries splits b at cuts. Text before the first label is a paragraph of
// its own (a lead-in, say).
func entries(b *block, cuts []runCut) []*block {
	var out []*block
	rest := b.toks
	offset := 0
	pieces := make([][]tok, 0, len(cuts)+1)
	for _, c := range cuts {
		left, right := splitAt(rest, c.at-offset)
		pieces = append(pieces, left)
		rest, offset = right, c.at
	}
	pieces = append(pieces, rest)
	if t := plain(pieces[0], " "); hasWord(t) {
		out = append(out, &block{kind: b.kind, depth: b.depth, toks: pieces[0]})
	}
	for i, c := range cuts {
		toks := cut(pieces[i+1], c.n)
		if !hasWord(plain(toks, " ")) {
			continue
		}
		entry, after := endOfEntry(toks)
		out = append(out, &block{kind: bItem, depth: b.depth, toks: entry})
		if after != nil {
			out = append(out, &block{kind: bPara, depth: b.depth, toks: after})
		}
	}
	return out
}

// endOfEntry ends an entry of a run at a sentence that opens with a
// label of its own ("… Interceda pelos missionários. Foco da semana:
// Antes de sair …"): the diary's next section, run in after the entry.
func endOfEntry(toks []tok) (entry, after []tok) {
	text := plain(toks, " ")
	for _, s := range sentenceStarts(text)[1:] {
		r, _ := utf8.DecodeRuneInString(text[s:])
		if unicode.IsUpper(r) && topicLabel(text[s:]) > 0 {
			left, right := splitAt(toks, s)
			return left, trimLeft(right)
		}
	}
	return toks, nil
}

// runCuts finds the labels of a run of entries in text: a paragraph that
// starts with a day label, or that holds at least minRun day labels, or
// numbers counting up from one ("1 Pray … 2 Pray …"), each at the start
// of a word and followed by a capital.
func runCuts(text string) []runCut {
	if n, ok := dayLabel(text); ok {
		cuts := []runCut{{0, n}}
		return append(cuts, dayCuts(text, n)...)
	}
	if cuts := dayCuts(text, 0); len(cuts) >= minRun {
		return cuts
	}
	return numberCuts(text)
}

// dayCuts finds day labels after from that start a sentence or follow a
// clause of the entry before.
func dayCuts(text string, from int) []runCut {
	var cuts []runCut
	for i := from; i < len(text); i++ {
		if text[i] != ' ' {
			continue
		}
		j := i + 1
		r, _ := utf8.DecodeRuneInString(text[j:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && r != '*' && !unicode.Is(unicode.Hangul, r) {
			continue
		}
		if n, ok := dayLabel(text[j:]); ok && (unicode.IsUpper(r) || r == '*' || labelEndsEntry(text[:i])) {
			cuts = append(cuts, runCut{j, n})
			i = j + n - 1
		}
	}
	return cuts
}

// labelEndsEntry reports text before a label that a lower-case or numeric
// label may follow: the end of a sentence.
func labelEndsEntry(before string) bool {
	return endsSentence(before)
}

// numberCuts finds numbers counting up from one, each at the start of a
// word, followed by an optional "." or ")" and a capital: a numbered list
// whose line breaks were lost.
func numberCuts(text string) []runCut {
	var cuts []runCut
	want := 1
	for i := 0; i < len(text); i++ {
		if i > 0 && text[i-1] != ' ' || text[i] < '0' || text[i] > '9' {
			continue
		}
		j := i
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if v, err := strconv.Atoi(text[i:j]); err != nil || v != want {
			continue
		}
		k := j
		if k < len(text) && (text[k] == '.' || text[k] == ')') {
			k++
		}
		t := strings.TrimLeft(text[k:], " ")
		if len(t) == len(text[k:]) || t == "" {
			continue
		}
		// An entry may be quoted ("1) ‘Pray for …’ 2) ‘Pray …’").
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(t, openQuotes)); !unicode.IsUpper(r) {
			continue
		}
		cuts = append(cuts, runCut{i, len(text) - len(t) - i})
		want++
		i = len(text) - len(t) - 1
	}
	if len(cuts) < minRun+1 {
		return nil
	}
	return cuts
}

// openQuotes open a quotation, closeQuotes close one.
const (
	openQuotes  = "\"'“‘«„‚"
	closeQuotes = "\"'”’»“"
)
