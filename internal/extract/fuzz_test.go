package extract

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
)

// FuzzPoints feeds the extractor arbitrary content in every format: it
// must not crash, and every point it returns must be publishable.
func FuzzPoints(f *testing.F) {
	for _, in := range caseFiles(f) {
		b, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b), uint8(FormatAuto))
	}
	f.Add("<ul><li><ul><li><ul><li>Pray: x</li></ul></li></ul></li></ul>", uint8(FormatHTML))
	f.Add(strings.Repeat("<div>", 5000)+"Prayer: deep", uint8(FormatHTML))
	f.Add("Praise: a. Prayer: b. Praise: c. Prayer: d.", uint8(FormatText))
	f.Add("**Pray:** [x](javascript:alert(1)) <script>alert(1)</script>", uint8(FormatMarkdown))
	f.Add("- a\n   - b\n      - c\n\t\t- d", uint8(FormatMarkdown))
	f.Fuzz(func(t *testing.T, content string, format uint8) {
		for _, p := range Points(content, Format(format%4), Options{Markers: Markers{Prayer: []string{"🕯"}, Praise: []string{"Wins"}}}) {
			if p.Kind != feed.KindPrayer && p.Kind != feed.KindPraise {
				t.Fatalf("kind %q", p.Kind)
			}
			if p.Text == "" || p.Text != collapse(p.Text) {
				t.Fatalf("text not clean: %q", p.Text)
			}
			if !utf8.ValidString(p.Text) || !utf8.ValidString(p.HTML) {
				t.Fatalf("invalid UTF-8 in %q / %q", p.Text, p.HTML)
			}
			if h := strings.ToLower(p.HTML); strings.Contains(h, "<script") || strings.Contains(h, "javascript:") || strings.Contains(h, " on") && strings.Contains(h, "=") && strings.Contains(h, "<") && hasHandler(h) {
				t.Fatalf("unsafe HTML: %q", p.HTML)
			}
		}
	})
}

// hasHandler reports an event-handler attribute inside a tag.
func hasHandler(h string) bool {
	for {
		i := strings.IndexByte(h, '<')
		if i < 0 {
			return false
		}
		j := strings.IndexByte(h[i:], '>')
		if j < 0 {
			return false
		}
		tag := h[i : i+j]
		for _, f := range strings.Fields(tag)[1:] {
			if strings.HasPrefix(f, "on") {
				return true
			}
		}
		h = h[i+j:]
	}
}

// BenchmarkPoints measures extraction over a realistic mix of updates
// (every hand-labelled case: HTML pages and fragments, Markdown, e-mail
// text) and reports updates per second.
func BenchmarkPoints(b *testing.B) {
	type input struct {
		content string
		format  Format
	}
	var mix []input
	for _, in := range caseFiles(b) {
		raw, err := os.ReadFile(in)
		if err != nil {
			b.Fatal(err)
		}
		mix = append(mix, input{string(raw), FormatForFile(in, string(raw))})
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		in := mix[n%len(mix)]
		Points(in.content, in.format, Options{})
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "updates/s")
}
