package store

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// backend is a database the store's tests run on: new gives a fresh one's
// Config.Path.
type backend struct {
	name string
	new  func(t testing.TB) string
}

var (
	sqliteBackend   = backend{"sqlite", func(t testing.TB) string { return filepath.Join(t.TempDir(), "prayerfeed.db") }}
	postgresBackend = backend{"postgres", pgtest.DB}
)

// forBackends runs fn as a subtest on each backend: the same behaviour
// on SQLite and PostgreSQL.
func forBackends(t *testing.T, fn func(t *testing.T, db backend)) {
	for _, b := range []backend{sqliteBackend, postgresBackend} {
		t.Run(b.name, func(t *testing.T) { fn(t, b) })
	}
}

// openTest opens a store in a fresh database of db with a clock at t0.
func openTest(t testing.TB, db backend) (*Store, *clock, string) {
	t.Helper()
	path := db.new(t)
	c := &clock{t: t0}
	s, err := Open(context.Background(), Config{Path: path, Now: c.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c, path
}

func TestOpenMigratesAndReopens(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, path := openTest(t, db)
		ms, err := s.dialect.loadMigrations()
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != len(ms) || v == 0 {
			t.Fatalf("schema version = %d, want %d", v, len(ms))
		}
		if _, err := s.SaveItems(ctx, []feed.Item{item("ijm", "u1", 0, feed.KindPrayer, "Pray for the team in Chennai")}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}

		s2, err := Open(ctx, Config{Path: path})
		if err != nil {
			t.Fatalf("reopen: %v", err)
		}
		defer s2.Close()
		if v2, _ := s2.SchemaVersion(ctx); v2 != v {
			t.Errorf("schema version after reopen = %d, want %d", v2, v)
		}
		items, err := s2.Items(ctx, feed.Query{})
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 1 {
			t.Errorf("items after reopen = %d, want 1", len(items))
		}
	})
}

func TestOpenPragmas(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openTest(t, sqliteBackend)
	for _, tc := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"synchronous", "1"},
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
	} {
		t.Run(tc.pragma, func(t *testing.T) {
			var got string
			if err := s.db.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("PRAGMA %s = %q, want %q", tc.pragma, got, tc.want)
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, _, path := openTest(t, db)
		if _, err := s.db.ExecContext(ctx, s.dialect.writeVersion(999)); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if s2, err := Open(ctx, Config{Path: path}); err == nil {
			s2.Close()
			t.Fatal("Open of a database from a newer version succeeded, want an error")
		}
	})
}

func TestOpenPathWithQuestionMark(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd?name#1.db")
	s, err := Open(context.Background(), Config{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := filepath.Glob(path); err != nil {
		t.Fatal(err)
	}
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "odd*"))
	found := false
	for _, m := range matches {
		if m == path {
			found = true
		}
	}
	if !found {
		t.Errorf("database file %q not created; found %v", path, matches)
	}
}

func TestOpenNotADatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.txt")
	if err := os.WriteFile(path, []byte(strings.Repeat("not a database\n", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), Config{Path: path})
	if err == nil {
		s.Close()
		t.Fatal("Open of a text file succeeded, want an error")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
}

// TestConnectionsKeepTempInMemory checks the pragma that keeps savepoint
// journals off disk on the writer and on pooled connections alike.
func TestConnectionsKeepTempInMemory(t *testing.T) {
	s, _, _ := openTest(t, sqliteBackend)
	ctx := context.Background()
	for name, q := range map[string]interface {
		QueryRowContext(context.Context, string, ...any) *sql.Row
	}{"writer": s.writer, "pool": s.db} {
		var mode int
		if err := q.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != 2 {
			t.Errorf("%s: temp_store = %d, want 2 (memory)", name, mode)
		}
	}
}

// TestMigrationsBothDialects checks that every SQLite migration has its
// PostgreSQL twin under the same number, so a version means one schema.
func TestMigrationsBothDialects(t *testing.T) {
	lite, err := sqlite.loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	pg, err := postgres.loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) != len(pg) {
		t.Fatalf("%d SQLite migrations, %d PostgreSQL ones", len(lite), len(pg))
	}
	for i := range lite {
		if lite[i].name != pg[i].name {
			t.Errorf("migration %d: SQLite %s, PostgreSQL %s", i+1, lite[i].name, pg[i].name)
		}
	}
}

func TestRebind(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"a = ? AND b = ?", "a = $1 AND b = $2"},
		{"a = ?2 AND b = ?1 AND c = ?2", "a = $2 AND b = $1 AND c = $2"},
		{"a = ?3, b = ?", "a = $3, b = $4"},
		{"a = '?' AND b = ? -- why?\n AND c = ?", "a = '?' AND b = $1 -- why?\n AND c = $2"},
		{`"odd?" = ?`, `"odd?" = $1`},
	} {
		if got := rebind(tc.in); got != tc.want {
			t.Errorf("rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
