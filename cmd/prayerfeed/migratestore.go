package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// runMigrateStore copies a whole store into a new, empty one: SQLite to
// PostgreSQL when a church's feed moves to several machines, or back.
func runMigrateStore(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("migrate-store", "--from DB --to DB", stderr)
	from := fs.String("from", "", "the store to copy: a SQLite file or a postgres:// URL")
	to := fs.String("to", "", "the new store: a SQLite file (created) or a postgres:// URL (an existing, empty database)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" || fs.NArg() > 0 {
		fs.Usage()
		return errors.New("migrate-store: want --from DB --to DB")
	}
	if !store.IsPostgres(*from) {
		// Open would create an empty database in place of a mistyped name.
		if _, err := os.Stat(*from); err != nil {
			return fmt.Errorf("migrate-store: %w", err)
		}
	}
	// No fetch may write the original meanwhile (the lock is the one
	// fetch and serve take on a SQLite file).
	unlock, err := store.Lock(*from)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			return fmt.Errorf("migrate-store: a fetch is running on %s; stop serve and fetch first: %w", *from, err)
		}
		return err
	}
	defer unlock()
	src, err := store.Open(ctx, store.Config{Path: *from})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := store.Open(ctx, store.Config{Path: *to})
	if err != nil {
		return err
	}
	defer dst.Close()
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		return fmt.Errorf("migrate-store %s to %s: %w", store.PublicDB(*from), store.PublicDB(*to), err)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TABLE\tFROM\tTO")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\t%d\n", c.Table, c.From, c.To)
	}
	tw.Flush()
	fmt.Fprintf(stdout, "copied %s to %s; every count matches. Point --db (or PRAYERFEED_DB) at the new store.\n",
		store.PublicDB(*from), store.PublicDB(*to))
	return nil
}
