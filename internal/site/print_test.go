package site_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

func renderPrint(t *testing.T, s *site.Site, route, query string, sc site.Scope) string {
	t.Helper()
	q, err := url.ParseQuery(query)
	if err != nil {
		t.Fatal(err)
	}
	page, err := s.Render(context.Background(), route, q, sc)
	if err != nil {
		t.Fatalf("render %s?%s: %v", route, query, err)
	}
	if page.ContentType != "text/html; charset=utf-8" {
		t.Errorf("content type %q", page.ContentType)
	}
	return string(page.Body)
}

func TestPrintSheet(t *testing.T) {
	c := sitetest.New(t)
	s := newSite(c)
	tests := []struct {
		name, route, query string
		private            bool
		want, wantNot      []string
	}{
		{"everyone, this week's partner first", "/print", "", false,
			[]string{`Prayer points for the week of <span class="dates">5–11 January 2026</span>`, "This week we are praying for IJM, our partner in South Asia.", `class="partner this-week"`, "J. visits them", "the pastor"},
			[]string{"Kelu", "Bergstr", "Okafor", `class="each-page"`, "size: A4", "size: letter"}},
		{"a limit of one point per partner", "/print", "limit=1", false,
			[]string{"families freed"}, []string{"court ruling"}},
		{"a page per partner on Letter", "/print", "break=partner&paper=letter", false,
			[]string{`class="each-page"`, "size: letter"}, nil},
		{"this week only", "/this-week/print", "", false,
			[]string{"International Justice Mission"}, []string{"Serving in Mission"}},
		{"one partner, without the rotation", "/partners/sim/print", "", false,
			[]string{"Serving in Mission", "the pastor"}, []string{"International Justice Mission", "This week we are praying"}},
		{"a reader's sheet names the private partner and says so", "/print", "", true,
			[]string{"valley of Kels", "For the prayer team only"}, []string{"Bergstr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := renderPrint(t, s, tt.route, tt.query, site.Scope{Private: tt.private})
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("lacks %q", w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("holds %q", w)
				}
			}
			if t.Failed() {
				t.Logf("%s", body)
			}
		})
	}
	// IJM (this week) comes before SIM.
	body := renderPrint(t, s, "/print", "", site.Scope{})
	if strings.Index(body, "International Justice Mission") > strings.Index(body, "Serving in Mission") {
		t.Errorf("this week's partner is not first")
	}
	for _, bad := range []string{"limit=0", "limit=x"} {
		q, _ := url.ParseQuery(bad)
		if _, err := s.Render(context.Background(), "/print", q, site.Scope{}); !errors.Is(err, site.ErrBadQuery) {
			t.Errorf("%s: err %v, want ErrBadQuery", bad, err)
		}
	}
	if _, err := s.Render(context.Background(), "/partners/kelu/print", nil, site.Scope{}); !errors.Is(err, site.ErrNotFound) {
		t.Errorf("public sheet of a private partner: err %v, want ErrNotFound", err)
	}
}
