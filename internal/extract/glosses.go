package extract

// Prayer guides often set each request as a numbered line with a short
// explanation under it, as a paragraph of its own:
//
//	1. Pray for us as we teach in Spanish. (Ephesians 6:19)
//
//	We must share the Word with boldness in our second language!
//
//	2. Pray that …
//
// The explanation belongs to the request above it: a reader praying
// through the list reads the two together. A run of entries that each ask
// for prayer and paragraphs that each ask nothing, alternating, is read that way: each
// paragraph joins the entry before it.

// minGlossed is how many entries of a run must have an explanation under
// them before the run is read as requests with their explanations: one
// paragraph after one entry may as well be the letter going on.
const minGlossed = 2

// glossed joins to each asking list entry the paragraph that explains it,
// in runs where entries and such paragraphs alternate.
func glossed(blocks []*block) []*block {
	var out []*block
	for i := 0; i < len(blocks); {
		n := glossRun(blocks[i:])
		if n < minGlossed {
			out = append(out, blocks[i])
			i++
			continue
		}
		for j := 0; j < n; j++ {
			entry, gloss := blocks[i+2*j], blocks[i+2*j+1]
			out = append(out, &block{kind: bItem, depth: entry.depth, toks: joinToks(entry.toks, gloss.toks)})
		}
		i += 2 * n
	}
	return out
}

// glossRun counts the entry-and-explanation pairs at the start of blocks.
func glossRun(blocks []*block) int {
	n := 0
	// The block kinds first: most entries are followed by entries, and
	// reading a block's words costs far more.
	for 2*n+1 < len(blocks) && blocks[2*n].kind == bItem && blocks[2*n+1].kind == bPara &&
		asksAlone(blocks[2*n]) && explains(blocks[2*n+1]) {
		n++
	}
	return n
}

// asksAlone reports a list entry with no sub-entries that asks for
// prayer. Thanks are not explained this way: a paragraph under a thanks
// entry tells the news it gives thanks for, and stands on its own.
func asksAlone(b *block) bool {
	return b.kind == bItem && len(b.children) == 0 && requestKind(plain(b.toks, " ")) == kindPrayer
}

// explains reports a paragraph that could explain the entry above it: it
// asks nothing itself and is not a sign-off or a notice.
func explains(b *block) bool {
	if b.kind != bPara || len(b.children) > 0 || b.stanza {
		return false
	}
	text := plain(b.toks, " ")
	return hasWord(text) && requestKind(text) == kindNone && !isClosing(text) && !isNotice(text) && !endsWithColon(text)
}
