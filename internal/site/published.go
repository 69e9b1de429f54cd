package site

import (
	"slices"
	"strings"
	"sync"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/extract"
)

// bidiControls are the explicit bidirectional embedding, override and
// isolate characters (U+202A–U+202E, U+2066–U+2069): in partner text they
// can make a reader see words in another order than the one written
// ("Trojan Source"), and no prayer point needs them.
var bidiControls = strings.NewReplacer(
	"\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "",
)

// stripBidi removes bidiControls from s.
func stripBidi(s string) string {
	if !strings.ContainsAny(s, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") {
		return s
	}
	return bidiControls.Replace(s)
}

// sanitizedHTML remembers the sanitized form of the point HTML a site has
// published: a build renders each item into several feeds and formats,
// and sanitizing costs far more than a map lookup.
type sanitizedHTML struct {
	mu   sync.Mutex
	done map[string]string
}

// maxSanitized bounds what a sanitizedHTML holds; past it, it starts over.
const maxSanitized = 20_000

func (c *sanitizedHTML) sanitize(h string) string {
	c.mu.Lock()
	out, ok := c.done[h]
	c.mu.Unlock()
	if ok {
		return out
	}
	// Stored HTML is never checked again when it is read back: a row
	// written by an older version, restored from a backup or edited by
	// hand is held to the extractor's rules here.
	out = extract.SanitizeHTML(stripBidi(h))
	c.mu.Lock()
	if c.done == nil || len(c.done) >= maxSanitized {
		c.done = make(map[string]string)
	}
	c.done[h] = out
	c.mu.Unlock()
	return out
}

// publishable is it as it may be published: its HTML sanitized again and
// no bidirectional controls in its text.
func (s *Site) publishable(it feed.Item) feed.Item {
	it.HTML = s.sanitized.sanitize(it.HTML)
	it.Text = stripBidi(it.Text)
	it.UpdateTitle = stripBidi(it.UpdateTitle)
	it.PartnerName = stripBidi(it.PartnerName)
	// A new slice: the store's may be shared by several renders.
	it.Copies = slices.Clone(it.Copies)
	for i := range it.Copies {
		it.Copies[i].UpdateTitle = stripBidi(it.Copies[i].UpdateTitle)
		it.Copies[i].PartnerName = stripBidi(it.Copies[i].PartnerName)
	}
	return it
}
