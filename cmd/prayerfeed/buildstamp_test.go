package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/farm"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

var wroteLine = regexp.MustCompile(`^wrote (\d+) files to .* \((\d+) unchanged\)\n$`)

// build runs build --out and reports how many files it wrote, or -1 when
// it found the output up to date.
func build(t *testing.T, cfg, db, out string, extra ...string) int {
	t.Helper()
	got := runCmd(t, append([]string{"--config", cfg, "--db", db, "build", "--out", out}, extra...)...)
	if regexp.MustCompile(`^up to date: \d+ files in `).MatchString(got) {
		return -1
	}
	m := wroteLine.FindStringSubmatch(got)
	if m == nil {
		t.Fatalf("build printed %q, want a wrote or up-to-date line", got)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// TestBuildWritesOnlyWhatChanged builds, then rebuilds after each kind of
// change a build depends on, checking what the rebuild writes.
func TestBuildWritesOnlyWhatChanged(t *testing.T) {
	_, cfg, db := farmSetup(t, 2, 3)
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	all := build(t, cfg, db, out)
	if all < 9 { // three formats of the combined feed and of each partner's
		t.Fatalf("first build wrote %d files, want at least 9", all)
	}
	atom := filepath.Join(out, "feed.atom")
	old := time.Unix(1, 0)
	if err := os.Chtimes(atom, old, old); err != nil {
		t.Fatal(err)
	}
	unchanged := func(t *testing.T) {
		t.Helper()
		if fi, err := os.Stat(atom); err != nil || !fi.ModTime().Equal(old) {
			t.Errorf("feed.atom was rewritten though its bytes did not change (%v)", err)
		}
	}

	t.Run("nothing changed", func(t *testing.T) {
		if got := build(t, cfg, db, out); got != -1 {
			t.Errorf("rebuild wrote %d files, want up to date", got)
		}
		unchanged(t)
	})
	t.Run("force renders but writes no same bytes", func(t *testing.T) {
		if got := build(t, cfg, db, out, "--force"); got != 0 {
			t.Errorf("forced rebuild wrote %d files, want 0", got)
		}
		unchanged(t)
	})
	t.Run("a file removed", func(t *testing.T) {
		if err := os.Remove(filepath.Join(out, "partners", farm.ID(1), "feed.json")); err != nil {
			t.Fatal(err)
		}
		if got := build(t, cfg, db, out); got != 1 {
			t.Errorf("rebuild wrote %d files, want the 1 removed", got)
		}
	})
	t.Run("new item", func(t *testing.T) {
		saveItem(t, db, farm.ID(0))
		got := build(t, cfg, db, out)
		if got < 1 || got >= all {
			t.Errorf("rebuild after one new item of %s wrote %d files, want some but not all %d", farm.ID(0), got, all)
		}
		if got := build(t, cfg, db, out); got != -1 {
			t.Errorf("second rebuild wrote %d files, want up to date", got)
		}
	})
	t.Run("config changed", func(t *testing.T) {
		data, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		data = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAll(data, []byte("title: Renamed prayer feed"))
		if err := os.WriteFile(cfg, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if got := build(t, cfg, db, out); got < 9 {
			t.Errorf("rebuild after a new title wrote %d files, want every feed (at least 9)", got)
		}
	})
}

// saveItem stores one new prayer point of partner, as a fetch would.
func saveItem(t *testing.T, db, partner string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.SaveItems(ctx, []feed.Item{{
		Kind: feed.KindPrayer, Text: "Pray for the new school term.", PartnerID: partner, PartnerName: "Partner 0",
		SourceURL: "https://partner0.example/feed.xml", UpdateGUID: "extra", Published: time.Now().Add(-time.Hour),
	}})
	if err != nil {
		t.Fatal(err)
	}
}
