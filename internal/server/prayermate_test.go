package server

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestPrayerMateRoutes(t *testing.T) {
	c := newChurch(t)
	tok := c.token(t, "reader")
	tests := []struct {
		path      string
		status    int
		petitions int
	}{
		{"/prayermate.json", 200, 3},
		{"/prayermate.json?kind=praise", 200, 1},
		{"/this-week/prayermate.json", 200, 2},
		{"/partners/sim/prayermate.json", 200, 1},
		{"/partners/kelu/prayermate.json", 404, 0},
		{"/private/" + tok + "/prayermate.json", 200, 5},
		{"/private/" + tok + "/this-week/prayermate.json", 200, 4},
		{"/private/" + tok + "/partners/kelu/prayermate.json", 200, 2},
		{"/private/no-such-token/prayermate.json", 404, 0},
	}
	for _, tt := range tests {
		t.Run(SafePath(tt.path), func(t *testing.T) {
			resp, body := c.get(t, tt.path)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status != http.StatusOK {
				return
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			var doc struct {
				Petitions []json.RawMessage `json:"petitions"`
			}
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Petitions) != tt.petitions {
				t.Errorf("%d petitions, want %d:\n%s", len(doc.Petitions), tt.petitions, body)
			}
		})
	}
	if resp, _ := c.get(t, "/prayermate.json"); resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("no CORS header: a web previewer could not read the document")
	}
}

// The sheet's options reach a partner's sheet too, and a value the sheet
// does not know is ignored rather than cached as a page of its own.
func TestPrintOptionsThroughTheCache(t *testing.T) {
	c := newChurch(t)
	for _, tt := range []struct {
		path, want, wantNot string
	}{
		{"/partners/sim/print?paper=letter", "size: letter", "size: A4"},
		{"/partners/sim/print?paper=a4", "size: A4", "size: letter"},
		{"/print?break=partner", `class="each-page"`, "size: A4"},
		{"/print?paper=tabloid", "<h1>", "size: tabloid"},
	} {
		resp, body := c.get(t, tt.path)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), tt.want) || strings.Contains(string(body), tt.wantNot) {
			t.Errorf("%s: status %d, want %q and not %q", tt.path, resp.StatusCode, tt.want, tt.wantNot)
		}
	}
}
