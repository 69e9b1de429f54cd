package site_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// debPython is Debian's interpreter, which has Debian's python3-* modules;
// the python3 first on PATH may be another.
const debPython = "/usr/bin/python3"

// requirePython fails (under CI) or skips when Debian's python3 lacks module.
func requirePython(t *testing.T, module, pkg string) {
	t.Helper()
	err := exec.Command(debPython, "-c", "import "+module).Run()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s cannot import %s (%v); install Debian package %s", debPython, module, err, pkg)
	}
	t.Skipf("%s cannot import %s (exec: %v); install Debian package %s (CI fails here)", debPython, module, err, pkg)
}

// clock is a settable clock shared by a store and a site.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// weeksChurch is the sitetest church whose points arrive over three
// weeks: two IJM points on Tuesday 6 January, a SIM point on 13 January and
// one on 14 January, and a private Kelu point on 14 January.
func weeksChurch(t *testing.T) (*site.Site, *clock, *store.Store) {
	t.Helper()
	cfg, err := config.Parse("partners.yaml", []byte(sitetest.YAML))
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{}
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
	save(time.Date(2026, 1, 14, 10, 0, 0, 0, time.UTC), "sim", "s2", "Pray for the nurses' training.")
	save(time.Date(2026, 1, 14, 11, 0, 0, 0, time.UTC), "kelu", "k1", "Pray for the team in the valley of Kels.")
	s := site.New(site.Config{Config: cfg, Store: st, Now: clk.Now})
	return s, clk, st
}

// feedparserDigest reads a digest feed with feedparser, as RSS-to-e-mail
// services read it.
const feedparserDigest = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": str(d.get("bozo_exception", "")) if d.bozo else "",
  "entries": [{"id": e.get("id"), "title": e.get("title"), "html": (e.get("content") or [{}])[0].get("value", e.get("summary", ""))} for e in d.entries]}))
`

type digestParsed struct {
	Bozo    string `json:"bozo"`
	Entries []struct {
		ID, Title, HTML string
	} `json:"entries"`
}

func parseDigest(t *testing.T, s *site.Site, route string) digestParsed {
	t.Helper()
	page, err := s.Render(context.Background(), route, nil, site.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "digest"+filepath.Ext(route))
	if err := os.WriteFile(path, page.Body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(debPython, "-c", feedparserDigest, path).Output()
	if err != nil {
		t.Fatalf("feedparser: %v", err)
	}
	var p digestParsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("feedparser output %s: %v", out, err)
	}
	if p.Bozo != "" {
		t.Errorf("feedparser complains about %s: %s\n%s", route, p.Bozo, page.Body)
	}
	return p
}

func TestDigestFeedOneEntryPerWeek(t *testing.T) {
	requirePython(t, "feedparser", "python3-feedparser")
	s, clk, _ := weeksChurch(t)
	// Wednesday 21 January: the weeks ending Monday 12 and 19 January at
	// 7:00 have points; the week now running is not listed yet.
	clk.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
	for _, route := range []string{"/digest.atom", "/digest.xml"} {
		t.Run(route, func(t *testing.T) {
			p := parseDigest(t, s, route)
			if len(p.Entries) != 2 {
				t.Fatalf("%d entries, want 2 (one per week with points)", len(p.Entries))
			}
			newer, older := p.Entries[0], p.Entries[1]
			if newer.ID != "tag:prayer.grace.example,2026:digest:2026-01-19" || older.ID != "tag:prayer.grace.example,2026:digest:2026-01-12" {
				t.Errorf("ids %q, %q: want one tag URI per week", newer.ID, older.ID)
			}
			if newer.Title != "New prayer points, 12–18 January 2026" {
				t.Errorf("title %q", newer.Title)
			}
			for _, want := range []string{"new clinic in Niamey", "nurses' training", "Serving in Mission"} {
				if !strings.Contains(newer.HTML, want) {
					t.Errorf("week of 12 January lacks %q:\n%s", want, newer.HTML)
				}
			}
			if strings.Contains(newer.HTML, "Chennai") || !strings.Contains(older.HTML, "Chennai") {
				t.Errorf("points in the wrong week:\nnewer %s\nolder %s", newer.HTML, older.HTML)
			}
			if strings.Contains(strings.ToLower(newer.HTML+older.HTML), "kels") {
				t.Errorf("the public digest holds the private partner")
			}
		})
	}
	// A later week without new points adds no entry, and the ids stay.
	clk.Set(time.Date(2026, 2, 4, 9, 0, 0, 0, time.UTC))
	p := parseDigest(t, s, "/digest.atom")
	if len(p.Entries) != 2 || p.Entries[0].ID != "tag:prayer.grace.example,2026:digest:2026-01-19" {
		t.Errorf("after two quiet weeks: %+v", p.Entries)
	}
}

func TestDigestFeedExpiresWhenTheWeekEnds(t *testing.T) {
	s, clk, _ := weeksChurch(t)
	clk.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
	page, err := s.Render(context.Background(), "/digest.atom", nil, site.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2026, 1, 26, 7, 0, 0, 0, time.UTC); !page.Expires.Equal(want) {
		t.Errorf("Expires %v, want %v, when the next week's entry appears", page.Expires, want)
	}
}
