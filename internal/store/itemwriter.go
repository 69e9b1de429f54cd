package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// itemWriter saves items inside one write transaction.
type itemWriter struct {
	tx                                 *sql.Tx
	now                                time.Time
	insert, update, seen, stored, bump *sql.Stmt
	archive, drop                      *sql.Stmt
	putUpdate, corrected               *sql.Stmt
	// hold marks new items as waiting for review (the partner is on
	// review: hold).
	hold bool
}

func newItemWriter(ctx context.Context, tx *sql.Tx, st *statements, now time.Time) *itemWriter {
	return &itemWriter{
		tx: tx, now: now,
		insert:    tx.StmtContext(ctx, st.insert),
		update:    tx.StmtContext(ctx, st.update),
		seen:      tx.StmtContext(ctx, st.seen),
		stored:    tx.StmtContext(ctx, st.stored),
		bump:      tx.StmtContext(ctx, st.bump),
		archive:   tx.StmtContext(ctx, st.archive),
		drop:      tx.StmtContext(ctx, st.drop),
		putUpdate: tx.StmtContext(ctx, st.putUpdate),
		corrected: tx.StmtContext(ctx, st.corrected),
	}
}

// saveItems records the updates (those given, and those the items name),
// then saves items, source by source; hold marks new items as waiting for
// review.
func (w *itemWriter) saveItems(ctx context.Context, items []feed.Item, updates []Update, hold bool) (SaveResult, error) {
	var res SaveResult
	if err := w.saveUpdates(ctx, updateRecords(items, updates)); err != nil {
		return res, err
	}
	w.hold = hold
	for _, src := range groupBySource(items) {
		r, err := w.saveSource(ctx, src)
		if err != nil {
			return res, err
		}
		res.add(r)
	}
	return res, nil
}

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
	guids, err := json.Marshal(src.guids)
	if err != nil {
		return nil, err
	}
	rows, err := w.stored.QueryContext(ctx, src.partner, string(guids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]feed.Item{}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out[it.UpdateGUID] = append(out[it.UpdateGUID], it)
	}
	return out, rows.Err()
}

// saveUpdate matches the fresh items of one update against its stored
// ones and writes the difference.
func (w *itemWriter) saveUpdate(ctx context.Context, fresh, stored []feed.Item) (SaveResult, error) {
	var res SaveResult
	freshWords := make([][]string, len(fresh))
	for i, it := range fresh {
		freshWords[i] = words(it.Text)
	}
	matches := w.match(fresh, freshWords, stored)
	taken := map[string]bool{}
	for _, it := range stored {
		taken[it.ID] = true
	}
	var newIDs []string
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
			var id string
			var copied bool
			id, copied, err = w.saveNew(ctx, it, strings.Join(freshWords[i], " "), taken)
			newIDs = append(newIDs, id)
			res.New++
			if copied {
				res.Copies++
			}
		}
		if err != nil {
			return res, err
		}
	}
	if err := w.applyCorrections(ctx, fresh[0], newIDs); err != nil {
		return res, err
	}
	n, err := w.retireMissing(ctx, fresh, stored, matches)
	res.Retired = n
	return res, err
}

