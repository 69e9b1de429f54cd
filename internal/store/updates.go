package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// Update is one piece of news a partner published, as the store keeps it:
// the letter beside its points in the admin area, a case for review
// export, and what the health alerts count.
type Update struct {
	// ID is the store's short id for the update (partner and GUID), the
	// UPDATE_ID of review add.
	ID          string
	PartnerID   string
	PartnerName string
	SourceURL   string
	GUID        string
	Link        string
	Title       string
	Published   time.Time
	// Content is the update as fetched (capped, NOT sanitized); Format is
	// "html" or "text". Both are empty when only its points were saved.
	Content string
	Format  string
	// Points is how many points the extractor found in its latest
	// version; the store counts them.
	Points    int
	FirstSeen time.Time
	LastSeen  time.Time
	// NoPoints is an admin saying the update holds no points.
	NoPoints bool
}

// The formats of an update's content.
const (
	FormatHTML = "html"
	FormatText = "text"
)

// UpdateID is the id of a partner's update with the given GUID: a short
// URL-safe hash, the same whichever source the update was read from.
func UpdateID(partnerID, guid string) string {
	return base64.RawURLEncoding.EncodeToString(fieldsHash("update", partnerID, guid)[:9])
}

// putUpdate records an update. A record with no content (an update
// known only from its points) keeps any content stored before; a record
// that changes nothing is not written, so re-fetching costs no writes.
const putUpdate = `INSERT INTO updates (id, partner_id, partner_name, guid, source_url, link, title, published,
	content, format, points, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (id) DO UPDATE SET partner_name = excluded.partner_name, source_url = excluded.source_url,
		link = excluded.link, title = excluded.title, points = excluded.points, last_seen = excluded.last_seen,
		content = CASE WHEN excluded.content = '' THEN updates.content ELSE excluded.content END,
		format = CASE WHEN excluded.content = '' THEN updates.format ELSE excluded.format END
	WHERE updates.points != excluded.points OR updates.title != excluded.title OR updates.link != excluded.link
		OR updates.source_url != excluded.source_url OR updates.partner_name != excluded.partner_name
		OR (excluded.content != '' AND updates.content != excluded.content)`

// updateRecords are the updates to record for one save: those given, and
// for any update only the items name, a record without content; Points
// counts the items of each.
func updateRecords(items []feed.Item, given []Update) []Update {
	type key struct{ partner, guid string }
	points := map[key]int{}
	for _, it := range items {
		points[key{it.PartnerID, it.UpdateGUID}]++
	}
	seen := map[key]bool{}
	var out []Update
	for _, u := range given {
		k := key{u.PartnerID, u.GUID}
		if seen[k] {
			continue
		}
		seen[k] = true
		u.Points = points[k]
		for _, f := range []*string{&u.PartnerID, &u.PartnerName, &u.SourceURL, &u.GUID, &u.Link, &u.Title, &u.Content} {
			*f = strings.ToValidUTF8(*f, "\uFFFD")
		}
		out = append(out, u)
	}
	for _, it := range items {
		k := key{it.PartnerID, it.UpdateGUID}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, Update{PartnerID: it.PartnerID, PartnerName: it.PartnerName, SourceURL: it.SourceURL,
			GUID: it.UpdateGUID, Link: it.UpdateLink, Title: it.UpdateTitle, Published: it.Published, Points: points[k]})
	}
	return out
}

// saveUpdates records updates inside the writer's transaction.
func (w *itemWriter) saveUpdates(ctx context.Context, updates []Update) error {
	for _, u := range updates {
		published := fixPublished(u.Published, w.now, w.now)
		_, err := w.putUpdate.ExecContext(ctx, UpdateID(u.PartnerID, u.GUID), u.PartnerID, u.PartnerName, u.GUID,
			u.SourceURL, u.Link, u.Title, unixNano(published), u.Content, u.Format, u.Points,
			unixNano(w.now), unixNano(w.now))
		if err != nil {
			return fmt.Errorf("record update %q of %s: %w", u.GUID, u.PartnerID, err)
		}
	}
	return nil
}

