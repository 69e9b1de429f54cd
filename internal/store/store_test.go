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

// openTest opens a store in a fresh file with a clock at t0.
func openTest(t testing.TB) (*Store, *clock, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "prayerfeed.db")
	c := &clock{t: t0}
	s, err := Open(context.Background(), Config{Path: path, Now: c.Now})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s, c, path
}

func TestOpenMigratesAndReopens(t *testing.T) {
	ctx := context.Background()
	s, _, path := openTest(t)
	ms, err := loadMigrations()
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
}

func TestOpenPragmas(t *testing.T) {
	ctx := context.Background()
	s, _, _ := openTest(t)
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
	ctx := context.Background()
	s, _, path := openTest(t)
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s2, err := Open(ctx, Config{Path: path}); err == nil {
		s2.Close()
		t.Fatal("Open of a database from a newer version succeeded, want an error")
	}
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
	s, _, _ := openTest(t)
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
