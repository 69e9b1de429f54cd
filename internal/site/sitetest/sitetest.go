// Package sitetest builds a church for tests of what prayerfeed
// publishes: a public partner, a private one, redacted names, a rotation
// and a store holding their items.
package sitetest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// YAML is the fixture's partners.yaml. Week 1 (from 2026-01-05) prays for
// ijm and kelu; week 2 for sim; sim also asks for week 4, which makes the
// cycle four weeks long.
const YAML = `title: Grace Church missions prayer feed
base_url: https://prayer.grace.example
rotation:
  start: 2026-01-05
  order: [[ijm, kelu], sim]
partners:
  - id: ijm
    name: International Justice Mission
    short: IJM
    region: South Asia
    homepage: https://www.ijm.example
    sources:
      - {type: rss, url: "https://www.ijm.example/news/rss.xml"}
  - id: kelu
    name: Kelu Bible Translation
    short: Kelu
    visibility: private
    redact:
      Johanna Bergström: J.
    sources:
      - {type: page, url: "https://kelu.example/news", select: {item: article}}
  - id: sim
    name: Serving in Mission
    short: SIM
    region: West Africa
    weeks: [4]
    redact:
      Pastor Okafor: the pastor
    sources:
      - {type: auto, url: "https://sim.example/"}
`

// Now is a Wednesday in week 1 of the rotation (ijm and kelu).
var Now = time.Date(2026, 1, 7, 12, 0, 0, 0, time.UTC)

// Forbidden are strings (lower-case) that no public output may hold: the
// private partner's id and name, its items' words, and redacted names.
var Forbidden = []string{"kelu", "valley of kels", "johanna", "bergstr", "okafor"}

// PrivateMarker is a phrase only the private partner's items hold.
const PrivateMarker = "valley of Kels"

// Church is the fixture: its config, store and the path of its files.
type Church struct {
	Config     *config.Config
	ConfigPath string
	Store      *store.Store
	DBPath     string
}

// New writes the fixture's config and fills a store in t.TempDir().
func New(t testing.TB) *Church {
	t.Helper()
	dir := t.TempDir()
	c := &Church{ConfigPath: filepath.Join(dir, "partners.yaml"), DBPath: filepath.Join(dir, "prayerfeed.db")}
	if err := os.WriteFile(c.ConfigPath, []byte(YAML), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(c.ConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	c.Config = cfg
	st, err := store.Open(context.Background(), store.Config{Path: c.DBPath, Now: func() time.Time { return Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	c.Store = st
	if _, err := st.SaveItems(context.Background(), items()); err != nil {
		t.Fatal(err)
	}
	return c
}

func items() []feed.Item {
	mk := func(partner, name, guid, title string, pos int, kind feed.Kind, text, html string) feed.Item {
		return feed.Item{
			Kind: kind, Text: text, HTML: html, PartnerID: partner, PartnerName: name,
			SourceURL: "https://" + partner + ".example/feed", UpdateGUID: guid,
			UpdateLink: "https://" + partner + ".example/" + guid, UpdateTitle: title,
			Published: Now.Add(-time.Duration(24*(pos+1)) * time.Hour), Position: pos,
		}
	}
	ijm, kelu, sim := "International Justice Mission", "Kelu Bible Translation", "Serving in Mission"
	return []feed.Item{
		mk("ijm", ijm, "i1", "News from Chennai", 0, feed.KindPrayer,
			"Pray for the families freed from the brick kiln; Johanna Bergström visits them.",
			"<p>Pray for the families freed from the brick kiln; <b>Johanna</b> Bergstr&ouml;m visits them.</p>"),
		mk("ijm", ijm, "i1", "News from Chennai", 1, feed.KindPraise,
			"Praise God for the court ruling protecting survivors.",
			"<p>Praise God for the court ruling protecting survivors.</p>"),
		mk("kelu", kelu, "k1", "Letter from Johanna Bergström", 0, feed.KindPrayer,
			"Pray for Johanna Bergström as she travels to the valley of Kels.",
			"<p>Pray for Johanna Bergström as she travels to the valley of Kels.</p>"),
		mk("kelu", kelu, "k1", "Letter from Johanna Bergström", 1, feed.KindPraise,
			"Praise for the first printed gospel in the valley of Kels.",
			"<p>Praise for the first printed gospel in the valley of Kels.</p>"),
		mk("sim", sim, "s1", "Pastor Okafor's report", 0, feed.KindPrayer,
			"Pray for PASTOR OKAFOR and the clinic in Niamey.",
			`<p>Pray for Pastor <a href="https://sim.example/clinic">Okafor</a> and the clinic in Niamey.</p>`),
	}
}

// Leaks returns the forbidden strings body holds, case-insensitively.
func Leaks(body []byte) []string {
	lower := strings.ToLower(string(body))
	var out []string
	for _, f := range Forbidden {
		if strings.Contains(lower, f) {
			out = append(out, f)
		}
	}
	return out
}
