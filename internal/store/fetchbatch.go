package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// SourceBatch is what one fetch of one source leaves to store: the items
// it found and the source's new fetch state, which are written together or
// not at all. A failed fetch brings no items, so the source keeps those of
// its last good fetch.
type SourceBatch struct {
	Items []feed.Item
	State SourceState
	// Updates are the updates fetched, with their content, including
	// those in which no point was found; optional.
	Updates []Update
	// Hold marks the new items as waiting for an admin's approval: the
	// partner is on review: hold.
	Hold bool
}

// SourceSaved is what SaveFetch did with one SourceBatch.
type SourceSaved struct {
	SaveResult
	// Err is why the batch's items could not be saved (see SaveItems);
	// then neither they nor its State were written, and the other batches
	// were not affected.
	Err error
}

// SaveFetch writes several sources' batches in one transaction, which
// costs far less than a transaction each: a fetch cycle hands its sources
// over in groups. Each batch's items are saved as SaveItems saves them,
// then its State recorded as PutSourceState records it. The error is for
// the transaction as a whole, when nothing was written.
func (s *Store) SaveFetch(ctx context.Context, batches []SourceBatch) ([]SourceSaved, error) {
	out := make([]SourceSaved, len(batches))
	prepared := make([][]feed.Item, len(batches))
	for i, b := range batches {
		prepared[i], out[i].Err = prepareItems(b.Items)
	}
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		w := newItemWriter(ctx, tx, s.stmts, now)
		put := tx.StmtContext(ctx, s.stmts.putState)
		changed := false
		for i, b := range batches {
			if out[i].Err != nil {
				continue
			}
			r, err := saveBatch(ctx, tx, w, put, prepared[i], b)
			var broken *txBroken
			if errors.As(err, &broken) {
				// The transaction itself is gone (disk full, I/O error):
				// nothing of this group was written, so say so for all.
				return err
			}
			if err != nil {
				out[i].Err = fmt.Errorf("save fetch of %s %s: %w", b.State.PartnerID, b.State.URL, err)
				continue
			}
			out[i].SaveResult = r
			changed = changed || r.New+r.Updated+r.Retired > 0
		}
		if changed {
			_, err := w.bump.ExecContext(ctx, unixNano(now))
			return err
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save fetch: %w", err)
	}
	return out, nil
}

// txBroken is a savepoint that could not be taken, rolled back to or
// released: SQLite may already have rolled the whole transaction back (on
// SQLITE_FULL or SQLITE_IOERR), and any later statement would run outside
// it, so the group must end here rather than go on to the next source.
type txBroken struct{ err error }

func (e *txBroken) Error() string { return "transaction broken: " + e.err.Error() }
func (e *txBroken) Unwrap() error { return e.err }

// saveBatch writes one source's items and then its state, under a
// savepoint, so that an error leaves the transaction as it was before the
// source and the other sources can go on.
func saveBatch(ctx context.Context, tx *sql.Tx, w *itemWriter, put *sql.Stmt, items []feed.Item, b SourceBatch) (SaveResult, error) {
	if _, err := tx.ExecContext(ctx, "SAVEPOINT source"); err != nil {
		return SaveResult{}, &txBroken{err}
	}
	res, err := saveSourceBatch(ctx, w, put, items, b)
	if err != nil {
		if _, rerr := tx.ExecContext(ctx, "ROLLBACK TO source"); rerr != nil {
			return SaveResult{}, &txBroken{errors.Join(err, rerr)}
		}
	}
	if _, rerr := tx.ExecContext(ctx, "RELEASE source"); rerr != nil {
		return SaveResult{}, &txBroken{errors.Join(err, rerr)}
	}
	return res, err
}

func saveSourceBatch(ctx context.Context, w *itemWriter, put *sql.Stmt, items []feed.Item, b SourceBatch) (SaveResult, error) {
	res, err := w.saveItems(ctx, items, b.Updates, b.Hold)
	if err != nil {
		return res, err
	}
	_, err = put.ExecContext(ctx, sourceStateArgs(b.State)...)
	return res, err
}

// prepareItems checks items as SaveItems needs them and returns a copy
// with invalid UTF-8 replaced.
func prepareItems(items []feed.Item) ([]feed.Item, error) {
	out := make([]feed.Item, len(items))
	copy(out, items)
	for i := range out {
		it := &out[i]
		validUTF8(it)
		if !it.Kind.Valid() || it.PartnerID == "" || strings.TrimSpace(it.Text) == "" {
			return nil, fmt.Errorf("save items: item %d (partner %q, update %q): want a kind, partner and text", i, it.PartnerID, it.UpdateGUID)
		}
	}
	return out, nil
}
