package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
	"github.com/prayerfeed/prayerfeed/internal/static"
)

// TestBuildPublishesNothingPrivate builds the fixture church statically
// and reads every file written: the rotation routes are there, and no
// file holds a private partner's item or a redacted word.
func TestBuildPublishesNothingPrivate(t *testing.T) {
	c := sitetest.New(t)
	out := t.TempDir()
	runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out)
	for _, want := range []string{"this-week.xml", "this-week.atom", "this-week.json", "calendar.ics", "partners.opml", "partners/ijm/feed.atom"} {
		if _, err := os.Stat(filepath.Join(out, want)); err != nil {
			t.Errorf("build did not write %s: %v", want, err)
		}
	}
	files := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(out, path)
		if strings.Contains(rel, "private") || strings.Contains(rel, "kelu") {
			t.Errorf("build wrote %s", rel)
		}
		body, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if leaks := sitetest.Leaks(body); len(leaks) > 0 {
			t.Errorf("%s holds %q", rel, leaks)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 12 {
		t.Errorf("build wrote %d files, want at least 12", files)
	}
}

// TestTokenCreatePrintsTokenLast checks the contract scripts rely on: the
// token is the last line of `token create`, and it opens the store.
func TestTokenCreatePrintsTokenLast(t *testing.T) {
	c := sitetest.New(t)
	out := runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "token", "create", "reader")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	tok := lines[len(lines)-1]
	if _, ok, err := c.Store.CheckToken(t.Context(), tok); err != nil || !ok {
		t.Fatalf("last line %q is not a valid token (err %v); output:\n%s", tok, err, out)
	}
	runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "token", "revoke", "reader")
	if _, ok, _ := c.Store.CheckToken(t.Context(), tok); ok {
		t.Error("token still valid after revoke")
	}
	if list := runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "token", "list"); strings.Contains(list, tok) {
		t.Errorf("token list shows the token:\n%s", list)
	}
}

// TestBuildRemovesWhatItNoLongerPublishes: ijm is published, then made
// private; the next build must take its partner feeds off the static host
// rather than leave the last public copy behind. A temporary file left by
// a killed build goes too, once it is old.
func TestBuildRemovesWhatItNoLongerPublishes(t *testing.T) {
	c := sitetest.New(t)
	out := t.TempDir()
	runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out)
	stale := filepath.Join(out, "partners", "ijm", "feed.atom")
	if _, err := os.Stat(stale); err != nil {
		t.Fatalf("first build did not write %s: %v", stale, err)
	}
	abandoned := filepath.Join(out, ".feed.xml.tmp123")
	if err := os.WriteFile(abandoned, []byte("half a feed"), 0o644); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(abandoned, old, old); err != nil {
		t.Fatal(err)
	}

	yaml := strings.Replace(sitetest.YAML, "    short: IJM\n", "    short: IJM\n    visibility: private\n", 1)
	if err := os.WriteFile(c.ConfigPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out)
	for _, gone := range []string{stale, abandoned} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s survived the second build (err %v)", gone, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "partners", "sim", "feed.atom")); err != nil {
		t.Errorf("the second build removed a feed it still publishes: %v", err)
	}
}

// TestBuildFailedHalfWayIsRedone: a build that fails after renaming some
// files must not leave the old stamp behind, or the next build would call
// a directory holding a mix of two configs "up to date"; and the files it
// did rename stay listed for cleaning up.
func TestBuildFailedHalfWayIsRedone(t *testing.T) {
	c := sitetest.New(t)
	out := t.TempDir()
	runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out)

	// A directory where a feed goes makes that one rename fail.
	blocker := filepath.Join(out, "feed.json")
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(blocker, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(sitetest.YAML, "title: Grace Church missions prayer feed", "title: Grace Church prayer", 1)
	if err := os.WriteFile(c.ConfigPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr strings.Builder
	if err := run(t.Context(), []string{"--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out}, &stdout, &stderr); err == nil {
		t.Fatal("build over a blocked feed.json succeeded")
	}
	if _, err := os.Stat(filepath.Join(out, static.StampFile)); !os.IsNotExist(err) {
		t.Errorf("a failed build left the stamp in place (err %v)", err)
	}

	// Back to the first config, with the blocker gone: the build must run.
	if err := os.RemoveAll(blocker); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.ConfigPath, []byte(sitetest.YAML), 0o644); err != nil {
		t.Fatal(err)
	}
	got := runCmd(t, "--config", c.ConfigPath, "--db", c.DBPath, "build", "--out", out)
	if strings.Contains(got, "up to date") {
		t.Fatalf("the build after a failed one was skipped: %q", got)
	}
	if _, err := os.Stat(blocker); err != nil {
		t.Errorf("feed.json not rebuilt: %v", err)
	}
}
