package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/mmcdole/gofeed"
	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// TestLetterByMailAndFeedOnce: Kelu's March letter arrives forwarded by
// e-mail and in Kelu's feed (a word changed, other punctuation); each
// point is published once, under the id it got first, with the earlier
// date (the feed's), in either order.
func TestLetterByMailAndFeedOnce(t *testing.T) {
	blog := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Kelu</title><link>https://kelu.example/</link>`+
			`<item><guid>kelu-march</guid><title>Kelu update, March</title><link>https://kelu.example/march</link>`+
			`<pubDate>Sun, 01 Mar 2026 18:00:00 +0000</pubDate><description><![CDATA[<p>Dear praying friends,</p>`+
			`<p>Pray for the checking of Mark's gospel in  April!</p><p>Praise God for a new printer in our office.</p>]]></description></item></channel></rss>`)
	}))
	defer blog.Close()
	for _, order := range []string{"mail first", "feed first"} {
		t.Run(order, func(t *testing.T) {
			dir := t.TempDir()
			cfgPath, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
			cfg := inboxtest.Config + fmt.Sprintf("    sources:\n      - type: rss\n        url: %s/feed\n", blog.URL)
			if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			fetch := func() string {
				var out, errb bytes.Buffer
				if err := run(context.Background(), []string{"--config", cfgPath, "--db", db, "fetch", "--all"}, &out, &errb); err != nil {
					t.Fatalf("fetch: %v\n%s", err, errb.String())
				}
				return out.String()
			}
			published := func() []feed.Item {
				st, err := store.Open(context.Background(), store.Config{Path: db})
				if err != nil {
					t.Fatal(err)
				}
				defer st.Close()
				items, err := st.Items(context.Background(), feed.Query{Partners: []string{"kelu"}, Limit: 50})
				if err != nil {
					t.Fatal(err)
				}
				return items
			}
			first := ingest
			if order == "feed first" {
				fetch()
			} else {
				first(t, cfgPath, db, inboxtest.Forwarded())
			}
			before := published()
			// The second copy's report says its points were published already.
			var second string
			if order == "feed first" {
				second = ingest(t, cfgPath, db, inboxtest.Forwarded())
			} else {
				second = fetch()
			}
			if !strings.Contains(second, "2 new (2 already published from another letter)") {
				t.Errorf("the second copy's report %q does not say its points were published already", second)
			}
			fetch()
			after := published()
			var texts []string
			for _, it := range after {
				texts = append(texts, it.Text)
			}
			if len(after) != 2 {
				t.Fatalf("published %d points, want each of the 2 once:\n%s", len(after), strings.Join(texts, "\n"))
			}
			for _, it := range after {
				if want := "2026-03-01 18:00"; it.Published.UTC().Format("2006-01-02 15:04") != want {
					t.Errorf("point %q dated %v, want the earlier copy's date %s", it.Text, it.Published, want)
				}
			}
			for _, it := range before {
				if !slices.ContainsFunc(after, func(a feed.Item) bool { return a.ID == it.ID }) {
					t.Errorf("point %q changed its id when the second copy came", it.Text)
				}
			}
		})
	}
}

