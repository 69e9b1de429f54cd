package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// A correction is what an admin said about one item, kept in the
// corrections table by item id: the id is stable across re-fetches and
// light edits of the update, so a correction outlives them, a rebuild and a
// restart. Each one is applied to the item's row (applyCorrection), which
// is what every output reads (itemColumns, publishedOnly), so a correction
// reaches every output, present or later, without that output knowing.
type correction struct {
	hidden, approved bool
	// kind and text are "" where the extractor's stand.
	kind, text string
}

// querier runs statements in a transaction or on the database.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// readCorrection returns id's correction, and whether there is one.
func readCorrection(ctx context.Context, q querier, id string) (correction, bool, error) {
	var c correction
	err := q.QueryRowContext(ctx, "SELECT hidden, approved, kind, text FROM corrections WHERE item_id = ?", id).
		Scan(&c.hidden, &c.approved, &c.kind, &c.text)
	if errors.Is(err, sql.ErrNoRows) {
		return correction{}, false, nil
	}
	return c, err == nil, err
}

// applyCorrection brings item id's published form in line with its
// correction. Without one, an extracted item in an update an admin said
// holds no points is hidden; with one, the correction decides.
func applyCorrection(ctx context.Context, q querier, id string) error {
	c, has, err := readCorrection(ctx, q, id)
	if err != nil {
		return err
	}
	var editedText, editedHTML any // NULL: the extractor's text stands
	if c.text != "" {
		editedText, editedHTML = c.text, html.EscapeString(c.text)
	}
	_, err = q.ExecContext(ctx, `UPDATE items SET
		hidden = CASE WHEN ?2 = 1 THEN ?3 WHEN added = 0 AND EXISTS (SELECT 1 FROM updates u
			WHERE u.partner_id = items.partner_id AND u.guid = items.update_guid AND u.no_points = 1) THEN 1 ELSE 0 END,
		held = CASE WHEN ?4 = 1 THEN 0 ELSE held END,
		kind = CASE WHEN ?5 = '' THEN COALESCE(extracted_kind, kind) ELSE ?5 END,
		extracted_kind = CASE WHEN ?5 = '' THEN NULL ELSE COALESCE(extracted_kind, kind) END,
		edited_text = ?6, edited_html = ?7
		WHERE id = ?1`, id, has, c.hidden, c.approved, c.kind, editedText, editedHTML)
	return err
}

// putCorrection changes item id's correction with change, applies it and
// records the action, in tx. ErrNotFound when there is no such item.
func putCorrection(ctx context.Context, tx *sql.Tx, now time.Time, id string, change func(*correction)) error {
	var partner, guid string
	err := tx.QueryRowContext(ctx, "SELECT partner_id, update_guid FROM items WHERE id = ?", id).Scan(&partner, &guid)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("item %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return err
	}
	c, has, err := readCorrection(ctx, tx, id)
	if err != nil {
		return err
	}
	if !has {
		// A first correction starts from what the item shows now, so an
		// item hidden with its update stays hidden when its kind changes.
		if err := tx.QueryRowContext(ctx, "SELECT hidden FROM items WHERE id = ?", id).Scan(&c.hidden); err != nil {
			return err
		}
	}
	change(&c)
	_, err = tx.ExecContext(ctx, `INSERT INTO corrections (item_id, partner_id, update_guid, hidden, kind, text, approved, changed)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (item_id) DO UPDATE SET hidden = excluded.hidden, kind = excluded.kind, text = excluded.text,
			approved = excluded.approved, changed = excluded.changed`,
		id, partner, guid, c.hidden, c.kind, c.text, c.approved, unixNano(now))
	if err != nil {
		return err
	}
	return applyCorrection(ctx, tx, id)
}

// correct runs one admin action in a write transaction: fn, the audit
// record, and a new generation, so every cached output is rendered again.
func (s *Store) correct(ctx context.Context, who, action, target, detail string, fn func(tx *sql.Tx, now time.Time) error) error {
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := fn(tx, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO audit (at, who, action, target, detail) VALUES (?, ?, ?, ?, ?)",
			unixNano(now), who, action, target, detail); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE generation SET gen = gen + 1, changed = ? WHERE id = 1", unixNano(now))
		return err
	})
	if err != nil {
		return fmt.Errorf("%s %s: %w", action, target, err)
	}
	return nil
}

