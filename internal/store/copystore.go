package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// copiedTables are the tables CopyTo copies, in an order that keeps
// items' rowids (their feed-order tie-breaker) in their order. The
// generation row is copied apart: the destination has its own.
var copiedTables = []string{"items", "item_history", "sources", "tokens", "corrections", "updates",
	"audit", "admin_sessions", "digests", "mail"}

// TableCount is how many rows one table holds in the source and in the
// destination after a copy.
type TableCount struct {
	Table    string
	From, To int64
}

// ErrNotEmpty means the destination of a copy already holds data.
var ErrNotEmpty = errors.New("destination is not empty")

// CopyTo copies everything s holds (items with their history, updates,
// corrections and audit, fetch state, reader tokens, admin sessions,
// digests, mail, and the generation) into dst, which must be empty and
// at the same schema version, in one transaction; then it counts each
// table on both sides and fails if any count differs. s is read in one
// read transaction, so a run writing to it meanwhile does not tear the
// copy; stop writers anyway, or their later changes stay behind. Either
// store may be SQLite or PostgreSQL.
func (s *Store) CopyTo(ctx context.Context, dst *Store) ([]TableCount, error) {
	from, err := s.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	to, err := dst.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if from != to {
		return nil, fmt.Errorf("copy store: schema versions differ: %d and %d", from, to)
	}
	if err := dst.checkEmpty(ctx); err != nil {
		return nil, err
	}
	src, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: s.snapshotLevel()})
	if err != nil {
		return nil, fmt.Errorf("copy store: %w", err)
	}
	defer src.Rollback()
	counts := make([]TableCount, len(copiedTables))
	err = dst.write(ctx, func(tx *sql.Tx) error {
		for i, table := range copiedTables {
			n, err := copyTable(ctx, src, tx, table)
			if err != nil {
				return fmt.Errorf("table %s: %w", table, err)
			}
			counts[i] = TableCount{Table: table, From: n}
		}
		var gen, changed int64
		if err := src.QueryRowContext(ctx, "SELECT gen, changed FROM generation WHERE id = 1").Scan(&gen, &changed); err != nil {
			return err
		}
		// One past the source's, so a cache keyed by the source's last
		// generation never takes the copy for what it rendered.
		_, err := tx.ExecContext(ctx, "UPDATE generation SET gen = ?, changed = ? WHERE id = 1", gen+1, changed)
		if err != nil {
			return err
		}
		return dst.dialect.afterExplicitIDs(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("copy store: %w", err)
	}
	var bad []string
	for i, c := range counts {
		if err := dst.db.QueryRowContext(ctx, "SELECT count(*) FROM "+c.Table).Scan(&counts[i].To); err != nil {
			return counts, fmt.Errorf("copy store: count %s: %w", c.Table, err)
		}
		if counts[i].To != c.From {
			bad = append(bad, fmt.Sprintf("%s: %d rows copied, %d stored", c.Table, c.From, counts[i].To))
		}
	}
	if len(bad) > 0 {
		return counts, fmt.Errorf("copy store: counts differ: %s", strings.Join(bad, "; "))
	}
	return counts, nil
}

// snapshotLevel is the isolation that makes a read transaction one
// snapshot: SQLite's is always; PostgreSQL's default reads each
// statement afresh.
func (s *Store) snapshotLevel() sql.IsolationLevel {
	if s.dialect == postgres {
		return sql.LevelRepeatableRead
	}
	return sql.LevelDefault
}

// checkEmpty fails with ErrNotEmpty when any copied table has a row.
func (s *Store) checkEmpty(ctx context.Context) error {
	for _, table := range copiedTables {
		var any bool
		if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+")").Scan(&any); err != nil {
			return fmt.Errorf("copy store: %w", err)
		}
		if any {
			return fmt.Errorf("copy store: %w: table %s has rows", ErrNotEmpty, table)
		}
	}
	return nil
}

// copyTable copies every row of table from src to dst, in rowid (or id)
// order, and returns how many. Items are inserted without their rowid,
// so the destination numbers them afresh in the same order.
func copyTable(ctx context.Context, src, dst *sql.Tx, table string) (int64, error) {
	order := ""
	switch table {
	case "items":
		order = " ORDER BY rowid"
	case "audit", "mail":
		order = " ORDER BY id"
	}
	probe, err := src.QueryContext(ctx, "SELECT * FROM "+table+" WHERE 1 = 0")
	if err != nil {
		return 0, err
	}
	cols, err := probe.Columns()
	probe.Close()
	if err != nil {
		return 0, err
	}
	cols = slices.DeleteFunc(cols, func(c string) bool { return c == "rowid" })
	list := strings.Join(cols, ", ")
	insert, err := dst.PrepareContext(ctx, "INSERT INTO "+table+" ("+list+") VALUES ("+
		strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")+")")
	if err != nil {
		return 0, err
	}
	defer insert.Close()
	rows, err := src.QueryContext(ctx, "SELECT "+list+" FROM "+table+order)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := insert.ExecContext(ctx, values...); err != nil {
			return n, fmt.Errorf("row %d: %w", n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// afterExplicitIDs moves PostgreSQL's identity counters past the ids a
// copy inserted, so the next audit record or mail gets a new one.
func (d dialect) afterExplicitIDs(ctx context.Context, tx *sql.Tx) error {
	if d != postgres {
		return nil
	}
	for _, table := range []string{"audit", "mail"} {
		_, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('"+table+"', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM "+table)
		if err != nil {
			return err
		}
	}
	return nil
}
