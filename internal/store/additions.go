package store

import (
	"context"
	"database/sql"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// addedSalt sets an added point's id apart from any id the extractor's
// points get, so a re-fetch never takes it for one of them.
const addedSalt = "added by an admin"

// AddPoint publishes a point the extractor missed in update updateID and
// returns its id. It is the admin's, not the extractor's: re-fetching the
// update neither matches nor retires it.
func (s *Store) AddPoint(ctx context.Context, who, updateID string, kind feed.Kind, text string) (string, error) {
	text = strings.Join(strings.Fields(strings.ToValidUTF8(text, "\uFFFD")), " ")
	if !kind.Valid() {
		return "", fmt.Errorf("add point to %s: kind %q: want prayer or praise", updateID, kind)
	}
	if normalize(text) == "" {
		return "", fmt.Errorf("add point to %s: empty text", updateID)
	}
	u, err := s.UpdateByID(ctx, updateID)
	if err != nil {
		return "", fmt.Errorf("add point: %w", err)
	}
	id := itemID(u.PartnerID, u.SourceURL, u.GUID, normalize(text), addedSalt)
	err = s.correct(ctx, who, "add", updateID, string(kind)+": "+text, func(tx *sql.Tx, now time.Time) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM items WHERE id = ?)", id).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return fmt.Errorf("point %s: %w", id, ErrExists)
		}
		var position int
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(MAX(position) + 1, 0) FROM items WHERE partner_id = ? AND update_guid = ?",
			u.PartnerID, u.GUID).Scan(&position); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO items (id, kind, text, html, partner_id, partner_name, source_url,
			update_guid, update_key, update_link, update_title, position, published, first_seen, last_seen, added)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
			id, string(kind), text, html.EscapeString(text), u.PartnerID, u.PartnerName, u.SourceURL, u.GUID,
			updateKey(u.PartnerID, u.SourceURL, u.GUID), u.Link, u.Title, position, unixNano(u.Published),
			unixNano(now), unixNano(now))
		return err
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// MarkNoPoints says update updateID holds no points: the points the
// extractor found in it are hidden, and so is any it finds there later.
// Points an admin added stay.
func (s *Store) MarkNoPoints(ctx context.Context, who, updateID string) error {
	u, err := s.UpdateByID(ctx, updateID)
	if err != nil {
		return fmt.Errorf("mark no points: %w", err)
	}
	return s.correct(ctx, who, "no-points", updateID, "", func(tx *sql.Tx, now time.Time) error {
		if _, err := tx.ExecContext(ctx, "UPDATE updates SET no_points = 1 WHERE id = ?", updateID); err != nil {
			return err
		}
		ids, err := queryStrings(ctx, tx, "SELECT id FROM items WHERE partner_id = ? AND update_guid = ? AND added = 0",
			u.PartnerID, u.GUID)
		if err != nil {
			return err
		}
		return eachItem(ctx, tx, now, ids, func(c *correction) { c.hidden = true })
	})
}
