package worker

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
)

// summaryBlog is a WordPress-like site whose feed carries only the start
// of each letter; the points are at the end of the article's page.
type summaryBlog struct {
	*httptest.Server
	pageHits atomic.Int32
}

func newSummaryBlog(t *testing.T) *summaryBlog {
	b := &summaryBlog{}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/feed":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Okafor news</title><link>%[1]s/</link>`+
				`<item><guid>%[1]s/?p=7</guid><title>Spring letter</title><link>%[1]s/2026/03/spring-letter/</link>`+
				`<pubDate>Mon, 02 Mar 2026 09:00:00 +0000</pubDate>`+
				`<description><![CDATA[<p>Dear friends, the rains came early this year and the clinic has been busier than ever [&#8230;]</p>]]></description></item>`+
				`</channel></rss>`, b.URL)
		case "/2026/03/spring-letter/":
			b.pageHits.Add(1)
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, `<!doctype html><html><head><title>Spring letter</title></head><body>`+
				`<nav><a href="/">Home</a> <a href="/about">About</a></nav><main><article><h1>Spring letter</h1>`+
				`<p>Dear friends, the rains came early this year and the clinic has been busier than ever. Two new nurses joined us in March, and the maternity ward reopened after the repairs to its roof.</p>`+
				`<p>Mothers now walk from villages two days away because they heard the ward was open again, and the generator runs through the afternoon while the town supply is off.</p>`+
				`<h2>Prayer requests</h2><ul><li>Pray for Ada as she sits her nursing exams in May.</li><li>Pray for safe roads during the rains.</li></ul>`+
				`<h2>Praise</h2><ul><li>Praise God for the new well at Bukuru school.</li></ul></article></main>`+
				`<footer>Copyright Okafor family</footer></body></html>`)
		case "/robots.txt":
			http.NotFound(w, r)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(b.Close)
	return b
}

func TestFullTextOfSummaryFeeds(t *testing.T) {
	points := []string{"Pray for Ada as she sits her nursing exams in May.", "Pray for safe roads during the rains.",
		"Praise God for the new well at Bukuru school."}
	for _, tc := range []struct {
		name      string
		mode      config.FullText
		wantPages int32
		want      []string
	}{
		{"auto reads the page of a summary once", config.FullTextAuto, 1, points},
		{"always reads it too", config.FullTextAlways, 1, points},
		{"never keeps the summary", config.FullTextNever, 0, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			blog := newSummaryBlog(t)
			cfg := &config.Config{Partners: []config.Partner{{ID: "okafor", Name: "Okafor", Sources: []config.Source{
				{Type: config.TypeRSS, URL: blog.URL + "/feed", Every: config.Duration(time.Hour), FullText: tc.mode}}}}}
			fx := newFixture(t, cfg, fetcher.NewClient(fetcher.ClientConfig{}), nil)
			fx.cycle(t)
			fx.now = fx.now.Add(2 * time.Hour)
			fx.cycle(t)
			if got := blog.pageHits.Load(); got != tc.wantPages {
				t.Errorf("the article's page was read %d times over two fetches, want %d", got, tc.wantPages)
			}
			items, err := fx.st.Items(context.Background(), feed.Query{Limit: 50})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, it := range items {
				got = append(got, it.Text)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
