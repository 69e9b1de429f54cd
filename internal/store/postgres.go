package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// IsPostgres reports whether db names a PostgreSQL database
// (postgres:// or postgresql://) rather than a SQLite file.
func IsPostgres(db string) bool {
	return strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://")
}

// openPostgres opens url through pgx. The store's SQL is written once, in
// SQLite's spelling where the two agree on meaning: the connections
// wrapped here turn its ? and ?N parameters into $N, and Go booleans
// into the 0 and 1 its integer flag columns hold, so the same statements
// run on both. Where the dialects differ in meaning, dialect.go spells
// each.
func openPostgres(url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	return sql.OpenDB(pgConnector{stdlib.GetConnector(*cfg), &sync.Map{}}), nil
}

// pgConnector makes pgConns.
type pgConnector struct {
	driver.Connector
	// rebound caches each query's PostgreSQL form.
	rebound *sync.Map
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := conn.(*stdlib.Conn)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("pgx stdlib gave a %T, not a *stdlib.Conn", conn)
	}
	return pgConn{pc, c.rebound}, nil
}

// pgConn is a pgx connection that reads the store's SQL.
type pgConn struct {
	*stdlib.Conn
	rebound *sync.Map
}

func (c pgConn) query(q string) string {
	if v, ok := c.rebound.Load(q); ok {
		return v.(string)
	}
	r := rebind(q)
	c.rebound.Store(q, r)
	return r
}

func (c pgConn) Prepare(q string) (driver.Stmt, error) {
	return c.Conn.Prepare(c.query(q))
}

func (c pgConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	return c.Conn.PrepareContext(ctx, c.query(q))
}

func (c pgConn) ExecContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Result, error) {
	return c.Conn.ExecContext(ctx, c.query(q), args)
}

func (c pgConn) QueryContext(ctx context.Context, q string, args []driver.NamedValue) (driver.Rows, error) {
	return c.Conn.QueryContext(ctx, c.query(q), args)
}

// CheckNamedValue stores a bool as SQLite does, 1 or 0, and a string
// with NUL characters, which PostgreSQL's text refuses, with U+FFFD in
// their place, as invalid UTF-8 is stored.
func (c pgConn) CheckNamedValue(nv *driver.NamedValue) error {
	switch v := nv.Value.(type) {
	case bool:
		nv.Value = int64(0)
		if v {
			nv.Value = int64(1)
		}
	case string:
		if strings.IndexByte(v, 0) >= 0 {
			nv.Value = strings.ReplaceAll(v, "\x00", "\uFFFD")
		}
	}
	return nil
}

// rebind turns SQLite's parameters, ?N and ?, into PostgreSQL's $N,
// outside quotes and comments. A bare ? takes the number after the
// largest used so far, as in SQLite.
func rebind(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	largest := 0
	for i := 0; i < len(q); i++ {
		ch := q[i]
		switch {
		case ch == '\'' || ch == '"':
			end := strings.IndexByte(q[i+1:], ch)
			if end < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+end+2])
			i += end + 1
		case ch == '-' && strings.HasPrefix(q[i:], "--"):
			end := strings.IndexByte(q[i:], '\n')
			if end < 0 {
				end = len(q) - i - 1
			}
			b.WriteString(q[i : i+end+1])
			i += end
		case ch == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := largest + 1
			if j > i+1 {
				fmt.Sscan(q[i+1:j], &n)
			}
			largest = max(largest, n)
			fmt.Fprintf(&b, "$%d", n)
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}
