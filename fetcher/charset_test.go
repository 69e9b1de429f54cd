package fetcher

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

func latin1(t *testing.T, s string) []byte {
	t.Helper()
	b, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestToUTF8(t *testing.T) {
	const text = "Oração em São Paulo: Gemeindehaus Münster, café"
	tests := []struct {
		name, contentType string
		body              []byte
	}{
		{"utf-8 undeclared", "", []byte(text)},
		{"utf-8 declared", "text/html; charset=utf-8", []byte(text)},
		{"utf-8 with bom", "", append([]byte("\xef\xbb\xbf"), text...)},
		{"utf-8 said to be latin-1", "text/html; charset=iso-8859-1", []byte(text)},
		{"latin-1 in header", "text/html; charset=ISO-8859-1", latin1(t, text)},
		{"latin-1 in meta", "text/html", append([]byte(`<meta charset="latin1">`), latin1(t, text)...)},
		{"latin-1 said to be utf-8", "text/html; charset=utf-8", latin1(t, text)},
		{"latin-1 undeclared", "", latin1(t, text)},
		{"latin-1 in xml prolog", "", append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`), latin1(t, text)...)},
		{"utf-16 with bom", "", []byte("\xff\xfeO\x00r\x00a\x00\xe7\x00\xe3\x00o\x00")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(toUTF8(tt.body, tt.contentType))
			want := text
			if strings.HasPrefix(tt.name, "utf-16") {
				want = "Oração"
			}
			if !utf8.ValidString(got) || !strings.HasSuffix(got, want) {
				t.Errorf("got %q, want it to end in %q", got, want)
			}
		})
	}
}

func TestParseFeedCharsets(t *testing.T) {
	const item = `<rss version="2.0"><channel><title>Missão</title><link>https://missao.example/</link>
<item><title>Oração pela família Gonçalves</title><link>/noticias/1</link><description>Oração: saúde.</description></item>
</channel></rss>`
	tests := []struct {
		name string
		body []byte
	}{
		{"latin-1 declared", append([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?>`+"\n"), latin1(t, item)...)},
		{"latin-1 declared utf-8", append([]byte(`<?xml version="1.0" encoding="UTF-8"?>`+"\n"), latin1(t, item)...)},
		{"utf-8 declared latin-1", []byte(`<?xml version="1.0" encoding="iso-8859-1"?>` + "\n" + item)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFeed(strings.NewReader(string(tt.body)), Source{URL: "https://missao.example/feed"})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Title != "Oração pela família Gonçalves" || got[0].Link != "https://missao.example/noticias/1" {
				t.Errorf("got %+v", got)
			}
		})
	}
}

// TestToUTF8RepairsOnlyInvalidBytes: one stray Windows-1252 byte in a
// UTF-8 body must not re-decode the whole body (it turned "Bergström"
// into "BergstrÃ¶m", which also defeated redaction).
func TestToUTF8RepairsOnlyInvalidBytes(t *testing.T) {
	tests := []struct {
		name, contentType, body, want string
	}{
		{"stray 0x92 apostrophe", "text/html; charset=utf-8",
			"Johanna Bergström\x92s team in Åre", "Johanna Bergström’s team in Åre"},
		{"undeclared", "", "Gonçalves \x93said\x94 ö", "Gonçalves “said” ö"},
		{"unassigned byte", "", "Münster\x81 ok", "Münster\uFFFD ok"},
		{"C1 control as Latin-1", "", "ö\x85\x9d", "ö…\uFFFD"},
		{"truncated sequence", "", "ö\xc3", "öÃ"},
		{"declared latin-1 keeps latin-1", "text/html; charset=iso-8859-1", "Caf\xe9 \xf6", "Café ö"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(toUTF8([]byte(tt.body), tt.contentType)); got != tt.want {
				t.Errorf("toUTF8(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}
