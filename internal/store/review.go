package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// State is where an item stands with the admin.
type State string

// The states of an item.
const (
	// StatePublished items are in the outputs.
	StatePublished State = "published"
	// StateHidden items were hidden by an admin (or their update marked
	// as holding no points).
	StateHidden State = "hidden"
	// StatePending items wait for an admin's approval: their partner is
	// on review: hold.
	StatePending State = "pending"
)

// ReviewItem is an item as the admin sees it: as published (Item, with
// any correction applied), with its state and the extractor's version.
type ReviewItem struct {
	feed.Item
	State    State
	UpdateID string
	// ExtractedKind and ExtractedText are what the extractor found; for
	// a point an admin added, what the admin typed.
	ExtractedKind feed.Kind
	ExtractedText string
	// Added is a point an admin added; Edited, KindChanged say what an
	// admin corrected.
	Added, Edited, KindChanged bool
	// CopyOf is the id of the point this one repeats (the same point by
	// e-mail and on the web, or in a joint letter): it is hidden because
	// that point is published, and links to this one's letter.
	CopyOf string
}

// ReviewQuery selects items for review. Empty fields select everything.
type ReviewQuery struct {
	Partner string
	// UpdateIDs limits the items to those updates.
	UpdateIDs []string
	// IDs limits the items to these.
	IDs []string
	// Pending selects only items waiting for approval.
	Pending bool
	// Limit defaults to 500.
	Limit int
}

const reviewColumns = itemColumns + `, hidden, held, added, COALESCE(extracted_kind, kind), text,
	edited_text IS NOT NULL, extracted_kind IS NOT NULL, COALESCE(copy_of, '')`

// ReviewItems returns the items q selects, in every state: pending ones
// first, then in feed order.
func (s *Store) ReviewItems(ctx context.Context, q ReviewQuery) ([]ReviewItem, error) {
	var where []string
	var args []any
	if q.Partner != "" {
		where, args = append(where, "partner_id = ?"), append(args, q.Partner)
	}
	if q.Pending {
		where = append(where, "held = 1 AND hidden = 0")
	}
	if len(q.UpdateIDs) > 0 {
		// The update id is not a column: match its updates' partner and GUID.
		marks := strings.TrimSuffix(strings.Repeat("?,", len(q.UpdateIDs)), ",")
		where = append(where, "EXISTS (SELECT 1 FROM updates u WHERE u.id IN ("+marks+
			") AND u.partner_id = items.partner_id AND u.guid = items.update_guid)")
		for _, id := range q.UpdateIDs {
			args = append(args, id)
		}
	}
	if len(q.IDs) > 0 {
		where = append(where, "id IN ("+strings.TrimSuffix(strings.Repeat("?,", len(q.IDs)), ",")+")")
		for _, id := range q.IDs {
			args = append(args, id)
		}
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 500
	}
	query := "SELECT " + reviewColumns + " FROM items"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY (held = 1 AND hidden = 0) DESC, " + feedOrder + " LIMIT ?"
	args = append(args, limit)
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list items for review: %w", err)
	}
	defer rows.Close()
	var out []ReviewItem
	for rows.Next() {
		var r ReviewItem
		var kind, extractedKind string
		var published, firstSeen, lastSeen int64
		var hidden, held bool
		err := rows.Scan(&r.ID, &kind, &r.Text, &r.HTML, &r.PartnerID, &r.PartnerName, &r.SourceURL,
			&r.UpdateGUID, &r.UpdateLink, &r.UpdateTitle, &r.Position, &published, &firstSeen, &lastSeen,
			&hidden, &held, &r.Added, &extractedKind, &r.ExtractedText, &r.Edited, &r.KindChanged, &r.CopyOf)
		if err != nil {
			return nil, fmt.Errorf("list items for review: %w", err)
		}
		r.Kind, r.ExtractedKind = feed.Kind(kind), feed.Kind(extractedKind)
		r.Published, r.FirstSeen, r.LastSeen = fromUnixNano(published), fromUnixNano(firstSeen), fromUnixNano(lastSeen)
		r.UpdateID = UpdateID(r.PartnerID, r.UpdateGUID)
		switch {
		case hidden:
			r.State = StateHidden
		case held:
			r.State = StatePending
		default:
			r.State = StatePublished
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list items for review: %w", err)
	}
	return out, nil
}

// PendingCount is how many items wait for review, by partner.
func (s *Store) PendingCount(ctx context.Context) (map[string]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT partner_id, count(*) FROM items WHERE held = 1 AND hidden = 0 GROUP BY partner_id")
	if err != nil {
		return nil, fmt.Errorf("count pending items: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var p string
		var n int
		if err := rows.Scan(&p, &n); err != nil {
			return nil, fmt.Errorf("count pending items: %w", err)
		}
		out[p] = n
	}
	return out, rows.Err()
}
