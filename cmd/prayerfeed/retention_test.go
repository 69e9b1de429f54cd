package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// agedFeed is a partner's RSS feed with a letter from last week and one
// from six weeks ago.
func agedFeed(now time.Time) string {
	item := func(guid string, age time.Duration, point string) string {
		return fmt.Sprintf(`<item><guid>%s</guid><title>Letter %s</title><link>https://partner.example/%s</link>
<pubDate>%s</pubDate><description><![CDATA[<p>News from the field.</p><h3>Prayer requests</h3><ul><li>%s</li></ul>]]></description></item>`,
			guid, guid, guid, now.Add(-age).Format(time.RFC1123Z), point)
	}
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Partner</title><link>https://partner.example/</link><description>d</description>` +
		item("recent", 7*24*time.Hour, "Pray for the new well at Mbarara, dug this week.") +
		item("old", 6*7*24*time.Hour, "Pray for the roof repairs at the Kasese clinic before the rains.") +
		`</channel></rss>`
}

func TestRetentionMaxAgeLeavesEveryOutputAndTheDatabase(t *testing.T) {
	now := time.Now()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/rss" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, agedFeed(now))
	}))
	defer srv.Close()
	dir := t.TempDir()
	cfg, db, out := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db"), filepath.Join(dir, "site")
	write := func(retention string) {
		yaml := "title: Grace Church\nbase_url: https://prayer.example\n" + retention +
			"partners:\n  - id: uganda\n    name: Uganda Partners\n    sources: [{type: rss, url: \"" + srv.URL + "/rss\"}]\n"
		if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const recent, old = "new well at Mbarara", "Kasese clinic"

	// Without retention both letters' points are published.
	write("")
	runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	if b, _ := os.ReadFile(filepath.Join(out, "feed.atom")); !bytes.Contains(b, []byte(recent)) || !bytes.Contains(b, []byte(old)) {
		t.Fatalf("before retention the feed should hold both points:\n%s", b)
	}

	// With max_age: 4w the six-week-old point leaves after the next fetch.
	write("retention: {max_age: 4w}\n")
	stdout := runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	if !strings.Contains(stdout, "retention: 1 expired items deleted") {
		t.Errorf("fetch does not report the expired point:\n%s", stdout)
	}
	// A later fetch of the same feed neither brings the old point back
	// nor expires it again.
	stdout = runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	if strings.Contains(stdout, "expired") || !strings.Contains(stdout, "; 0 new items") {
		t.Errorf("a third fetch re-stored the expired point:\n%s", stdout)
	}
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out, "--force")
	files := 0
	err := filepath.Walk(out, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		if bytes.Contains(b, []byte(old)) {
			t.Errorf("%s still holds the expired point", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "feed.atom")); !bytes.Contains(b, []byte(recent)) {
		t.Errorf("the recent point went too:\n%s", b)
	}
	if files < 10 {
		t.Errorf("only %d files built", files)
	}
	// Nothing of the old letter is left in the database file, the
	// history or the fetched letters (the command closed it, so its
	// write-ahead log is checkpointed).
	for _, f := range []string{db, db + "-wal"} {
		b, err := os.ReadFile(f)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(old)) {
			t.Errorf("%s still holds the expired point's words", filepath.Base(f))
		}
	}
}
