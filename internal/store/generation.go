package store

import (
	"context"
	"fmt"
	"time"
)

// Generation is a number that changes whenever items change (a SaveItems
// with New or Updated > 0), so servers can cache rendered feeds keyed by it,
// even when another process did the saving; changed is when that was, zero
// before the first item.
func (s *Store) Generation(ctx context.Context) (gen int64, changed time.Time, err error) {
	var n int64
	err = s.db.QueryRowContext(ctx, "SELECT gen, changed FROM generation WHERE id = 1").Scan(&gen, &n)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("read generation: %w", err)
	}
	return gen, fromUnixNano(n), nil
}
