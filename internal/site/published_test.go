package site_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// TestStoredHTMLSanitizedAtRender: HTML in the store is held to the
// point policy again when published (a row from an older version, a
// restore or a hand edit), and bidirectional override characters are
// dropped from every published text.
func TestStoredHTMLSanitizedAtRender(t *testing.T) {
	c := sitetest.New(t)
	it := feed.Item{
		Kind: feed.KindPrayer, PartnerID: "ijm", PartnerName: "International Justice Mission",
		Text:       "Pray for the \u202egnol\u202c team in the north",
		HTML:       `Pray for the <img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">team</a> <b style="x">in</b> the north`,
		UpdateGUID: "stored-hostile", UpdateLink: "https://ijm.example/u", UpdateTitle: "Update \u2066one\u2069",
		Published: sitetest.Now.Add(-time.Hour), SourceURL: "https://ijm.example/feed",
	}
	if _, err := c.Store.SaveItems(context.Background(), []feed.Item{it}); err != nil {
		t.Fatal(err)
	}
	s := site.New(site.Config{Config: c.Config, Store: c.Store, Now: func() time.Time { return sitetest.Now }})
	for _, route := range []string{"/feed.json", "/feed.xml", "/feed.atom", "/", "/embed"} {
		page, err := s.Render(context.Background(), route, nil, site.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		body := string(page.Body)
		if !strings.Contains(body, "gnol") {
			t.Fatalf("%s lacks the stored item", route)
		}
		for _, bad := range []string{"onerror", "alert(", "javascript:", "\u202e", "\u202c", "\u2066", "\u2069", "<img", "&lt;img"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s publishes %q", route, bad)
			}
		}
	}
}
