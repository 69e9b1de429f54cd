package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// itemWriter saves items inside one write transaction with statements
// prepared once for the whole batch.
type itemWriter struct {
	tx                   *sql.Tx
	now                  time.Time
	insert, update, seen *sql.Stmt
}

func prepareItemWriter(ctx context.Context, tx *sql.Tx, now time.Time) (*itemWriter, error) {
	w := &itemWriter{tx: tx, now: now}
	var err error
	prep := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, query)
		return st
	}
	w.insert = prep(`INSERT INTO items (id, kind, text, html, partner_id, partner_name, source_url, update_guid,
		update_link, update_title, position, published, first_seen, last_seen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	w.update = prep(`UPDATE items SET text = ?, html = ?, partner_name = ?, update_link = ?, update_title = ?,
		position = ?, published = ?, last_seen = ? WHERE id = ?`)
	w.seen = prep(`UPDATE items SET last_seen = ? WHERE id = ?`)
	if err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *itemWriter) close() {
	for _, st := range []*sql.Stmt{w.insert, w.update, w.seen} {
		if st != nil {
			st.Close()
		}
	}
}

// guidChunk bounds the GUIDs in one lookup, well under SQLite's limit on
// bound parameters.
const guidChunk = 500

// saveSource saves the items of one source, update by update.
func (w *itemWriter) saveSource(ctx context.Context, src *sourceItems) (SaveResult, error) {
	var res SaveResult
	stored, err := w.storedItems(ctx, src)
	if err != nil {
		return res, fmt.Errorf("read items of %s %s: %w", src.partner, src.source, err)
	}
	for _, guid := range src.guids {
		r, err := w.saveUpdate(ctx, src.updates[guid], stored[guid])
		if err != nil {
			return res, fmt.Errorf("save update %q of %s %s: %w", guid, src.partner, src.source, err)
		}
		res.add(r)
	}
	return res, nil
}

// storedItems reads the stored items of src's updates, by GUID.
func (w *itemWriter) storedItems(ctx context.Context, src *sourceItems) (map[string][]feed.Item, error) {
	out := map[string][]feed.Item{}
	for start := 0; start < len(src.guids); start += guidChunk {
		guids := src.guids[start:min(start+guidChunk, len(src.guids))]
		where, args := appendIn([]string{"partner_id = ? AND source_url = ?"},
			[]any{src.partner, src.source}, "update_guid IN", guids)
		rows, err := w.tx.QueryContext(ctx,
			"SELECT "+itemColumns+" FROM items WHERE "+strings.Join(where, " AND "), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			it, err := scanItem(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			out[it.UpdateGUID] = append(out[it.UpdateGUID], it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// saveUpdate matches the fresh items of one update against its stored
// ones and writes the difference.
func (w *itemWriter) saveUpdate(ctx context.Context, fresh, stored []feed.Item) (SaveResult, error) {
	var res SaveResult
	matches := match(candidates(fresh), candidates(stored))
	taken := map[string]bool{}
	for _, it := range stored {
		taken[it.ID] = true
	}
	for i, it := range fresh {
		var err error
		if j := matches[i]; j >= 0 {
			var changed bool
			changed, err = w.saveMatched(ctx, it, stored[j])
			if changed {
				res.Updated++
			} else {
				res.Unchanged++
			}
		} else {
			err = w.saveNew(ctx, it, taken)
			res.New++
		}
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

func candidates(items []feed.Item) []candidate {
	out := make([]candidate, len(items))
	for i, it := range items {
		out[i] = candidate{kind: string(it.Kind), words: newWordSet(it.Text), position: it.Position}
	}
	return out
}

// saveMatched writes the fresh version of a stored item, or only moves its
// LastSeen when nothing a reader sees changed; it reports a change.
func (w *itemWriter) saveMatched(ctx context.Context, fresh, stored feed.Item) (bool, error) {
	fresh.ID = stored.ID
	fresh.FirstSeen = stored.FirstSeen
	fresh.Published = fixPublished(fresh.Published, fresh.FirstSeen, w.now)
	if sameVersion(stored, fresh) {
		_, err := w.seen.ExecContext(ctx, unixNano(w.now), stored.ID)
		return false, err
	}
	_, err := w.update.ExecContext(ctx, fresh.Text, fresh.HTML, fresh.PartnerName, fresh.UpdateLink,
		fresh.UpdateTitle, fresh.Position, unixNano(fresh.Published), unixNano(w.now), stored.ID)
	return true, err
}

// saveNew inserts an item no stored one matched, under the first id of
// its candidates not taken in its update.
func (w *itemWriter) saveNew(ctx context.Context, it feed.Item, taken map[string]bool) error {
	id := itemID(it.PartnerID, it.SourceURL, it.UpdateGUID, it.Text, "")
	for n := 0; taken[id]; n++ {
		salt := "position " + strconv.Itoa(it.Position)
		if n > 0 {
			salt += " #" + strconv.Itoa(n)
		}
		id = itemID(it.PartnerID, it.SourceURL, it.UpdateGUID, it.Text, salt)
	}
	taken[id] = true
	published := fixPublished(it.Published, w.now, w.now)
	_, err := w.insert.ExecContext(ctx, id, string(it.Kind), it.Text, it.HTML, it.PartnerID, it.PartnerName,
		it.SourceURL, it.UpdateGUID, it.UpdateLink, it.UpdateTitle, it.Position,
		unixNano(published), unixNano(w.now), unixNano(w.now))
	return err
}
