// Package store keeps prayerfeed's state in SQLite (pure Go, no cgo), or
// in PostgreSQL for several machines sharing one database: the items with
// their first-seen and last-seen history, the fetch state of every source,
// the item generation servers cache by, and reader tokens.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Errors callers branch on.
var (
	// ErrLocked means another run holds the fetch lock.
	ErrLocked = errors.New("locked by another run")
	// ErrExists means a token of that name already exists.
	ErrExists = errors.New("already exists")
	// ErrNotFound means no token of that name exists.
	ErrNotFound = errors.New("not found")
)

// Config says where the database lives and which clock to use.
type Config struct {
	// Path is the database file, created if missing; or a PostgreSQL
	// URL (postgres://user@host/db), whose database must exist.
	Path string
	// Now is the clock; nil means time.Now. Tests inject a fixed one.
	Now func() time.Time
}

// Store is an open prayerfeed database. It is safe for concurrent use by
// many goroutines, and for several processes sharing one file.
type Store struct {
	db      *sql.DB
	dialect dialect
	now     func() time.Time
	// writeMu serializes this process's write transactions, so concurrent
	// writers queue in Go instead of spinning on SQLite's busy handler;
	// busy_timeout and BEGIN IMMEDIATE cover writers in other processes.
	writeMu sync.Mutex
	// writer is the one connection writes go through, so its page cache
	// stays warm from one transaction to the next: SQLite empties a
	// connection's cache whenever another connection has written.
	writer *sql.Conn
	stmts  *statements
	// claimant names this Store's run in source claims (claims.go);
	// slots keeps its host slots there.
	claimant string
	slots    hostSlots
}

// busyTimeout is how long a writer waits for another process's write
// transaction before giving up with SQLITE_BUSY.
const busyTimeout = 10 * time.Second

// Open opens (creating if missing) the database at cfg.Path and brings its
// schema up to date.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	if cfg.Path == "" {
		return nil, errors.New("open store: empty path")
	}
	s := &Store{now: cfg.Now, claimant: newClaimant()}
	if s.now == nil {
		s.now = time.Now
	}
	if IsPostgres(cfg.Path) {
		s.dialect = postgres
	}
	if err := s.open(ctx, cfg.Path); err != nil {
		s.Close()
		return nil, fmt.Errorf("open store %s: %w", PublicDB(cfg.Path), err)
	}
	return s, nil
}

func (s *Store) open(ctx context.Context, path string) error {
	var err error
	if s.dialect == postgres {
		s.db, err = openPostgres(path)
	} else {
		s.db, err = openSQLite(path)
	}
	if err != nil {
		return err
	}
	// WAL lets readers run beside the one writer; more connections than
	// cores buys little for an in-process engine. On PostgreSQL each is a
	// server process: a few per replica keeps many replicas under the
	// server's max_connections (100 by default).
	conns := max(4, runtime.GOMAXPROCS(0))
	s.db.SetMaxOpenConns(conns)
	s.db.SetMaxIdleConns(conns)
	if s.writer, err = s.db.Conn(ctx); err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	s.stmts, err = prepareStatements(ctx, s.db, s.dialect)
	return err
}

func openSQLite(path string) (*sql.DB, error) {
	dsn, err := dataSourceName(path)
	if err != nil {
		return nil, err
	}
	return sql.Open("sqlite", dsn)
}

// PublicDB is db as messages show it: a PostgreSQL URL without its
// password.
func PublicDB(db string) string {
	if !IsPostgres(db) {
		return db
	}
	u, err := url.Parse(db)
	if err != nil {
		return "postgres://…"
	}
	return u.Redacted()
}

// dataSourceName builds a file: URI so that any character in the path (a
// '?' or '#') reaches SQLite intact, with the pragmas every connection needs.
func dataSourceName(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeout.Milliseconds()))
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_foreign_keys", "1")
	// Statement and savepoint journals in memory, not temporary files:
	// each write statement inside a transaction keeps one, and on disk
	// they were over half the bytes a first fetch wrote (87 of 149 MB).
	q.Add("_pragma", "temp_store(memory)")
	// Every transaction this package begins writes, so take the write lock
	// at BEGIN: a deferred transaction that upgrades later can fail with
	// SQLITE_BUSY at once, whatever the busy timeout.
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	return u.String(), nil
}

// Close closes the database.
func (s *Store) Close() error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	var errs []error
	errs = append(errs, s.slots.close())
	if s.stmts != nil {
		errs = append(errs, s.stmts.close())
	}
	if s.writer != nil {
		errs = append(errs, s.writer.Close())
	}
	if s.db != nil {
		errs = append(errs, s.db.Close())
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("close store: %w", err)
	}
	return nil
}

// write runs fn in one write transaction, committing when fn returns nil.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	// Also when fn panics, so that the writer connection is not left in
	// an open transaction; after Commit this does nothing.
	defer tx.Rollback()
	if s.dialect == postgres {
		// Writers take turns, across processes and machines, as on
		// SQLite: matching an update's points against the stored ones and
		// then writing must not interleave with another writer's.
		if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(?)", writeLockKey); err != nil {
			return err
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// writeLockKey is the PostgreSQL advisory lock write transactions hold.
const writeLockKey = 0x70726179 // "pray"

// unixNano stores t as Unix nanoseconds, the zero time as 0.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// fromUnixNano reads what unixNano stored, in UTC.
func fromUnixNano(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}
