package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// migrations holds the schema as numbered files, NNNN_name.sql; file N
// takes the database from user_version N-1 to N. PostgreSQL's are in
// migrations/postgres, one for each of SQLite's, under the same number.
//
//go:embed migrations/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrationDir is where d's migrations are.
func (d dialect) migrationDir() string {
	if d == postgres {
		return "migrations/postgres"
	}
	return "migrations"
}

type migration struct {
	version int
	name    string
	sql     string
}

// loadMigrations reads the embedded migrations in version order and checks
// that the numbers run 1, 2, 3... with no gap.
func loadMigrations() ([]migration, error) { return sqlite.loadMigrations() }

func (d dialect) loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, d.migrationDir()+"/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", base)
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: want number %d", m.name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the migrations the database lacks, each in its own
// transaction with the user_version it reaches, so a crash leaves the
// database at a whole version. The write lock taken at BEGIN keeps two
// processes opening a new file at once from both applying a migration.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := s.dialect.loadMigrations()
	if err != nil {
		return err
	}
	if s.dialect == postgres {
		// PostgreSQL has no user_version: a one-row table keeps it. The
		// write lock (see write) keeps two processes from both creating it.
		err := s.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);
				INSERT INTO schema_version SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM schema_version)`)
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
	}
	for _, m := range ms {
		err := s.write(ctx, func(tx *sql.Tx) error {
			var have int
			if err := tx.QueryRowContext(ctx, s.dialect.readVersion()).Scan(&have); err != nil {
				return err
			}
			if have > len(ms) {
				return fmt.Errorf("database schema version %d is newer than this program's %d", have, len(ms))
			}
			if have >= m.version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, s.dialect.writeVersion(m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate %s: %w", m.name, err)
		}
	}
	return nil
}

// SchemaVersion reports the schema version the database is at.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	if err := s.db.QueryRowContext(ctx, s.dialect.readVersion()).Scan(&v); err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v, nil
}

// readVersion reads the schema version.
func (d dialect) readVersion() string {
	if d == postgres {
		return "SELECT version FROM schema_version"
	}
	return "PRAGMA user_version"
}

// writeVersion sets the schema version to v.
func (d dialect) writeVersion(v int) string {
	if d == postgres {
		return fmt.Sprintf("UPDATE schema_version SET version = %d", v)
	}
	return fmt.Sprintf("PRAGMA user_version = %d", v)
}
