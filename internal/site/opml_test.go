package site_test

import (
	"context"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// TestOPMLHasNoCredentials: source URLs with userinfo or an access key
// appear in /partners.opml without them.
func TestOPMLHasNoCredentials(t *testing.T) {
	cfg, err := config.Parse("partners.yaml", []byte(`
title: Grace Church
base_url: https://prayer.test
partners:
  - id: ijm
    name: IJM
    homepage: https://staff:hunter2@ijm.example/
    sources:
      - {type: rss, url: "https://reader:s3cret@ijm.example/feed.xml?access_key=K123&lang=en"}
      - {type: page, url: "https://ijm.example/news?token=T456"}
`))
	if err != nil {
		t.Fatal(err)
	}
	page, err := site.New(site.Config{Config: cfg}).Render(context.Background(), "/partners.opml", nil, site.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	body := string(page.Body)
	for _, secret := range []string{"hunter2", "s3cret", "reader", "K123", "T456", "access_key", "token"} {
		if strings.Contains(body, secret) {
			t.Errorf("partners.opml contains %q:\n%s", secret, body)
		}
	}
	for _, want := range []string{`xmlUrl="https://ijm.example/feed.xml?lang=en"`, `url="https://ijm.example/news"`} {
		if !strings.Contains(body, want) {
			t.Errorf("partners.opml lacks %s:\n%s", want, body)
		}
	}
}
