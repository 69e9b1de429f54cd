package site

import (
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
)

func configPartners() []config.Partner {
	return []config.Partner{{ID: "kelu", Redact: map[string]string{"Johanna Bergström": "J.", "Hope Carter": "H.", "Pastor Okafor": "the pastor"}}}
}

func feedItem(partner, link string) feed.Item {
	return feed.Item{PartnerID: partner, Text: "Pray.", UpdateLink: link}
}

// TestRedactWhatAReaderSees: forms of a redacted name a person still
// reads as the name, which were published in full.
func TestRedactWhatAReaderSees(t *testing.T) {
	r := newRedactor(configPartners())
	for _, tt := range []struct{ name, in, want string }{
		{"zero-width space", "Pray for Johanna Berg\u200bström.", "Pray for J.."},
		{"zero-width space become a space", "Pray for Johanna Berg ström.", "Pray for J.."},
		{"zero-width joiner", "Johanna Bergstr\u200döm", "J."},
		{"double-escaped entity", "Johanna Bergstr&amp;ouml;m", "J."},
		{"entity in text", "Johanna Bergstr&ouml;m", "J."},
		{"ASCII fold", "Johanna Bergstrom visited", "J. visited"},
		{"ASCII spelling", "Johanna Bergstroem visited", "J. visited"},
		{"fullwidth", "Ｊｏｈａｎｎａ Ｂｅｒｇｓｔｒöｍ", "J."},
		{"given name alone", "Pray for Johanna as she travels.", "Pray for J. as she travels."},
		{"family name alone", "The Bergström family", "The J. family"},
		{"family name folded alone", "Mrs Bergstrom wrote", "Mrs J. wrote"},
		{"a word that is also a name stays in lower case", "we hope and pray", "we hope and pray"},
		{"an everyday word starting a sentence stays", "Hope is near. Pray with Hope Carter.", "Hope is near. Pray with H.."},
		{"an everyday word as a name mid-sentence", "Pray for Hope today", "Pray for H. today"},
		{"a title alone stays", "Thank our Pastor and Pastor Okafor", "Thank our Pastor and the pastor"},
		{"not inside other words", "Johannasburg and Bergströmsgatan", "Johannasburg and Bergströmsgatan"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.Text("kelu", tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRedactLinks: a link whose address holds the name loses its
// address; the item's own link too.
func TestRedactLinks(t *testing.T) {
	r := newRedactor(configPartners())
	wr := r.rules("kelu")
	for _, tt := range []struct{ in, want string }{
		{`<a href="https://kelu.example/team/johanna-bergstrom">our team</a>`, `<a>our team</a>`},
		{`<a href="https://kelu.example/p?who=Johanna%20Bergstr%C3%B6m">x</a>`, `<a>x</a>`},
		{`<a href="https://kelu.example/news/2026">x</a>`, `<a href="https://kelu.example/news/2026">x</a>`},
	} {
		if got := wr.replaceHTML(tt.in); got != tt.want {
			t.Errorf("replaceHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	it := r.Item(feedItem("kelu", "https://kelu.example/2026/03/johanna-visits-the-north"))
	if it.UpdateLink != "" {
		t.Errorf("UpdateLink = %q, want it dropped", it.UpdateLink)
	}
}
