package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// TestMigrateStore fetches into SQLite, corrects a point and makes a
// reader token, copies the store to PostgreSQL with migrate-store, and
// builds from each: the same feeds, the token still works, and a fetch on
// the copy finds nothing new (fetch state came along). A second copy into
// the now full database is refused.
func TestMigrateStore(t *testing.T) {
	_, cfg, db := farmSetup(t, 12, 3)
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	ctx := context.Background()
	lite, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	items, err := lite.Items(ctx, feed.Query{Limit: feed.MaxLimit})
	lite.Close()
	if err != nil || len(items) == 0 {
		t.Fatalf("fetch stored %d items, err %v", len(items), err)
	}
	runCmd(t, "--config", cfg, "--db", db, "review", "hide", items[0].ID)
	tokOut := runCmd(t, "--config", cfg, "--db", db, "token", "create", "smiths")
	lines := strings.Split(strings.TrimSpace(tokOut), "\n")
	token := lines[len(lines)-1]

	pg := pgtest.DB(t)
	out := runCmd(t, "migrate-store", "--from", db, "--to", pg)
	if !strings.Contains(out, "every count matches") || !strings.Contains(out, "items") {
		t.Errorf("migrate-store said:\n%s", out)
	}

	liteOut, pgOut := t.TempDir(), t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", liteOut)
	runCmd(t, "--config", cfg, "--db", pg, "build", "--out", pgOut)
	for _, name := range []string{"feed.json", "feed.atom", filepath.Join("partners", "partner-0003", "feed.json")} {
		a, b := readFile(t, filepath.Join(liteOut, name)), readFile(t, filepath.Join(pgOut, name))
		if a != b {
			t.Errorf("%s differs between the SQLite store and its PostgreSQL copy", name)
		}
		if strings.Contains(b, items[0].ID) {
			t.Errorf("%s of the copy shows the point hidden before the copy", name)
		}
	}
	fetched := runCmd(t, "--config", cfg, "--db", pg, "fetch", "--all")
	if !strings.Contains(fetched, "; 0 new items in") || strings.Contains(fetched, "FAIL") {
		t.Errorf("a fetch on the copy found new points or failed:\n%s", fetched)
	}
	copied, err := store.Open(ctx, store.Config{Path: pg})
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	if name, ok, err := copied.CheckToken(ctx, token); !ok || err != nil || name != "smiths" {
		t.Errorf("the reader token on the copy: %q, %v, %v", name, ok, err)
	}

	var stderr strings.Builder
	err = run(ctx, []string{"migrate-store", "--from", db, "--to", pg}, &strings.Builder{}, &stderr)
	if err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("a copy into a database with data: err = %v, want one saying it is not empty", err)
	}
}
