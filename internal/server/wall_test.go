package server

import (
	"net/http"
	"strings"
	"testing"
)

// TestWallGroupsAndPartnerPages checks the wall's shape: this week's
// partner on top and not again below, the other partners grouped with
// their region and latest date, filters by kind and partner, and a page
// per public partner.
func TestWallGroupsAndPartnerPages(t *testing.T) {
	c := newChurch(t)
	count := func(body, s string) int { return strings.Count(body, s) }
	tests := []struct {
		name, path string
		want       []string
		not        []string
	}{
		{"wall", "/", []string{
			"This week we are praying for IJM, our partner in South Asia.",
			`id="g-sim"`, "West Africa · latest", `href="https://prayer.grace.example/partners/sim/"`,
			`href="#praise"`, `href="https://prayer.grace.example/partners/ijm/"`,
		}, []string{`id="g-ijm"`, `id="g-kelu"`}},
		{"kind filter", "/?kind=praise", []string{"Praise God for the court ruling"}, []string{
			"point point-prayer", "Pray for the families",
		}},
		{"partner filter", "/?partner=sim", []string{`id="g-sim"`, "Show all"}, []string{
			"This week we are praying", "court ruling",
		}},
		{"partner page", "/partners/ijm/", []string{
			"<h1>International Justice Mission</h1>", "South Asia", "This week we are praying for International Justice Mission.",
			"Pray for the families", "Praise God for the court ruling",
			`href="https://prayer.grace.example/partners/ijm/feed.atom"`, `href="https://prayer.grace.example/partners/ijm/print"`,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, b := c.get(t, tt.path)
			body := string(b)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tt.want {
				if count(body, w) == 0 {
					t.Errorf("%s lacks %q", tt.path, w)
				}
			}
			for _, n := range tt.not {
				if count(body, n) != 0 {
					t.Errorf("%s holds %q", tt.path, n)
				}
			}
		})
	}
	// This week's points appear once, in the this-week block.
	if _, b := c.get(t, "/"); count(string(b), "Pray for the families") != 1 {
		t.Errorf("this week's point appears %d times on the wall, want once", count(string(b), "Pray for the families"))
	}
	if resp, _ := c.get(t, "/partners/kelu/"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the private partner's page: status %d, want 404", resp.StatusCode)
	}
}
