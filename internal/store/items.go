package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// SaveResult counts what one SaveItems call did to the items it was given.
type SaveResult struct {
	// New items got a new id; Updated ones matched a stored item and changed
	// it; Unchanged ones matched a stored item exactly (only LastSeen moved).
	New, Updated, Unchanged int
	// Retired points were in a stored version of an update but are no
	// longer in it; they move to the item history and leave the feeds.
	Retired int
	// Copies are the New items that repeat a published point (from
	// another letter): stored hidden, and linked from that point.
	Copies int
}

func (r *SaveResult) add(o SaveResult) {
	r.New += o.New
	r.Updated += o.Updated
	r.Unchanged += o.Unchanged
	r.Retired += o.Retired
	r.Copies += o.Copies
}

// SaveItems records the items found in one fetch, in a single transaction.
// Callers fill PartnerID, PartnerName, SourceURL, UpdateGUID, UpdateLink,
// UpdateTitle, Published, Position, Kind, Text and HTML; SaveItems assigns
// ID, FirstSeen and LastSeen and fixes Published (see fixPublished).
//
// Identity: within one update (partner, source, GUID), a new item takes the
// id of a stored item of the same kind whose text is near-identical (word-set
// Jaccard >= 0.8, greedy best-first one-to-one matching); the stored item
// takes the new text and HTML, keeps FirstSeen, and LastSeen becomes now.
// An unmatched item gets a new deterministic id from the update and its
// normalized words, so re-fetching creates no duplicates. Stored items the
// update no longer holds are kept as history.
func (s *Store) SaveItems(ctx context.Context, items []feed.Item) (SaveResult, error) {
	var res SaveResult
	items, err := prepareItems(items)
	if err != nil {
		return res, err
	}
	now := s.now().UTC()
	err = s.write(ctx, func(tx *sql.Tx) error {
		w := newItemWriter(ctx, tx, s.stmts, now)
		var err error
		if res, err = w.saveItems(ctx, items, nil, false); err != nil {
			return err
		}
		if res.New+res.Updated+res.Retired > 0 {
			_, err := w.bump.ExecContext(ctx, unixNano(now))
			return err
		}
		return nil
	})
	if err != nil {
		return SaveResult{}, fmt.Errorf("save items: %w", err)
	}
	return res, nil
}

// validUTF8 replaces invalid UTF-8 in it's strings, which a hostile or
// broken source can send: stored strings must be what comes back, and
// feeds must be valid UTF-8.
func validUTF8(it *feed.Item) {
	for _, f := range []*string{&it.Text, &it.HTML, &it.PartnerID, &it.PartnerName, &it.SourceURL,
		&it.UpdateGUID, &it.UpdateLink, &it.UpdateTitle} {
		*f = strings.ToValidUTF8(*f, "\uFFFD")
	}
}

// sourceItems are the items of one source, grouped by update GUID in the
// order the GUIDs first appear.
type sourceItems struct {
	partner, source string
	guids           []string
	updates         map[string][]feed.Item
}

func groupBySource(items []feed.Item) []*sourceItems {
	type key struct{ partner, source string }
	var order []*sourceItems
	byKey := map[key]*sourceItems{}
	for _, it := range items {
		k := key{it.PartnerID, it.SourceURL}
		src := byKey[k]
		if src == nil {
			src = &sourceItems{partner: it.PartnerID, source: it.SourceURL, updates: map[string][]feed.Item{}}
			byKey[k] = src
			order = append(order, src)
		}
		if _, seen := src.updates[it.UpdateGUID]; !seen {
			src.guids = append(src.guids, it.UpdateGUID)
		}
		src.updates[it.UpdateGUID] = append(src.updates[it.UpdateGUID], it)
	}
	return order
}

