package worker

import (
	"strings"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

// maxTitleBytes bounds an update's title: a reader's list shows a line,
// and a partner's title is never a page long unless something is broken.
const maxTitleBytes = 1 << 10

// capUpdate bounds what one update can cost the extractor and the store:
// content past max bytes is cut at the last tag boundary before it, and
// the title past maxTitleBytes. Cutting rather than skipping keeps the
// points written before, say, a megabyte of inline images; the point that
// runs across the cut may end early, which is the lesser loss.
func capUpdate(u fetcher.Update, max int) fetcher.Update {
	u.HTML = truncateHTML(u.HTML, max)
	u.Text = truncateUTF8(u.Text, max)
	u.Title = truncateUTF8(u.Title, maxTitleBytes)
	return u
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// truncateHTML cuts h to at most n bytes, backing up to before the last
// '<' so that no half-written tag or attribute is left for a parser to
// guess at.
func truncateHTML(h string, n int) string {
	if len(h) <= n {
		return h
	}
	h = truncateUTF8(h, n)
	if i := strings.LastIndexByte(h, '<'); i >= 0 && strings.IndexByte(h[i:], '>') < 0 {
		h = h[:i]
	}
	return h
}

// uniqueUpdates keeps the first update of each GUID. A feed that repeats
// an entry (a broken CMS, a merged archive) would otherwise store its
// points once per copy, since the store tells identical points of one
// update apart by position.
func uniqueUpdates(updates []fetcher.Update) []fetcher.Update {
	seen := make(map[string]bool, len(updates))
	out := updates[:0:0]
	for _, u := range updates {
		if seen[u.GUID] {
			continue
		}
		seen[u.GUID] = true
		out = append(out, u)
	}
	return out
}
