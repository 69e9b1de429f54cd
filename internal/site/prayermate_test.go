package site_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// pmDoc is what a PrayerMate client reads of our document.
type pmDoc struct {
	Name      string `json:"name"`
	Petitions []struct {
		UID         string `json:"uid"`
		Date        string `json:"date"`
		Title       string `json:"title"`
		Description string `json:"description"`
		PublicURL   string `json:"public_url"`
		Exclusive   *bool  `json:"exclusive"`
		Markdown    *bool  `json:"markdown"`
	} `json:"petitions"`
}

func newSite(c *sitetest.Church) *site.Site {
	return site.New(site.Config{Config: c.Config, Store: c.Store, Now: func() time.Time { return sitetest.Now }})
}

// prayerMateSchema compiles testdata/prayermate.schema.json, with format
// assertions on (date and uri are checked, not just annotated).
func prayerMateSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile("testdata/prayermate.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func renderPM(t *testing.T, s *site.Site, route string, sc site.Scope) ([]byte, pmDoc) {
	t.Helper()
	page, err := s.Render(context.Background(), route, nil, sc)
	if err != nil {
		t.Fatalf("render %s: %v", route, err)
	}
	var doc pmDoc
	if err := json.Unmarshal(page.Body, &doc); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", route, err, page.Body)
	}
	return page.Body, doc
}

func TestPrayerMateMatchesSchema(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	sch := prayerMateSchema(t)
	routes := []string{"/prayermate.json", "/this-week/prayermate.json", "/partners/ijm/prayermate.json", "/partners/sim/prayermate.json"}
	for _, sc := range []site.Scope{{}, {Private: true, Prefix: "/private/tok"}} {
		for _, route := range routes {
			t.Run(route, func(t *testing.T) {
				body, _ := renderPM(t, s, route, sc)
				inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
				if err != nil {
					t.Fatal(err)
				}
				if err := sch.Validate(inst); err != nil {
					t.Errorf("%s does not match the schema: %v\n%s", route, err, body)
				}
			})
		}
	}
}

