package fetcher

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
)

// relativeTimeRe matches the phrases a page rewrites on every view.
var relativeTimeRe = regexp.MustCompile(`(?i)\b(\d+|an?|one)\s+(second|minute|hour|day|week|month|year)s?\s+ago\b|\b(just now|yesterday|today)\b`)

// fingerprint identifies a list entry that has no link of its own by what
// stays put between polls: its title and date when it has both, else its
// title and the words of its content. Numbers, relative times ("3 hours
// ago"), scripts and forms are left out, since view counters, comment
// counts and tokens change on every fetch while the entry does not.
func fingerprint(title string, published time.Time, content *goquery.Selection) string {
	key := stableWords(title)
	if key != "" && !published.IsZero() {
		return contentHash(key + "\x00" + published.UTC().Format(time.DateOnly))
	}
	c := content.Clone()
	c.Find(chrome).Remove()
	return contentHash(key + "\x00" + stableWords(c.Text()))
}

// stableWords lower-cases s and keeps its words without digits.
func stableWords(s string) string {
	s = relativeTimeRe.ReplaceAllString(s, " ")
	var b strings.Builder
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}

func contentHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256:" + hex.EncodeToString(sum[:12])
}
