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

// withCopies is the fixture's store with copies added to the first ijm
// point, as the store finds them: a joint letter of the private partner,
// and a letter whose title and link name someone redacted.
type withCopies struct{ site.Reader }

func (w withCopies) Items(ctx context.Context, q feed.Query) ([]feed.Item, error) {
	items, err := w.Reader.Items(ctx, q)
	for i := range items {
		if strings.HasPrefix(items[i].Text, "Pray for the families freed") {
			items[i].Copies = []feed.Copy{
				{PartnerID: "kelu", PartnerName: "Kelu Bible Translation", UpdateTitle: "Letter from the valley of Kels",
					UpdateLink: "https://kelu.example/joint-kels"},
				{PartnerID: "sim", PartnerName: "Serving in Mission", UpdateTitle: "Pastor Okafor's joint report",
					UpdateLink: "https://sim.example/joint"},
				{PartnerID: "sim", PartnerName: "Serving in Mission", UpdateTitle: "Report",
					UpdateLink: "https://sim.example/pastor-okafor"},
				{PartnerID: "ijm", UpdateTitle: "By e-mail", UpdateLink: "https://mailchi.mp/ijm/chennai"},
			}
		}
	}
	return items, err
}

// TestCopiesInPublicAndPrivateOutputs: a copy from a private partner shows
// only to token holders, a copy's redacted names never show, and the
// other copies are linked from every output.
func TestCopiesInPublicAndPrivateOutputs(t *testing.T) {
	c := sitetest.New(t)
	s := site.New(site.Config{Config: c.Config, Store: withCopies{c.Store}, Now: func() time.Time { return sitetest.Now }})
	for _, sc := range []site.Scope{{}, {Private: true, Prefix: "/private/t"}} {
		for _, route := range []string{"/feed.xml", "/feed.atom", "/feed.json", "/", "/partners/ijm/", "/embed", "/embed-data.js"} {
			page, err := s.Render(context.Background(), route, nil, sc)
			if err != nil {
				t.Fatalf("render %s (private %v): %v", route, sc.Private, err)
			}
			body := string(page.Body)
			if !strings.Contains(body, "https://mailchi.mp/ijm/chennai") || !strings.Contains(body, "https://sim.example/joint") {
				t.Errorf("%s (private %v) lacks a copy's link:\n%s", route, sc.Private, body)
			}
			if strings.Contains(body, "pastor-okafor") {
				t.Errorf("%s (private %v) links a copy whose address holds a redacted name", route, sc.Private)
			}
			if strings.Contains(strings.ToLower(body), "pastor okafor") {
				t.Errorf("%s (private %v) shows a copy's redacted title", route, sc.Private)
			}
			if got := strings.Contains(body, "joint-kels"); got != sc.Private {
				t.Errorf("%s (private %v): private partner's copy linked %v, want %v", route, sc.Private, got, sc.Private)
			}
			if !sc.Private {
				if leaks := sitetest.Leaks(page.Body); len(leaks) > 0 {
					t.Errorf("%s public shows %q", route, leaks)
				}
			}
		}
	}
}

// everyCopied is a store whose every point also came in an e-mail letter.
type everyCopied struct{ site.Reader }

func (e everyCopied) Items(ctx context.Context, q feed.Query) ([]feed.Item, error) {
	items, err := e.Reader.Items(ctx, q)
	for i := range items {
		items[i].Copies = []feed.Copy{{PartnerID: items[i].PartnerID, UpdateTitle: "By e-mail",
			UpdateLink: "https://mail.example/" + items[i].ID}}
	}
	return items, err
}

// TestCopiesInTheDigest: the weekly digest links each point's other
// letters too.
func TestCopiesInTheDigest(t *testing.T) {
	requirePython(t, "feedparser", "python3-feedparser")
	cfg, st, clk := sitetest.Weeks(t, "")
	s := site.New(site.Config{Config: cfg, Store: everyCopied{st}, Now: clk.Now})
	clk.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
	p := parseDigest(t, s, "/digest.atom")
	if len(p.Entries) == 0 || !strings.Contains(p.Entries[0].HTML, `href="https://mail.example/`) ||
		!strings.Contains(p.Entries[0].HTML, "(also in By e-mail)") {
		t.Errorf("the digest does not link the points' copies: %+v", p.Entries)
	}
}
