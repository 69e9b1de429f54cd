package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// itemsOfPartners answers a query over several partners (a tag), listed
// without repeats or excluded ones. SQLite alone either reads every item
// of the listed partners and sorts them, or walks the whole feed order
// looking for them, which is slow when they have few items; so each
// partner's newest entries are read off items_partner_feed (at most the
// limit, none older than the limit-th newest found so far), the lists
// merged here, and only the chosen rows read in full. All in one read
// transaction, so the rowids chosen are the rows read.
func (s *Store) itemsOfPartners(ctx context.Context, partners []string, q feed.Query) ([]feed.Item, error) {
	limit := q.EffectiveLimit()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: s.snapshotLevel()})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	read := s.newestOfPartnersSQLite
	if s.dialect == postgres {
		read = newestOfPartnersPostgres
	}
	n, query, chunkArgs := read(len(partners), len(q.Kinds))
	newest, err := tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer newest.Close()
	top := topKeys{limit: limit, floor: math.MinInt64}
	for chunk := range slices.Chunk(partners, n) {
		args := append([]any{top.floor, limit}, chunkArgs(chunk)...)
		for _, k := range q.Kinds {
			args = append(args, string(k))
		}
		if err := top.read(ctx, newest, args); err != nil {
			return nil, err
		}
	}
	return readRows(ctx, tx, s.dialect, top.rowids())
}

// newestOfPartnersSQLite is how itemsOfPartners reads a chunk of n
// partners' newest entries on SQLite: one execution reads partnersPerRead
// partners, an arm each (an execution's own cost is twice its reading).
// ?1 is the floor, ?2 the limit, then the arms' partners (chunkArgs), then
// the kinds.
func (s *Store) newestOfPartnersSQLite(partners, kinds int) (n int, query string, chunkArgs func([]string) []any) {
	n = min(partnersPerRead, partners)
	var kindWhere string
	if kinds > 0 {
		marks := make([]string, kinds)
		for i := range marks {
			marks[i] = fmt.Sprintf("?%d", 3+n+i)
		}
		kindWhere = " AND kind IN (" + strings.Join(marks, ",") + ")"
	}
	arms := make([]string, n)
	for i := range arms {
		arms[i] = fmt.Sprintf(`SELECT * FROM (SELECT rowid, published, update_key, position
			FROM items%s WHERE partner_id = ?%d AND published >= ?1 AND %s%s
			ORDER BY %s LIMIT ?2) AS arm%d`, s.dialect.indexedBy("items_partner_feed"), 3+i, publishedOnly, kindWhere, feedOrder, i)
	}
	return n, strings.Join(arms, " UNION ALL "), func(chunk []string) []any {
		args := make([]any, n)
		for i := range n {
			// No partner has the empty id: a short last chunk reads nothing more.
			args[i] = ""
			if i < len(chunk) {
				args[i] = chunk[i]
			}
		}
		return args
	}
}

// newestOfPartnersPostgres reads a chunk of partners' newest entries in
// one statement on PostgreSQL: a LATERAL join takes each partner's
// newest off items_partner_feed, in its order (with the ties at the
// limit, since rowid is not in the index; topKeys settles them). A
// chunk is larger than SQLite's, as each execution costs a round trip,
// and smaller than a whole tag, so the floor rises between chunks. ?1
// is the floor, ?2 the limit, ?3 the chunk's partners (a JSON array),
// then the kinds.
func newestOfPartnersPostgres(partners, kinds int) (n int, query string, chunkArgs func([]string) []any) {
	var kindWhere string
	if kinds > 0 {
		marks := make([]string, kinds)
		for i := range marks {
			marks[i] = fmt.Sprintf("?%d", 4+i)
		}
		kindWhere = " AND kind IN (" + strings.Join(marks, ",") + ")"
	}
	query = `SELECT t.rowid, t.published, t.update_key, t.position FROM ` + postgres.jsonEach("?3") + ` AS p(id)
		CROSS JOIN LATERAL (SELECT rowid, published, update_key, position FROM items
			WHERE partner_id = p.id AND published >= ?1 AND ` + publishedOnly + kindWhere + `
			ORDER BY published DESC, update_key, position FETCH FIRST ?2 ROWS WITH TIES) AS t`
	return partnersPerReadPostgres, query, func(chunk []string) []any {
		list, _ := json.Marshal(chunk) // strings always marshal
		return []any{string(list)}
	}
}

// partnersPerReadPostgres is the number of partners one execution reads
// on PostgreSQL.
const partnersPerReadPostgres = 16

// partnersPerRead is the number of partners one execution reads: 16 arms
// cost more to prepare than they save on a 72-partner tag.
const partnersPerRead = 8

// listedPartners is q.Partners without repeats and without the excluded.
func listedPartners(q feed.Query) []string {
	seen := map[string]bool{}
	for _, p := range q.Exclude {
		seen[p] = true
	}
	var out []string
	for _, p := range q.Partners {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

func kindStrings(kinds []feed.Kind) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = string(k)
	}
	return out
}

// sortKey is a row's place in the feed order.
type sortKey struct {
	rowid, published, updateKey, position int64
}

// before reports whether a comes before b in the feed order.
func (a sortKey) before(b sortKey) bool {
	if a.published != b.published {
		return a.published > b.published
	}
	if a.updateKey != b.updateKey {
		return a.updateKey < b.updateKey
	}
	if a.position != b.position {
		return a.position < b.position
	}
	return a.rowid < b.rowid
}

// topKeys keeps the first limit keys it is given in feed order. floor is
// the Published of the limit-th key once there are that many: no older row
// can make the list.
type topKeys struct {
	limit int
	floor int64
	keys  []sortKey
}

// read adds the keys stmt returns for args.
func (t *topKeys) read(ctx context.Context, stmt *sql.Stmt, args []any) error {
	rows, err := stmt.QueryContext(ctx, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k sortKey
		if err := rows.Scan(&k.rowid, &k.published, &k.updateKey, &k.position); err != nil {
			return err
		}
		t.keys = append(t.keys, k)
	}
	if len(t.keys) >= 2*t.limit {
		t.trim()
	}
	return rows.Err()
}

// trim sorts the keys and drops those past the limit, raising the floor.
func (t *topKeys) trim() {
	slices.SortFunc(t.keys, func(a, b sortKey) int {
		switch {
		case a.before(b):
			return -1
		case b.before(a):
			return 1
		}
		return 0
	})
	if len(t.keys) >= t.limit {
		t.keys = t.keys[:t.limit]
		t.floor = t.keys[t.limit-1].published
	}
}

func (t *topKeys) rowids() []int64 {
	t.trim()
	ids := make([]int64, len(t.keys))
	for i, k := range t.keys {
		ids[i] = k.rowid
	}
	return ids
}

// readRows reads the items of rowids in feed order.
func readRows(ctx context.Context, tx *sql.Tx, d dialect, rowids []int64) ([]feed.Item, error) {
	if len(rowids) == 0 {
		return nil, nil
	}
	ids, err := json.Marshal(rowids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT "+itemColumns+
		" FROM items WHERE rowid IN (SELECT CAST(value AS BIGINT) FROM "+d.jsonEach("?")+") AND "+publishedOnly+" ORDER BY "+feedOrder, string(ids))
	if err != nil {
		return nil, err
	}
	return scanItems(rows)
}

// scanItems reads and closes rows.
func scanItems(rows *sql.Rows) ([]feed.Item, error) {
	defer rows.Close()
	var out []feed.Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}