// The schema must reject what PrayerMate's client never sends, or the
// test above would prove nothing.
func TestPrayerMateSchemaRejects(t *testing.T) {
	sch := prayerMateSchema(t)
	tests := []struct{ name, doc string }{
		{"no petitions", `{"name":"x"}`},
		{"no uid", `{"name":"x","petitions":[{"date":"2026-01-05","description":"d"}]}`},
		{"a date with a time", `{"name":"x","petitions":[{"uid":"1","date":"2026-01-05T10:00:00Z","description":"d"}]}`},
		{"exclusive false (array_filter drops it)", `{"name":"x","petitions":[{"uid":"1","date":"2026-01-05","description":"d","exclusive":false}]}`},
		{"an unknown field", `{"name":"x","petitions":[{"uid":"1","date":"2026-01-05","description":"d","text":"d"}]}`},
		{"a relative public_url", `{"name":"x","petitions":[{"uid":"1","date":"2026-01-05","description":"d","public_url":"/news"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inst, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if sch.Validate(inst) == nil {
				t.Errorf("schema accepts %s", tt.doc)
			}
		})
	}
}

func TestPrayerMateFields(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	items, err := c.Store.Items(context.Background(), feed.Query{Partners: []string{"ijm"}})
	if err != nil {
		t.Fatal(err)
	}
	_, doc := renderPM(t, s, "/partners/ijm/prayermate.json", site.Scope{})
	if doc.Name != "International Justice Mission · Grace Church missions prayer feed" {
		t.Errorf("name = %q", doc.Name)
	}
	if len(doc.Petitions) != len(items) || len(items) != 2 {
		t.Fatalf("%d petitions for %d items, want 2", len(doc.Petitions), len(items))
	}
	for i, p := range doc.Petitions {
		it := items[i]
		want := it.Published.UTC().Format("2006-01-02")
		switch {
		case p.UID != it.ID:
			t.Errorf("petition %d: uid %q, want the item id %q", i, p.UID, it.ID)
		case p.Date != want:
			t.Errorf("petition %d: date %q, want %q", i, p.Date, want)
		case p.Title != "IJM · "+it.Kind.Title():
			t.Errorf("petition %d: title %q, want partner and kind", i, p.Title)
		case p.PublicURL != it.UpdateLink:
			t.Errorf("petition %d: public_url %q, want %q", i, p.PublicURL, it.UpdateLink)
		case p.Exclusive != nil || p.Markdown != nil:
			t.Errorf("petition %d: exclusive or markdown written; a dated plain-text petition has neither", i)
		}
	}
	// Redaction applies to the description.
	if d := doc.Petitions[0].Description; !strings.Contains(d, "J. visits them") || strings.Contains(d, "Bergstr") {
		t.Errorf("description not redacted: %q", d)
	}
}

func TestPrayerMatePrivatePartner(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	body, _ := renderPM(t, s, "/prayermate.json", site.Scope{})
	if leaks := sitetest.Leaks(body); len(leaks) > 0 {
		t.Errorf("public /prayermate.json holds %q:\n%s", leaks, body)
	}
	if _, err := s.Render(context.Background(), "/partners/kelu/prayermate.json", nil, site.Scope{}); !errors.Is(err, site.ErrNotFound) {
		t.Errorf("public kelu petitions: err %v, want ErrNotFound", err)
	}
	body, _ = renderPM(t, s, "/prayermate.json", site.Scope{Private: true})
	if !bytes.Contains(body, []byte(sitetest.PrivateMarker)) {
		t.Errorf("a reader's /prayermate.json lacks the private partner:\n%s", body)
	}
}

// Re-fetching the same updates (and a light edit of a point) keeps every
// uid, so a subscriber's app does not show a point twice.
func TestPrayerMateUIDsStableAcrossRefetch(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	uids := func() []string {
		_, doc := renderPM(t, s, "/prayermate.json", site.Scope{})
		var out []string
		for _, p := range doc.Petitions {
			out = append(out, p.UID)
		}
		slices.Sort(out)
		return out
	}
	before := uids()
	items, err := c.Store.Items(context.Background(), feed.Query{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		items[i].ID = ""
		if i == 0 {
			items[i].Text += " Thank you."
		}
	}
	if _, err := c.Store.SaveItems(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	if after := uids(); !slices.Equal(before, after) || len(before) == 0 {
		t.Errorf("uids changed across a re-fetch:\nbefore %v\nafter  %v", before, after)
	}
}

// A point hidden or edited in review (issue 16) leaves the PrayerMate
// document too: it reads items through the same published-items path as
// the feeds.
func TestPrayerMateAppliesCorrections(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	ctx := context.Background()
	_, before := renderPM(t, s, "/prayermate.json", site.Scope{})
	if len(before.Petitions) < 2 {
		t.Fatalf("%d petitions, want at least 2", len(before.Petitions))
	}
	hidden, edited := before.Petitions[0].UID, before.Petitions[1].UID
	if err := c.Store.Hide(ctx, "test", hidden); err != nil {
		t.Fatal(err)
	}
	if err := c.Store.EditText(ctx, "test", edited, "Pray for the corrected wording."); err != nil {
		t.Fatal(err)
	}
	_, after := renderPM(t, s, "/prayermate.json", site.Scope{})
	if len(after.Petitions) != len(before.Petitions)-1 {
		t.Errorf("%d petitions after hiding one of %d", len(after.Petitions), len(before.Petitions))
	}
	for _, p := range after.Petitions {
		if p.UID == hidden {
			t.Errorf("hidden point %s is still a petition", hidden)
		}
		if p.UID == edited && p.Description != "Pray for the corrected wording." {
			t.Errorf("edited point's description %q", p.Description)
		}
	}
}
