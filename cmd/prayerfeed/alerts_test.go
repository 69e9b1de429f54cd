package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// feedparse reads an Atom file with Python's feedparser, the library
// most feed readers' back ends build on, and returns what it understood.
func feedparse(t *testing.T, path string) (bozo bool, entries []map[string]string) {
	t.Helper()
	// Debian's python3, where python3-feedparser installs, before any
	// other python3 on the PATH.
	py := "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		if py, err = exec.LookPath("python3"); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("python3 not found (CI installs python3-feedparser): %v", err)
			}
			t.Skipf("exec.LookPath(python3): %v", err)
		}
	}
	script := `import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "entries": [
    {"title": e.title, "id": e.id, "summary": e.summary, "term": e.tags[0].term} for e in d.entries]}))`
	out, err := exec.Command(py, "-c", script, path).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "" && strings.Contains(string(out), "No module named 'feedparser'") {
			t.Skip("python3 has no feedparser; install python3-feedparser")
		}
		t.Fatalf("feedparser: %v\n%s", err, out)
	}
	var doc struct {
		Bozo    bool                `json:"bozo"`
		Error   string              `json:"error"`
		Entries []map[string]string `json:"entries"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("feedparser output: %v\n%s", err, out)
	}
	if doc.Bozo {
		t.Errorf("feedparser: not well-formed: %s", doc.Error)
	}
	return doc.Bozo, doc.Entries
}

func TestAlertsFeed(t *testing.T) {
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "database is down", http.StatusInternalServerError)
	}))
	t.Cleanup(broken.Close)
	l := newLetters(t, letterBody(pointFamilies)) // dated March 2026
	dir := t.TempDir()
	cfg := filepath.Join(dir, "partners.yaml")
	y := "title: Test prayers\nbase_url: https://prayer.example\nadmin_token: s3cret-admin\npartners:\n" +
		"  - id: down\n    name: Down Mission\n    sources:\n      - type: rss\n        url: " + broken.URL + "/feed.xml\n" +
		"  - id: moved\n    name: Moved Mission\n    sources:\n      - type: page\n        url: " + l.srv.URL + "/news\n" +
		"        select: {item: article.post, title: h2}\n" +
		"  - id: quiet\n    name: Quiet Mission\n    silent_weeks: 2\n    sources:\n      - type: rss\n        url: " + l.srv.URL + "/feed.xml\n"
	if err := os.WriteFile(cfg, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "prayerfeed.db")
	for range 3 {
		runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	}
	base, _ := startServe(t, cfg, db, time.Hour)
	c := &adminClient{t: t, base: base}
	resp, body := c.do("GET", "/admin/alerts.atom", nil, http.Header{"Authorization": {"Bearer s3cret-admin"}})
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("GET /admin/alerts.atom = %d %s\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if r, _ := c.do("GET", "/admin/alerts.atom?token=s3cret-admin", nil, nil); r.StatusCode != 200 {
		t.Errorf("alerts with ?token= (for feed readers) = %d, want 200", r.StatusCode)
	}
	path := filepath.Join(t.TempDir(), "alerts.atom")
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	_, entries := feedparse(t, path)
	got := map[string]map[string]string{}
	for _, e := range entries {
		got[e["term"]] = e
	}
	for term, want := range map[string][]string{
		"source-failing":             {"Down Mission", "3 fetches in a row", "500"},
		"selectors-stopped-matching": {"Moved Mission", "article.post", "check --live --partner moved"},
		"partner-silent":             {"Quiet Mission", "nothing new for", "Letter 0"},
	} {
		e, ok := got[term]
		if !ok {
			t.Errorf("no %s alert in %v", term, entries)
			continue
		}
		for _, w := range want {
			if !strings.Contains(e["title"]+" "+e["summary"], w) {
				t.Errorf("%s alert %q / %q lacks %q", term, e["title"], e["summary"], w)
			}
		}
	}
	// /status shows them too.
	_, status := c.do("GET", "/status", nil, http.Header{"Authorization": {"Bearer s3cret-admin"}})
	for _, w := range []string{"Down Mission: 3 fetches in a row failed", "Moved Mission: the page", "Quiet Mission: nothing new"} {
		if !strings.Contains(status, w) {
			t.Errorf("/status lacks the alert %q", w)
		}
	}
}
