package site_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// TestRemovedPartnerNeverPublished: a church takes a partner out of
// partners.yaml (say, for someone's safety) and renames another to a
// pseudonym. Their items stay in the database as history, but no public or
// private route may show the removed partner's items or the old name.
func TestRemovedPartnerNeverPublished(t *testing.T) {
	c := sitetest.New(t)
	yaml := strings.Replace(sitetest.YAML, "    name: International Justice Mission\n", "    name: Justice Partner\n", 1)
	// kelu (private, with "valley of Kels" items) is removed entirely.
	start := strings.Index(yaml, "  - id: kelu")
	end := strings.Index(yaml, "  - id: sim")
	yaml = yaml[:start] + yaml[end:]
	yaml = strings.Replace(yaml, "order: [[ijm, kelu], sim]", "order: [ijm, sim]", 1)
	cfg, err := config.Parse("partners.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	s := site.New(site.Config{Config: cfg, Store: c.Store, Now: func() time.Time { return sitetest.Now }})
	for _, sc := range []site.Scope{{}, {Private: true, Prefix: "/private/t"}} {
		for _, route := range []string{"/feed.json", "/feed.atom", "/", "/embed", "/this-week.json"} {
			page, err := s.Render(context.Background(), route, nil, sc)
			if err != nil {
				t.Fatalf("render %s (private %v): %v", route, sc.Private, err)
			}
			body := string(page.Body)
			if strings.Contains(body, sitetest.PrivateMarker) {
				t.Errorf("%s (private %v) shows the removed partner's items", route, sc.Private)
			}
			if strings.Contains(body, "International Justice Mission") {
				t.Errorf("%s (private %v) shows the partner's old name", route, sc.Private)
			}
			if route == "/feed.json" && !strings.Contains(body, "Justice Partner") {
				t.Errorf("%s (private %v) lacks the partner's new name:\n%s", route, sc.Private, body)
			}
		}
	}
}
