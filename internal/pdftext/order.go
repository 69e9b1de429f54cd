package pdftext

import (
	"slices"
)

// Order returns a page's blocks in reading order by a recursive XY cut:
// where a vertical gap (a gutter) runs through the whole region, the
// columns left of it are read before those right of it; otherwise, where a
// horizontal gap runs across it, the parts above are read first. Gutters
// are tried first, so paragraphs of two columns that happen to line up are
// never read across; a heading spanning both columns blocks the gutter, so
// the region is cut above and below it instead. A region with no gap is
// read top to bottom.
func Order(blocks []Block) []Block {
	if len(blocks) <= 1 {
		return blocks
	}
	if parts := cut(blocks, xSpan); len(parts) > 1 {
		return orderParts(parts)
	}
	if parts := cut(blocks, func(b Block) (float64, float64) { return b.Box.Y0, b.Box.Y1 }); len(parts) > 1 {
		return orderParts(mergeColumns(parts))
	}
	out := slices.Clone(blocks)
	slices.SortStableFunc(out, func(a, b Block) int {
		if a.Box.Y0 != b.Box.Y0 {
			return cmpFloat(a.Box.Y0, b.Box.Y0)
		}
		return cmpFloat(a.Box.X0, b.Box.X0)
	})
	return out
}

// mergeColumns joins neighbouring horizontal strips while together they
// still have a gutter: two columns whose paragraphs line up leave gaps
// across the page between every row, and reading strip by strip would
// interleave them. A strip that spans the gutter (a heading, a footnote)
// stays on its own.
func mergeColumns(strips [][]Block) [][]Block {
	out := [][]Block{strips[0]}
	for _, s := range strips[1:] {
		last := out[len(out)-1]
		joined := append(slices.Clone(last), s...)
		if len(cut(joined, xSpan)) > 1 {
			out[len(out)-1] = joined
			continue
		}
		out = append(out, s)
	}
	return out
}

func xSpan(b Block) (float64, float64) { return b.Box.X0, b.Box.X1 }

func orderParts(parts [][]Block) []Block {
	var out []Block
	for _, p := range parts {
		out = append(out, Order(p)...)
	}
	return out
}

// minGap is the narrowest gap, in points, that separates two parts: less
// is the space between words or lines.
const minGap = 4

// cut splits blocks where no block covers an interval of at least minGap
// along one axis (span gives a block's extent on it), in order.
func cut(blocks []Block, span func(Block) (float64, float64)) [][]Block {
	sorted := slices.Clone(blocks)
	slices.SortStableFunc(sorted, func(a, b Block) int {
		a0, _ := span(a)
		b0, _ := span(b)
		return cmpFloat(a0, b0)
	})
	var parts [][]Block
	var cur []Block
	end := 0.0
	for _, b := range sorted {
		lo, hi := span(b)
		if len(cur) > 0 && lo-end >= minGap {
			parts = append(parts, cur)
			cur = nil
		}
		if len(cur) == 0 {
			end = hi
		}
		end = max(end, hi)
		cur = append(cur, b)
	}
	return append(parts, cur)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