// TestCopiesLinkedEverywhere: Kelu's letter by e-mail (with its web copy)
// and in Kelu's feed is published once, and every output links to both
// letters: the feeds (RSS, Atom, JSON Feed), the wall, the partner's page
// and the script widget, as Chromium renders it.
func TestCopiesLinkedEverywhere(t *testing.T) {
	const webCopy, post = "https://mailchi.mp/kelu/march", "https://kelu.example/march"
	blog := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Kelu</title><link>https://kelu.example/</link>`+
			`<item><guid>kelu-march</guid><title>Kelu update, March</title><link>`+post+`</link>`+
			`<pubDate>Sun, 01 Mar 2026 18:00:00 +0000</pubDate><description><![CDATA[<p>Dear praying friends,</p>`+
			`<p>Pray for the checking of Mark's gospel in  April!</p><p>Praise God for a new printer in our office.</p>]]></description></item></channel></rss>`)
	}))
	defer blog.Close()
	out := t.TempDir()
	host := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer host.Close()
	dir := t.TempDir()
	cfgPath, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	cfg := strings.Replace(inboxtest.Config, "https://prayer.gracechurch.example", host.URL, 1) +
		fmt.Sprintf("    sources:\n      - type: rss\n        url: %s/feed\n", blog.URL)
	writeFile(t, cfgPath, cfg)
	mail := strings.Replace(string(inboxtest.Forwarded()), "Dear praying friends,",
		"View this email in your browser: "+webCopy+"?e=123abc\r\n\r\nDear praying friends,", 1)
	ingest(t, cfgPath, db, []byte(mail))
	runCmd(t, "--config", cfgPath, "--db", db, "fetch", "--all")
	runCmd(t, "--config", cfgPath, "--db", db, "build", "--out", out)

	for _, name := range []string{"feed.xml", "feed.atom", "feed.json", "partners/kelu/feed.atom"} {
		doc := readFile(t, filepath.Join(out, name))
		parsed, err := gofeed.NewParser().ParseString(doc)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(parsed.Items) != 2 {
			t.Fatalf("%s: %d items, want each point once", name, len(parsed.Items))
		}
		for _, it := range parsed.Items {
			if it.Link != webCopy || !strings.Contains(it.Content, `href="`+post+`"`) {
				t.Errorf("%s: item %q links %q and says %q; want the e-mail's web copy and a link to the post", name, it.Title, it.Link, it.Content)
			}
		}
	}
	for _, page := range []string{"index.html", "partners/kelu/index.html"} {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(readFile(t, filepath.Join(out, page))))
		if err != nil {
			t.Fatal(err)
		}
		points := doc.Find("li.point")
		if points.Length() != 2 {
			t.Fatalf("%s: %d points, want 2", page, points.Length())
		}
		points.Each(func(_ int, p *goquery.Selection) {
			if hrefs := p.Find(".source a").Map(func(_ int, a *goquery.Selection) string { return a.AttrOr("href", "") }); !slices.Equal(hrefs, []string{webCopy, post}) {
				t.Errorf("%s: point %q links %q, want both letters", page, p.Find(".text").Text(), hrefs)
			}
		})
	}

	checkCopiesInReview(t, cfgPath, db)

	bin := chromiumPath(t)
	dom := dumpDOM(t, bin, church(t, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grace</title></head><body>
<div id="kelu" data-prayerfeed data-partner="kelu"></div><script src="`+host.URL+`/embed.js" async></script></body></html>`))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	items := doc.Find("#kelu .prayerfeed-item")
	if items.Length() != 2 {
		t.Fatalf("widget shows %d points, want 2:\n%s", items.Length(), doc.Find("#kelu").Text())
	}
	items.Each(func(_ int, p *goquery.Selection) {
		hrefs := p.Find(".prayerfeed-link a").Map(func(_ int, a *goquery.Selection) string { return a.AttrOr("href", "") })
		if !slices.Equal(hrefs, []string{webCopy, post}) || !strings.Contains(p.Find(".prayerfeed-link").Text(), "also in") {
			t.Errorf("widget point links %q (%q), want both letters", hrefs, p.Find(".prayerfeed-link").Text())
		}
	})
}

// checkCopiesInReview: review list shows each copy as a copy of its
// point; restoring one says it publishes the point a second time, and
// hiding it again makes it a copy again.
func checkCopiesInReview(t *testing.T, cfgPath, db string) {
	t.Helper()
	list := reviewList(t, cfgPath, db, "--partner", "kelu")
	published := map[string]bool{}
	var copies []ReviewItemJSON
	for _, it := range list.Items {
		switch {
		case it.CopyOf != "" && it.State == "hidden":
			copies = append(copies, it)
		case it.State == "published":
			published[it.ID] = true
		}
	}
	if len(copies) != 2 || !published[copies[0].CopyOf] || !published[copies[1].CopyOf] {
		t.Fatalf("review list --json: copies %+v of published %v; want each feed point a copy of a published mail point", copies, published)
	}
	table := runCmd(t, "--config", cfgPath, "--db", db, "review", "list", "--partner", "kelu")
	if !strings.Contains(table, copies[0].ID+"  copy") || !strings.Contains(table, "(of "+copies[0].CopyOf+")") {
		t.Errorf("review list shows the copy as:\n%s", table)
	}
	out := runCmd(t, "--config", cfgPath, "--db", db, "review", "restore", copies[0].ID)
	if !strings.Contains(out, copies[0].ID+" was a copy of "+copies[0].CopyOf) || !strings.Contains(out, "readers see the point twice") {
		t.Errorf("restoring a copy printed %q, want it to say what it did", out)
	}
	if n := len(reviewList(t, cfgPath, db, "--partner", "kelu", "--pending").Items); n != 0 {
		t.Errorf("%d pending after restore", n)
	}
	count := func() int {
		n := 0
		for _, it := range reviewList(t, cfgPath, db, "--partner", "kelu").Items {
			if it.State == "published" {
				n++
			}
		}
		return n
	}
	if n := count(); n != 3 {
		t.Errorf("after restoring a copy, %d points published, want 3 (the point twice)", n)
	}
	runCmd(t, "--config", cfgPath, "--db", db, "review", "hide", copies[0].ID)
	if n := count(); n != 2 {
		t.Errorf("after hiding the copy again, %d points published, want 2", n)
	}
}