const updateColumns = `id, partner_id, partner_name, source_url, guid, link, title, published, content, format,
	points, first_seen, last_seen, no_points`

func scanUpdate(row scanner) (Update, error) {
	var u Update
	var published, firstSeen, lastSeen int64
	err := row.Scan(&u.ID, &u.PartnerID, &u.PartnerName, &u.SourceURL, &u.GUID, &u.Link, &u.Title, &published,
		&u.Content, &u.Format, &u.Points, &firstSeen, &lastSeen, &u.NoPoints)
	u.Published = fromUnixNano(published)
	u.FirstSeen = fromUnixNano(firstSeen)
	u.LastSeen = fromUnixNano(lastSeen)
	return u, err
}

// UpdateByID returns one update, or ErrNotFound.
func (s *Store) UpdateByID(ctx context.Context, id string) (Update, error) {
	u, err := scanUpdate(s.db.QueryRowContext(ctx, "SELECT "+updateColumns+" FROM updates WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Update{}, fmt.Errorf("update %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return Update{}, fmt.Errorf("read update %s: %w", id, err)
	}
	return u, nil
}

// UpdateQuery selects updates: a partner's, or everyone's when Partner is
// empty; newest first, at most Limit (default 50).
type UpdateQuery struct {
	Partner string
	Limit   int
}

// Updates returns the updates q selects, newest first.
func (s *Store) Updates(ctx context.Context, q UpdateQuery) ([]Update, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	query := "SELECT " + updateColumns + " FROM updates"
	args := []any{}
	if q.Partner != "" {
		query += " WHERE partner_id = ?"
		args = append(args, q.Partner)
	}
	query += " ORDER BY published DESC, id LIMIT ?"
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list updates: %w", err)
	}
	defer rows.Close()
	var out []Update
	for rows.Next() {
		u, err := scanUpdate(rows)
		if err != nil {
			return nil, fmt.Errorf("list updates: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list updates: %w", err)
	}
	return out, nil
}

// CorrectedUpdates returns the updates an admin corrected (a point hidden,
// re-kinded, edited or added, or the update marked as holding no points)
// whose content was kept, oldest first: the cases review export writes.
func (s *Store) CorrectedUpdates(ctx context.Context) ([]Update, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+updateColumns+` FROM updates u
		WHERE u.content != '' AND (u.no_points = 1 OR EXISTS (SELECT 1 FROM items i
			WHERE i.partner_id = u.partner_id AND i.update_guid = u.guid
			AND (i.added = 1 OR i.hidden = 1 OR i.edited_text IS NOT NULL OR i.extracted_kind IS NOT NULL)))
		ORDER BY u.published, u.id`)
	if err != nil {
		return nil, fmt.Errorf("list corrected updates: %w", err)
	}
	defer rows.Close()
	var out []Update
	for rows.Next() {
		u, err := scanUpdate(rows)
		if err != nil {
			return nil, fmt.Errorf("list corrected updates: %w", err)
		}
		out = append(out, u)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list corrected updates: %w", err)
	}
	return out, nil
}

// UpdateByContent returns an update whose kept content is exactly
// content; ErrNotFound when there is none.
func (s *Store) UpdateByContent(ctx context.Context, content string) (Update, error) {
	u, err := scanUpdate(s.db.QueryRowContext(ctx, "SELECT "+updateColumns+
		" FROM updates WHERE content = ? AND content != '' ORDER BY published DESC LIMIT 1", content))
	if errors.Is(err, sql.ErrNoRows) {
		return Update{}, fmt.Errorf("update with that content: %w", ErrNotFound)
	}
	if err != nil {
		return Update{}, fmt.Errorf("find update by content: %w", err)
	}
	return u, nil
}