// Items returns the items matching q, newest first by Published, then by
// update and Position within it, at most q.EffectiveLimit() of them.
func (s *Store) Items(ctx context.Context, q feed.Query) ([]feed.Item, error) {
	var out []feed.Item
	var err error
	switch partners := listedPartners(q); {
	case len(q.Partners) == 0:
		out, err = s.itemsInOrder(ctx, q)
	case len(partners) == 0: // every listed partner is excluded
	case len(partners) == 1:
		// One partner's feed is one range of items_partner_feed, which
		// SQLite finds itself.
		q.Partners, q.Exclude = partners, nil
		out, err = s.itemsInOrder(ctx, q)
	default:
		out, err = s.itemsOfPartners(ctx, partners, q)
	}
	if partners := listedPartners(q); err == nil && len(partners) > 0 {
		out, err = s.withJointPoints(ctx, out, partners, q)
	}
	if err == nil {
		err = s.withCopies(ctx, out)
	}
	if err != nil {
		return nil, fmt.Errorf("query items: %w", err)
	}
	return out, nil
}

// itemsInOrder answers a query that lists no partners, or one, by walking
// the feed order (items_published, or that partner's range of
// items_partner_feed) until it has the limit.
func (s *Store) itemsInOrder(ctx context.Context, q feed.Query) ([]feed.Item, error) {
	where := []string{publishedOnly}
	var args []any
	if len(q.Kinds) > 0 {
		where, args = appendIn(where, args, "kind IN", kindStrings(q.Kinds))
	}
	if len(q.Partners) > 0 {
		where, args = appendIn(where, args, "partner_id IN", q.Partners)
	}
	if len(q.Exclude) > 0 {
		where, args = appendIn(where, args, "partner_id NOT IN", q.Exclude)
	}
	query := "SELECT " + itemColumns + " FROM items WHERE " + strings.Join(where, " AND ")
	query += " ORDER BY " + feedOrder + " LIMIT ?"
	args = append(args, q.EffectiveLimit())
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// appendIn adds the condition "expr (?, ?, ...)" over values.
func appendIn(where []string, args []any, expr string, values []string) ([]string, []any) {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(values)), ",")
	for _, v := range values {
		args = append(args, v)
	}
	return append(where, expr+" ("+marks+")"), args
}

// feedOrder is newest first, then an update's items together in order.
// rowid settles ties (an edited point saved beside the version it
// replaced), so every query path, and every render, picks the same items.
const feedOrder = "published DESC, update_key, position, rowid"

// publishedOnly is the condition every query of published items carries:
// not hidden by an admin and not waiting for review. Written out as a
// literal so that SQLite uses the partial indexes that hold only these rows.
const publishedOnly = "hidden = 0 AND held = 0"

// itemColumns are an item as published: an admin's text and kind where
// they corrected the extractor's. Every output reads items through them.
const itemColumns = `id, kind, COALESCE(edited_text, text), COALESCE(edited_html, html), partner_id,
	partner_name, source_url, update_guid, update_link, update_title, position, published, first_seen, last_seen`

// extractedColumns are an item as the extractor found it, which is what a
// fresh version of its update is matched against.
const extractedColumns = `id, COALESCE(extracted_kind, kind), text, html, partner_id,
	partner_name, source_url, update_guid, update_link, update_title, position, published, first_seen, last_seen`

func scanItem(rows *sql.Rows) (feed.Item, error) {
	var it feed.Item
	var kind string
	var published, firstSeen, lastSeen int64
	err := rows.Scan(&it.ID, &kind, &it.Text, &it.HTML, &it.PartnerID, &it.PartnerName, &it.SourceURL,
		&it.UpdateGUID, &it.UpdateLink, &it.UpdateTitle, &it.Position, &published, &firstSeen, &lastSeen)
	it.Kind = feed.Kind(kind)
	it.Published = fromUnixNano(published)
	it.FirstSeen = fromUnixNano(firstSeen)
	it.LastSeen = fromUnixNano(lastSeen)
	return it, err
}

// sameVersion reports whether stored and fresh (with the id, dates and
// history fields settled) say the same thing, so saving fresh changes
// nothing a reader sees.
func sameVersion(stored, fresh feed.Item) bool {
	// The source is left out: a partner whose feed and news page carry the
	// same update would otherwise move the item between them, and count
	// it as changed, on every fetch.
	return stored.Text == fresh.Text && stored.HTML == fresh.HTML &&
		stored.Position == fresh.Position && stored.PartnerName == fresh.PartnerName &&
		stored.UpdateLink == fresh.UpdateLink && stored.UpdateTitle == fresh.UpdateTitle &&
		stored.Published.Equal(fresh.Published)
}