// eachItem runs putCorrection for every id.
func eachItem(ctx context.Context, tx *sql.Tx, now time.Time, ids []string, change func(*correction)) error {
	for _, id := range ids {
		if err := putCorrection(ctx, tx, now, id, change); err != nil {
			return err
		}
	}
	return nil
}

// Hide takes items out of every output; they stay hidden when their
// update is fetched again or lightly edited. who names the admin session
// or "cli" for the audit.
func (s *Store) Hide(ctx context.Context, who string, ids ...string) error {
	return s.correct(ctx, who, "hide", strings.Join(ids, " "), "", func(tx *sql.Tx, now time.Time) error {
		return eachItem(ctx, tx, now, ids, func(c *correction) { c.hidden = true })
	})
}

// Restore undoes what an admin changed on items (hidden, kind, text),
// publishing them as the extractor found them; an approval stands.
func (s *Store) Restore(ctx context.Context, who string, ids ...string) error {
	return s.correct(ctx, who, "restore", strings.Join(ids, " "), "", func(tx *sql.Tx, now time.Time) error {
		return eachItem(ctx, tx, now, ids, func(c *correction) {
			c.hidden, c.kind, c.text = false, "", ""
		})
	})
}

// SetKind publishes an item as a prayer or a praise, whatever the
// extractor said.
func (s *Store) SetKind(ctx context.Context, who, id string, kind feed.Kind) error {
	if !kind.Valid() {
		return fmt.Errorf("kind %s: %q: want prayer or praise", id, kind)
	}
	return s.correct(ctx, who, "kind", id, string(kind), func(tx *sql.Tx, now time.Time) error {
		return putCorrection(ctx, tx, now, id, func(c *correction) { c.kind = string(kind) })
	})
}

// EditText publishes text instead of the item's extracted text, which is
// kept (and restored by Restore).
func (s *Store) EditText(ctx context.Context, who, id, text string) error {
	text = strings.Join(strings.Fields(strings.ToValidUTF8(text, "\uFFFD")), " ")
	if text == "" {
		return fmt.Errorf("edit %s: empty text", id)
	}
	return s.correct(ctx, who, "edit", id, text, func(tx *sql.Tx, now time.Time) error {
		return putCorrection(ctx, tx, now, id, func(c *correction) { c.text = text })
	})
}

// Approve publishes items waiting for review.
func (s *Store) Approve(ctx context.Context, who string, ids ...string) error {
	return s.correct(ctx, who, "approve", strings.Join(ids, " "), "", func(tx *sql.Tx, now time.Time) error {
		return eachItem(ctx, tx, now, ids, func(c *correction) { c.approved = true })
	})
}

// ApproveWhere selects the waiting items ApproveAll approves: one
// update's, one partner's, or (both empty) all.
type ApproveWhere struct {
	Partner  string
	UpdateID string
}

// ApproveAll publishes every item waiting for review that w selects and
// returns how many.
func (s *Store) ApproveAll(ctx context.Context, who string, w ApproveWhere) (int, error) {
	target := "all"
	cond, args := "held = 1", []any{}
	if w.Partner != "" {
		target, cond, args = "partner "+w.Partner, cond+" AND partner_id = ?", append(args, w.Partner)
	}
	if w.UpdateID != "" {
		u, err := s.UpdateByID(ctx, w.UpdateID)
		if err != nil {
			return 0, err
		}
		target = "update " + w.UpdateID
		cond, args = cond+" AND partner_id = ? AND update_guid = ?", append(args, u.PartnerID, u.GUID)
	}
	var n int
	err := s.correct(ctx, who, "approve", target, "", func(tx *sql.Tx, now time.Time) error {
		ids, err := queryStrings(ctx, tx, "SELECT id FROM items WHERE "+cond+" ORDER BY rowid", args...)
		if err != nil {
			return err
		}
		n = len(ids)
		return eachItem(ctx, tx, now, ids, func(c *correction) { c.approved = true })
	})
	return n, err
}

func queryStrings(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
