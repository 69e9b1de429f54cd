package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOPMLListsResolvedFeeds fetches an auto source (a homepage linking
// its feed) and a page source: the built partners.opml lists the feed the
// homepage led to as a feed to subscribe to, and the page as a link.
func TestOPMLListsResolvedFeeds(t *testing.T) {
	srv := partnerSite(t)
	dir := t.TempDir()
	cfg, db, out := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "p.db"), filepath.Join(dir, "public")
	writeFile(t, cfg, "title: Test prayers\nbase_url: https://prayer.example\npartners:\n"+
		"  - id: lw\n    name: Living Water Mission\n    sources:\n      - type: auto\n        url: "+srv.URL+"/\n"+
		"  - id: kargi\n    name: Kargi Church\n    sources:\n      - type: page\n        url: "+srv.URL+"/kargi/news\n        select: {item: article}\n")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	before, err := os.ReadFile(filepath.Join(out, "partners.opml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(before), `type="link" url="`+srv.URL+`/"`) {
		t.Errorf("before any fetch, the auto source is not listed as its homepage:\n%s", before)
	}
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	opml, err := os.ReadFile(filepath.Join(out, "partners.opml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`type="rss" xmlUrl="` + srv.URL + `/feed/" htmlUrl="` + srv.URL + `/"`,
		`type="link" url="` + srv.URL + `/kargi/news"`,
	} {
		if !strings.Contains(string(opml), want) {
			t.Errorf("partners.opml lacks %s:\n%s", want, opml)
		}
	}
}
