package sitetest

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Clock is a settable clock shared by a store and a site.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// Weeks is the fixture church whose points arrive over two weeks: two IJM
// points on Tuesday 6 January 2026, a SIM point on 13 January and one on
// 14 January, and a private Kelu point on 14 January. With the default
// digest schedule (Monday 7:00 UTC) the first two fall in the digest week
// ending 12 January, the rest in the one ending 19 January. extraYAML is
// appended to the fixture's partners.yaml (a digest: section, say).
func Weeks(t testing.TB, extraYAML string) (*config.Config, *store.Store, *Clock) {
	t.Helper()
	cfg, err := config.Parse("partners.yaml", []byte(YAML+extraYAML))
	if err != nil {
		t.Fatal(err)
	}
	clk := &Clock{}
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(t.TempDir(), "p.db"), Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	save := func(at time.Time, partner, guid string, texts ...string) {
		clk.Set(at)
		var items []feed.Item
		for i, text := range texts {
			items = append(items, feed.Item{
				Kind: feed.KindPrayer, Text: text, PartnerID: partner, PartnerName: partner,
				SourceURL: "https://" + partner + ".example/feed", UpdateGUID: guid,
				UpdateLink: "https://" + partner + ".example/" + guid, UpdateTitle: guid,
				Published: at.Add(-time.Hour), Position: i,
			})
		}
		if _, err := st.SaveItems(context.Background(), items); err != nil {
			t.Fatal(err)
		}
	}
	save(time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC), "ijm", "i1", "Pray for the rescue team in Chennai.", "Pray for the court hearing on Friday.")
	save(time.Date(2026, 1, 13, 10, 0, 0, 0, time.UTC), "sim", "s1", "Pray for the new clinic in Niamey.")
	save(time.Date(2026, 1, 14, 10, 0, 0, 0, time.UTC), "sim", "s2", "Pray for the nurses' training led by Pastor Okafor.")
	save(time.Date(2026, 1, 14, 11, 0, 0, 0, time.UTC), "kelu", "k1", "Pray for the team in the valley of Kels.")
	return cfg, st, clk
}