// retireMissing moves to item_history the stored points of this update,
// read from the same source, that the fresh version no longer holds: the
// partner took them out, or rewrote them so far that the new wording is a
// new item. Readers then see the update as it is now, once. Points another
// source of the partner holds are left to that source, so a feed with
// short summaries does not retire what the full page says.
func (w *itemWriter) retireMissing(ctx context.Context, fresh, stored []feed.Item, matches []int) (int, error) {
	if len(stored) == 0 || len(fresh) == 0 {
		return 0, nil
	}
	kept := make([]bool, len(stored))
	for _, j := range matches {
		if j >= 0 {
			kept[j] = true
		}
	}
	n := 0
	for j, it := range stored {
		if kept[j] || it.SourceURL != fresh[0].SourceURL {
			continue
		}
		if _, err := w.archive.ExecContext(ctx, unixNano(w.now), it.ID); err != nil {
			return n, err
		}
		if _, err := w.drop.ExecContext(ctx, it.ID); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// match pairs fresh items with stored ones (see match); an update seen
// for the first time, the common case, skips building word sets.
func (w *itemWriter) match(fresh []feed.Item, freshWords [][]string, stored []feed.Item) []int {
	if len(stored) == 0 {
		none := make([]int, len(fresh))
		for i := range none {
			none[i] = -1
		}
		return none
	}
	news := make([]candidate, len(fresh))
	for i, it := range fresh {
		news[i] = candidate{kind: string(it.Kind), words: wordSetOf(freshWords[i]), position: it.Position}
	}
	olds := make([]candidate, len(stored))
	for i, it := range stored {
		olds[i] = candidate{kind: string(it.Kind), words: newWordSet(it.Text), position: it.Position}
	}
	return match(news, olds)
}

// saveMatched writes the fresh version of a stored item, or only moves its
// LastSeen when nothing a reader sees changed; it reports a change.
func (w *itemWriter) saveMatched(ctx context.Context, fresh, stored feed.Item) (bool, error) {
	fresh.ID = stored.ID
	fresh.FirstSeen = stored.FirstSeen
	fresh.Published = fixPublished(fresh.Published, fresh.FirstSeen, w.now)
	if stored.Published.Before(fresh.Published) {
		// Moved earlier by a copy (copies.go): keep the earliest date.
		earliest, err := w.earliestCopy(ctx, stored.ID)
		if err != nil {
			return false, err
		}
		if !earliest.IsZero() && earliest.Before(fresh.Published) {
			fresh.Published = earliest
		}
	}
	if sameVersion(stored, fresh) {
		_, err := w.seen.ExecContext(ctx, unixNano(w.now), stored.ID)
		return false, err
	}
	_, err := w.update.ExecContext(ctx, fresh.Text, fresh.HTML, fresh.PartnerName,
		fresh.SourceURL, updateKey(fresh.PartnerID, fresh.SourceURL, fresh.UpdateGUID), fresh.UpdateLink,
		fresh.UpdateTitle, fresh.Position, unixNano(fresh.Published), unixNano(w.now), stored.ID)
	return true, err
}

// applyCorrections gives the new items of an update what an admin said
// about them before: an item retired and found again, or any new point of
// an update marked as holding none.
func (w *itemWriter) applyCorrections(ctx context.Context, first feed.Item, newIDs []string) error {
	if len(newIDs) == 0 {
		return nil
	}
	ids, err := json.Marshal(newIDs)
	if err != nil {
		return err
	}
	rows, err := w.corrected.QueryContext(ctx, string(ids), UpdateID(first.PartnerID, first.UpdateGUID))
	if err != nil {
		return err
	}
	var apply []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		apply = append(apply, id)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for _, id := range apply {
		if err := applyCorrection(ctx, w.tx, id); err != nil {
			return err
		}
	}
	return nil
}

// saveNew inserts an item no stored one matched, under the first id of
// its candidates not taken in its update, and returns that id and
// whether it was stored as a copy of a published point.
func (w *itemWriter) saveNew(ctx context.Context, it feed.Item, normalized string, taken map[string]bool) (string, bool, error) {
	id := itemID(it.PartnerID, it.SourceURL, it.UpdateGUID, normalized, "")
	for n := 0; taken[id]; n++ {
		salt := "position " + strconv.Itoa(it.Position)
		if n > 0 {
			salt += " #" + strconv.Itoa(n)
		}
		id = itemID(it.PartnerID, it.SourceURL, it.UpdateGUID, normalized, salt)
	}
	taken[id] = true
	published := fixPublished(it.Published, w.now, w.now)
	canonical, err := w.findCopy(ctx, it, strings.Fields(normalized), published)
	if err != nil {
		return id, false, err
	}
	_, err = w.insert.ExecContext(ctx, id, string(it.Kind), it.Text, it.HTML, it.PartnerID, it.PartnerName,
		it.SourceURL, it.UpdateGUID, updateKey(it.PartnerID, it.SourceURL, it.UpdateGUID), it.UpdateLink, it.UpdateTitle, it.Position,
		unixNano(published), unixNano(w.now), unixNano(w.now), w.hold)
	if err == nil && canonical != "" {
		err = w.markCopy(ctx, id, canonical, published)
	}
	return id, canonical != "", err
}
