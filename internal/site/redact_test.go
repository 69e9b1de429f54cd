package site

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

func testRedactor() *redactor {
	return newRedactor([]config.Partner{
		{ID: "kelu", Redact: map[string]string{"Johanna Bergström": "J.", "Åsa": "A.", "Tom": "T."}},
		{ID: "ijm", Redact: map[string]string{"tom": "someone"}},
		{ID: "sim"},
	})
}

func TestRedactText(t *testing.T) {
	r := testRedactor()
	tests := []struct{ name, partner, in, want string }{
		{"whole name", "kelu", "Pray for Johanna Bergström today.", "Pray for J. today."},
		{"any case", "kelu", "JOHANNA BERGSTRÖM and johanna bergström", "J. and J."},
		{"white space inside a name", "kelu", "Johanna\n  Bergström, Johanna\u00a0Bergström", "J., J."},
		{"non-ASCII word edges", "kelu", "Åsa's visa; Åsaby stays; (åsa)", "A.'s visa; Åsaby stays; (A.)"},
		{"not inside a word", "kelu", "Tomorrow Tom and Tomas", "Tomorrow T. and Tomas"},
		{"own partner's replacement wins", "ijm", "Tom", "someone"},
		{"others' words apply too", "sim", "Johanna Bergström", "J."},
		{"no match, unchanged", "sim", "Nothing here", "Nothing here"},
		{"decomposed accents (NFD)", "kelu", "Pray for Johanna Bergstro\u0308m.", "Pray for J.."},
		{"soft hyphen inside a name", "kelu", "Jo\u00adhanna Bergström and To\u200bm", "J. and T."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Text(tt.partner, tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRedactHTML(t *testing.T) {
	wr := testRedactor().rules("kelu")
	tests := []struct{ name, in, want string }{
		{"text node", `<p>Pray for Johanna Bergström.</p>`, `<p>Pray for J..</p>`},
		{"split by inline markup", `<p>Johanna <b>Bergström</b> is well</p>`, `<p>J.<b></b> is well</p>`},
		{"entities", `<p>Johanna Bergstr&ouml;m &amp; Tom</p>`, `<p>J. &amp; T.</p>`},
		{"block tags end words", `<p>Tom</p><p>Smith</p>`, `<p>T.</p><p>Smith</p>`},
		{"markup untouched", `<a href="https://x.example/news" class="tom">Tom</a>`, `<a href="https://x.example/news" class="tom">T.</a>`},
		{"a link naming the person goes", `<a href="https://x.example/tom" class="tom">Tom</a>`, `<a class="tom">T.</a>`},
		{"readable attributes", `<img src="a.jpg" alt="Tom at work">`, `<img src="a.jpg" alt="T. at work">`},
		{"comments dropped", `<p>x<!-- Tom --></p>`, `<p>x<!----></p>`},
		{"nothing to do", `<p>Hello <i>world</i></p>`, `<p>Hello <i>world</i></p>`},
		{"decomposed accent as an entity", `<p>Johanna Bergstr&#x6f;&#x308;m</p>`, `<p>J.</p>`},
		{"soft hyphen entity", `<p>Jo&shy;hanna Bergström</p>`, `<p>J.</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wr.replaceHTML(tt.in); got != tt.want {
				t.Errorf("replaceHTML(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// htmlText is what a reader sees of a fragment: its text nodes and
// readable attributes.
func htmlText(s string) (text string, tags []string) {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		switch tt {
		case html.TextToken:
			b.WriteString(tok.Data)
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tags = append(tags, tt.String()+tok.Data)
			if !inlineTags[tok.Data] {
				b.WriteString("\n")
			}
			for _, a := range tok.Attr {
				if readableAttrs[a.Key] {
					b.WriteString(a.Val + " ")
				}
			}
		}
	}
	return b.String(), tags
}

func FuzzRedactHTML(f *testing.F) {
	f.Add(`<p>Johanna <b>Bergström</b></p>`, "Johanna Bergström")
	f.Add(`<p>Tom &amp; <img alt="Tom">Tomas</p>`, "tom")
	f.Add(`<script>Tom</script><style>p{}</style>`, "Tom")
	f.Fuzz(func(t *testing.T, in, word string) {
		if !utf8.ValidString(word) {
			return // partners.yaml is YAML, which is UTF-8
		}
		wr := newRedactor([]config.Partner{{ID: "p", Redact: map[string]string{word: "[x]"}}}).rules("p")
		if wr == nil || len(wr.matches("[x]", false)) > 0 {
			return // an empty word, or one the replacement itself holds
		}
		out := wr.replaceHTML(in)
		text, tags := htmlText(out)
		if ms := wr.matches(text, false); len(ms) > 0 {
			t.Errorf("redacted %q still holds %q: %q", in, word, text[ms[0].start:ms[0].end])
		}
		_, inTags := htmlText(in)
		if strings.Join(tags, ",") != strings.Join(inTags, ",") {
			t.Errorf("markup changed:\n in %v\nout %v", inTags, tags)
		}
	})
}
