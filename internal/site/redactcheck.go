package site

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
)

// RedactCheck is what `prayerfeed check --redact` reports of one name a
// partner redacts.
type RedactCheck struct {
	PartnerID, Name, Replacement string
	// Forms are spellings of the name a reader would still recognise,
	// each tried through the redactor: Caught says whether it was replaced.
	Forms []RedactForm
	// Leaks are stored items whose published text still holds the name
	// or a word of it after redaction.
	Leaks []RedactLeak
}

// RedactForm is one spelling of a redacted name and whether redaction
// catches it.
type RedactForm struct {
	Label, Text string
	Caught      bool
}

// RedactLeak is one place a name may still be published.
type RedactLeak struct {
	ItemID, PartnerID, Field, Snippet string
}

// CheckRedactions tries every redacted name's spellings through the
// redactor and looks for each in the newest stored items (up to
// feed.MaxLimit, private partners' included) as they would be published.
func (s *Site) CheckRedactions(ctx context.Context) ([]RedactCheck, error) {
	items, err := s.st.Items(ctx, feed.Query{Limit: feed.MaxLimit})
	if err != nil {
		return nil, fmt.Errorf("check redactions: %w", err)
	}
	var out []RedactCheck
	for _, p := range s.cfg.Partners {
		for _, name := range slices.Sorted(maps.Keys(p.Redact)) {
			c := RedactCheck{PartnerID: p.ID, Name: name, Replacement: p.Redact[name]}
			for _, f := range nameForms(name) {
				got := s.redact.Text(p.ID, f.Text)
				f.Caught = strings.Contains(got, c.Replacement) && len(s.redact.rules(p.ID).matches(got, false)) == 0
				c.Forms = append(c.Forms, f)
			}
			c.Leaks = s.leaks(items, name)
			out = append(out, c)
		}
	}
	return out, nil
}

// nameForms are the spellings of name a reader would still read as it.
func nameForms(name string) []RedactForm {
	folded := foldRunes(name)
	var spelled strings.Builder
	for _, r := range name {
		if sp := spellings[r]; len(sp) > 0 {
			spelled.WriteString(sp[0])
		} else {
			spelled.WriteRune(r)
		}
	}
	var wide strings.Builder
	for _, r := range name {
		if r > ' ' && r < 0x7f {
			r += 0xFEE0
		}
		wide.WriteRune(r)
	}
	words := strings.Fields(name)
	last := words[len(words)-1]
	mid := len(last) / 2
	for !utf8.RuneStart(last[mid]) {
		mid--
	}
	zw := strings.Join(words[:len(words)-1], " ") + " " + last[:mid] + "\u200b" + last[mid:]
	forms := []RedactForm{
		{Label: "as written", Text: "Pray for " + name + " today."},
		{Label: "upper case", Text: "PRAY FOR " + strings.ToUpper(name) + "."},
		{Label: "without accents", Text: "Pray for " + folded + " today."},
		{Label: "ASCII spelling", Text: "Pray for " + spelled.String() + " today."},
		{Label: "fullwidth letters", Text: "Pray for " + wide.String() + " today."},
		{Label: "zero-width space inside", Text: "Pray for " + strings.TrimSpace(zw) + " today."},
		{Label: "double-escaped entity", Text: "Pray for " + strings.ReplaceAll(htmlEntityFor(name), "&", "&amp;") + " today."},
	}
	if len(words) > 1 {
		for _, w := range words {
			if utf8.RuneCountInString(w) >= 3 && !nameParticles[strings.ToLower(w)] {
				forms = append(forms, RedactForm{Label: "'" + w + "' alone", Text: "Pray for " + w + " today."})
			}
		}
	}
	return forms
}

// htmlEntityFor writes name's non-ASCII letters as character references.
func htmlEntityFor(name string) string {
	var b strings.Builder
	for _, r := range name {
		if r < 0x80 {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.String()
}

// leaks finds items whose published fields still hold name, or a word of
// it in any case, once redacted.
func (s *Site) leaks(items []feed.Item, name string) []RedactLeak {
	loose := compileLoose(name)
	var out []RedactLeak
	for _, it := range items {
		pub := s.redact.Item(s.publishable(it))
		for _, f := range []struct{ field, text string }{
			{"text", pub.Text}, {"html", pub.HTML}, {"update title", pub.UpdateTitle}, {"link", pub.UpdateLink},
		} {
			if ms := loose.matches(f.text, true); len(ms) > 0 {
				m := ms[0]
				from, to := max(0, m.start-30), min(len(f.text), m.end+30)
				for from > 0 && !utf8.RuneStart(f.text[from]) {
					from--
				}
				for to < len(f.text) && !utf8.RuneStart(f.text[to]) {
					to++
				}
				out = append(out, RedactLeak{ItemID: it.ID, PartnerID: it.PartnerID, Field: f.field, Snippet: f.text[from:to]})
			}
		}
	}
	return out
}

// compileLoose is the rules of name alone, its words matching in any case.
func compileLoose(name string) *wordRules {
	wr := compileRules([]config.Partner{{Redact: map[string]string{name: "?"}}}, "")
	for i := range wr.rules {
		wr.rules[i].common = false
	}
	return wr
}
