package feed

import (
	"strings"
	"time"
)

// testMeta is the combined feed of the church in DESIGN.md.
func testMeta(path string) Meta {
	return Meta{
		Title:       "Grace Church missions prayer feed",
		Description: "Prayer & praise from our partners",
		HomeURL:     "https://prayer.gracechurch.example/",
		FeedURL:     "https://prayer.gracechurch.example" + path,
		Language:    "en",
	}
}

// testItems are hostile in every way a writer must survive: non-ASCII,
// markup characters, a CDATA terminator, control characters, a hostile link
// and a long point whose title must be cut.
func testItems() []Item {
	day := time.Date(2026, 7, 14, 9, 30, 0, 0, time.FixedZone("EAT", 3*3600))
	return []Item{
		{
			ID: "ijm-0001", Kind: KindPrayer, PartnerID: "ijm", PartnerName: "International Justice Mission",
			Text:       "On July 9th, IJM and local police rescued 14 people from a brick kiln; pray for their healing, for the trial of the owners, and for the officers who testify.",
			HTML:       "<p>On July 9th, IJM and local police rescued <strong>14 people</strong> from a brick kiln; pray for their healing, for the trial of the owners, and for the officers who testify.</p>",
			UpdateLink: "https://www.ijm.org/news/brick-kiln-rescue",
			Published:  day,
			// The same point by e-mail (its web copy), in a joint letter
			// with a hostile title, again at the item's own link, and at
			// a link no reader may open.
			Copies: []Copy{
				{PartnerID: "ijm", PartnerName: "International Justice Mission", UpdateTitle: "July letter",
					UpdateLink: "https://mailchi.mp/ijm/july?x=1&y=2", Published: day.Add(-time.Hour)},
				{PartnerID: "kelu", PartnerName: "Kelu Bible Translation", UpdateTitle: "Joint <b>letter</b> & ]]> news\x01",
					UpdateLink: "https://kelu.example/joint", Published: day},
				{PartnerID: "ijm", UpdateLink: "https://www.ijm.org/news/brick-kiln-rescue", Published: day},
				{PartnerID: "ijm", UpdateLink: "javascript:alert(1)", Published: day},
			},
		},
		{
			ID: "ijm-0002", Kind: KindPraise, PartnerID: "ijm", PartnerName: "International Justice Mission",
			Text:       "Praise God: the court ruled for the families & their children <all 14> are safe 🙌",
			UpdateLink: "https://www.ijm.org/news/brick-kiln-rescue?a=1&b=2",
			Published:  day.Add(-time.Hour),
		},
		{
			ID: "kelu-0001", Kind: KindPrayer, PartnerID: "kelu", PartnerName: "Kelu Bible Translation",
			Text:       "Ombi: pray for Johanna as the team checks Luka 2 — “Mungu ni mwema” ]]> and for the\x01 ränder\x0b team 🙏",
			HTML:       "<p>Ombi: pray for Johanna ]]> as the team checks <em>Luka 2</em>\x08</p>",
			UpdateLink: "javascript:alert(1)",
			Published:  day.Add(-48 * time.Hour),
		},
		{
			ID: "kelu-0002", Kind: KindPraise, PartnerID: "kelu", PartnerName: "Kelu Bible Translation",
			Text:      "Asante: " + strings.Repeat("Übersetzung ", 3) + "fertig — 日本語のテキストも大丈夫です。 <script>alert('x')</script>",
			FirstSeen: day.Add(-72 * time.Hour),
		},
	}
}
