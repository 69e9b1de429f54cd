package site_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// weeksChurch is sitetest.Weeks with a site on its clock.
func weeksChurch(t *testing.T) (*site.Site, *sitetest.Clock, *store.Store) {
	t.Helper()
	cfg, st, clk := sitetest.Weeks(t, "")
	return site.New(site.Config{Config: cfg, Store: st, Now: clk.Now}), clk, st
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
			if !strings.Contains(newer.HTML, "led by the pastor") || strings.Contains(newer.HTML, "Okafor") {
				t.Errorf("the digest is not redacted:\n%s", newer.HTML)
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
