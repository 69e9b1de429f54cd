package store

import (
	"context"
	"database/sql"
	"errors"
)

// statements are the item and source-state writes, prepared once at Open. A transaction on
// the writer connection reuses each one's compiled form (Tx.StmtContext),
// so saving a source compiles no SQL.
type statements struct {
	insert, update, seen, stored, bump, putState *sql.Stmt
	// archive and drop retire an item to item_history.
	archive, drop *sql.Stmt
	// putUpdate records an update; corrected picks the new items that
	// corrections apply to.
	putUpdate, corrected *sql.Stmt
}

func prepareStatements(ctx context.Context, db *sql.DB, d dialect) (*statements, error) {
	var err error
	prep := func(query string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = db.PrepareContext(ctx, query)
		return st
	}
	st := &statements{
		insert: prep(`INSERT INTO items (id, kind, text, html, partner_id, partner_name, source_url, update_guid,
			update_key, update_link, update_title, position, published, first_seen, last_seen, held)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		update: prep(`UPDATE items SET text = ?, html = ?, partner_name = ?, source_url = ?, update_key = ?,
			update_link = ?, update_title = ?, position = ?, published = ?, last_seen = ? WHERE id = ?`),
		seen: prep(`UPDATE items SET last_seen = ? WHERE id = ?`),
		// The GUIDs come as one JSON array, so one statement serves any
		// number of them. An update is the partner's, whichever of its
		// sources it was read from: a source URL that moves (http to
		// https, a new feed address, page to rss) keeps its items' ids.
		// Points an admin added are not the extractor's to match or retire.
		stored: prep(`SELECT ` + extractedColumns + ` FROM items
			WHERE partner_id = ? AND update_guid IN (SELECT value FROM ` + d.jsonEach("?") + `) AND added = 0`),
		bump: prep(`UPDATE generation SET gen = gen + 1, changed = ? WHERE id = 1`),
		archive: prep(`INSERT INTO item_history (id, partner_id, partner_name, source_url, update_guid, update_key,
			update_link, update_title, kind, text, html, position, published, first_seen, last_seen, retired)
			SELECT id, partner_id, partner_name, source_url, update_guid, update_key, update_link, update_title,
			kind, text, html, position, published, first_seen, last_seen, ? FROM items WHERE id = ?`),
		drop:      prep(`DELETE FROM items WHERE id = ?`),
		putState:  prep(putSourceState),
		putUpdate: prep(putUpdate),
		// The new ids (a JSON array) that an admin corrected before, or
		// that belong to an update an admin said holds no points: rare,
		// so one query per update with new items finds them.
		corrected: prep(`SELECT value FROM ` + d.jsonEach("?1") + `
			WHERE value IN (SELECT item_id FROM corrections)
			OR EXISTS (SELECT 1 FROM updates WHERE id = ?2 AND no_points = 1)`),
	}
	if err != nil {
		st.close()
		return nil, err
	}
	return st, nil
}

func (st *statements) close() error {
	var errs []error
	for _, s := range []*sql.Stmt{st.insert, st.update, st.seen, st.stored, st.bump, st.putState, st.archive, st.drop, st.putUpdate, st.corrected} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}
