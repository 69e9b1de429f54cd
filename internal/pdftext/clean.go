package pdftext

import (
	"regexp"
	"strings"
)

// margin is the share of a page's height at its top and at its bottom
// where running headers and footers sit.
const margin = 0.1

// pageNumber matches a block that is only a page number: "3", "- 3 -",
// "Page 3", "page 3 of 7", "3/7".
var pageNumber = regexp.MustCompile(`(?i)^[-–—\s]*(page|p\.|seite|página|pagina)?\s*\d{1,5}\s*((of|/|von|de|sur)\s*\d{1,5})?[-–—\s]*$`)

// digits lets "Spring letter 2026 · 3" on one page match "… · 4" on the next.
var digits = regexp.MustCompile(`\d+`)

// dropFurniture removes the blocks in a page's top or bottom margin that
// are only a page number, or whose text, digits aside, recurs in the
// margins of at least half the pages (two at least): running headers and
// footers. Text in the body of a page is never dropped.
func dropFurniture(pages []Page) []Page {
	count := map[string]int{}
	for _, p := range pages {
		seen := map[string]bool{}
		for _, b := range p.Blocks {
			if k := marginKey(p, b); k != "" && !seen[k] {
				seen[k] = true
				count[k]++
			}
		}
	}
	need := max(2, (len(pages)+1)/2)
	out := make([]Page, len(pages))
	for i, p := range pages {
		out[i] = Page{Width: p.Width, Height: p.Height}
		for _, b := range p.Blocks {
			k := marginKey(p, b)
			if k != "" && (count[k] >= need || pageNumber.MatchString(b.Text())) {
				continue
			}
			out[i].Blocks = append(out[i].Blocks, b)
		}
	}
	return out
}

// marginKey is the block's text, digits aside, when it lies in the
// page's top or bottom margin; else "".
func marginKey(p Page, b Block) string {
	if p.Height <= 0 || (b.Box.Y1 > p.Height*margin && b.Box.Y0 < p.Height*(1-margin)) {
		return ""
	}
	return strings.ToLower(digits.ReplaceAllString(strings.Join(strings.Fields(b.Text()), " "), "#"))
}
