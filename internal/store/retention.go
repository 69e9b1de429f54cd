package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Expiry is a retention policy (partners.yaml `retention:`); a zero field
// is a rule that is off.
type Expiry struct {
	// MaxAge expires points whose update is older.
	MaxAge time.Duration
	// FollowSource expires points their source stopped listing at least
	// this long ago.
	FollowSource time.Duration
	// MaxItems keeps each partner's newest points only, in feed order.
	MaxItems int
}

// ExpiryResult counts what Expire deleted.
type ExpiryResult struct {
	// Items are points taken out of every output; History their earlier
	// or retired versions; Updates the fetched letters they came from.
	Items, History, Updates int
}

// Expire deletes the points policy e expires, with their history,
// corrections and updates, in one transaction, and starts a new generation
// when a point went, so no cached output keeps it. Deleted rows are
// overwritten (secure_delete), so a partner's old words do not linger in
// the file's free pages. (PostgreSQL has no such switch: its VACUUM
// reuses the space, and its backups are the operator's to expire.)
//
// A point "its source stopped listing" is one whose LastSeen is older than
// the newest LastSeen of its source: every fetch of the source that
// returned content moved LastSeen of every point it still lists, and a 304
// moves none, so an unchanged feed expires nothing. Points an admin added
// are never seen by a fetch, so that rule leaves them alone.
func (s *Store) Expire(ctx context.Context, e Expiry) (ExpiryResult, error) {
	var res ExpiryResult
	if e.MaxAge == 0 && e.FollowSource == 0 && e.MaxItems == 0 {
		return res, nil
	}
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if s.dialect == sqlite {
			if _, err := tx.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
				return err
			}
			// The pragma is per connection; the writer's other work does
			// not need it.
			defer tx.ExecContext(context.WithoutCancel(ctx), "PRAGMA secure_delete = OFF")
		}
		ids, err := expiredIDs(ctx, tx, e, now)
		if err != nil {
			return err
		}
		if res, err = deleteExpired(ctx, tx, s.dialect, ids, e, now); err != nil {
			return err
		}
		if res.Items == 0 {
			return nil
		}
		_, err = tx.ExecContext(ctx, "UPDATE generation SET gen = gen + 1, changed = ? WHERE id = 1", unixNano(now))
		return err
	})
	if err != nil {
		return ExpiryResult{}, fmt.Errorf("expire items: %w", err)
	}
	return res, nil
}

// expiredIDs lists the points each rule of e expires.
func expiredIDs(ctx context.Context, tx *sql.Tx, e Expiry, now time.Time) ([]string, error) {
	var queries []struct {
		q    string
		args []any
	}
	add := func(q string, args ...any) {
		queries = append(queries, struct {
			q    string
			args []any
		}{q, args})
	}
	if e.MaxAge > 0 {
		add("SELECT id FROM items WHERE published < ?", unixNano(now.Add(-e.MaxAge)))
	}
	if e.FollowSource > 0 {
		add(`SELECT id FROM items AS i WHERE added = 0 AND last_seen < ?
			AND last_seen < (SELECT MAX(last_seen) FROM items AS j WHERE j.partner_id = i.partner_id AND j.source_url = i.source_url)`,
			unixNano(now.Add(-e.FollowSource)))
	}
	if e.MaxItems > 0 {
		add(`SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY partner_id
			ORDER BY published DESC, update_key, position) AS n FROM items) AS ranked WHERE n > ?`, e.MaxItems)
	}
	seen := map[string]bool{}
	var ids []string
	for _, q := range queries {
		got, err := queryStrings(ctx, tx, q.q, q.args...)
		if err != nil {
			return nil, err
		}
		for _, id := range got {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	return ids, nil
}

// deleteExpired deletes the points ids (with their history and
// corrections), then history and updates the rules expire on their own.
func deleteExpired(ctx context.Context, tx *sql.Tx, d dialect, ids []string, e Expiry, now time.Time) (ExpiryResult, error) {
	var res ExpiryResult
	list, err := json.Marshal(ids)
	if err != nil {
		return res, err
	}
	in := "IN (SELECT value FROM " + d.jsonEach("?") + ")"
	var errs []error
	exec := func(n *int, q string, args ...any) {
		r, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			errs = append(errs, err)
			return
		}
		if k, err := r.RowsAffected(); err == nil && n != nil {
			*n += int(k)
		}
	}
	if len(ids) > 0 {
		exec(&res.Items, "DELETE FROM items WHERE id "+in, string(list))
		exec(&res.History, "DELETE FROM item_history WHERE id "+in, string(list))
		exec(nil, "DELETE FROM corrections WHERE item_id "+in, string(list))
	}
	if e.MaxAge > 0 {
		cutoff := unixNano(now.Add(-e.MaxAge))
		exec(&res.History, "DELETE FROM item_history WHERE published < ?", cutoff)
		exec(&res.Updates, "DELETE FROM updates WHERE published < ?", cutoff)
	}
	// An update none of whose points is left, and which the rules would
	// have expired, goes too: its content is the partner's letter.
	orphan := "NOT EXISTS (SELECT 1 FROM items WHERE items.partner_id = updates.partner_id AND items.update_guid = updates.guid)"
	if e.FollowSource > 0 {
		cutoff := unixNano(now.Add(-e.FollowSource))
		exec(&res.History, "DELETE FROM item_history WHERE retired < ?", cutoff)
		exec(&res.Updates, "DELETE FROM updates WHERE last_seen < ? AND "+orphan, cutoff)
	}
	if e.MaxItems > 0 && len(ids) > 0 {
		exec(&res.Updates, `DELETE FROM updates WHERE `+orphan+` AND published <
			(SELECT MIN(published) FROM items WHERE items.partner_id = updates.partner_id)`)
	}
	return res, errors.Join(errs...)
}
