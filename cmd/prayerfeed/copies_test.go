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
			fetch := func() {
				var out, errb bytes.Buffer
				if err := run(context.Background(), []string{"--config", cfgPath, "--db", db, "fetch", "--all"}, &out, &errb); err != nil {
					t.Fatalf("fetch: %v\n%s", err, errb.String())
				}
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
			if order == "feed first" {
				ingest(t, cfgPath, db, inboxtest.Forwarded())
			} else {
				fetch()
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
