package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// A new point is a copy of one already published when both are of one
// kind, their words near-identical (similarEnough, as for a light edit)
// with the same numbers, published within copyWindow of each other, and
// they came another way: from another source of the partner (e-mail and
// feed, feed and page), from the letter and its attachment, or from
// another partner (a joint letter). Two entries of one feed repeating a
// request are two requests, as are short points ("Pray for our health.")
// and points whose numbers differ ("district 3", "district 4"). A copy
// across partners needs more words still, since partners' generic
// requests look alike, and it must come in the same letter (the same
// link).
const (
	copyWindow           = 14 * 24 * time.Hour
	copyMinWords         = 6
	copyMinWordsPartners = 10
	// copyCandidates bounds the points one new point is compared with.
	copyCandidates = 2000
)

// findCopy returns the id of the published point that it copies, or "".
// Two indexed lookups bound the work: the partner's points of the window
// (a few letters), and, for a long point, the points of the same letter
// link.
func (w *itemWriter) findCopy(ctx context.Context, it feed.Item, normalized []string, published time.Time) (string, error) {
	if len(normalized) < copyMinWords {
		return "", nil
	}
	from, to := unixNano(published.Add(-copyWindow)), unixNano(published.Add(copyWindow))
	key := updateKey(it.PartnerID, it.SourceURL, it.UpdateGUID)
	const cols = `SELECT id, partner_id, source_url, update_guid, text FROM items `
	const cond = ` AND kind = ? AND update_key != ? AND hidden = 0 AND held = ? AND copy_of IS NULL AND published BETWEEN ? AND ? LIMIT ?`
	best, _, err := w.bestCopy(ctx, it, normalized, cols+`WHERE partner_id = ?`+cond,
		it.PartnerID, string(it.Kind), key, w.hold, from, to, copyCandidates)
	if err != nil || best != "" || len(normalized) < copyMinWordsPartners || it.UpdateLink == "" {
		return best, err
	}
	best, _, err = w.bestCopy(ctx, it, normalized, cols+`WHERE update_link = ? AND partner_id != ?`+cond,
		it.UpdateLink, it.PartnerID, string(it.Kind), key, w.hold, from, to, copyCandidates)
	return best, err
}

// bestCopy runs one candidate query and returns the most similar copy.
func (w *itemWriter) bestCopy(ctx context.Context, it feed.Item, normalized []string, query string, args ...any) (string, float64, error) {
	rows, err := w.tx.QueryContext(ctx, query, args...)
	if err != nil {
		return "", 0, err
	}
	defer rows.Close()
	mine := wordSetOf(normalized)
	best, bestScore := "", 0.0
	for rows.Next() {
		var id, partner, source, guid, text string
		if err := rows.Scan(&id, &partner, &source, &guid, &text); err != nil {
			return "", 0, err
		}
		if partner == it.PartnerID && source == it.SourceURL && !attached(guid, it.UpdateGUID) {
			continue
		}
		theirs := words(text)
		if !sameNumbers(normalized, theirs) {
			continue
		}
		if s := jaccard(mine, wordSetOf(theirs)); s >= similarEnough && s > bestScore {
			best, bestScore = id, s
		}
	}
	return best, bestScore, rows.Err()
}

// markCopy hides the new point id as a copy of canonical, and gives
// canonical the copy's date when that is earlier: a point is dated when
// it was first sent, whichever way.
func (w *itemWriter) markCopy(ctx context.Context, id, canonical string, published time.Time) error {
	if _, err := w.tx.ExecContext(ctx, `UPDATE items SET hidden = 1, copy_of = ? WHERE id = ?`, canonical, id); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(ctx, `UPDATE items SET published = ? WHERE id = ? AND published > ?`,
		unixNano(published), canonical, unixNano(published))
	return err
}

// earliestCopy is the date of id's earliest copy; zero when it has none.
func (w *itemWriter) earliestCopy(ctx context.Context, id string) (time.Time, error) {
	var earliest sql.NullInt64
	if err := w.tx.QueryRowContext(ctx, `SELECT MIN(published) FROM items WHERE copy_of = ?`, id).Scan(&earliest); err != nil {
		return time.Time{}, err
	}
	if !earliest.Valid || earliest.Int64 == 0 {
		return time.Time{}, nil
	}
	return time.Unix(0, earliest.Int64).UTC(), nil
}

// attached reports whether one update is an attachment of the other: a
// message's PDF has the message's GUID and "/name".
func attached(a, b string) bool {
	return strings.HasPrefix(a, b+"/") || strings.HasPrefix(b, a+"/")
}

// sameNumbers reports whether two texts hold the same words with digits.
func sameNumbers(a, b []string) bool {
	numbers := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if strings.ContainsAny(w, "0123456789") {
				out = append(out, w)
			}
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(numbers(a), numbers(b))
}

// withCopies fills in each item's Copies: the other letters its point
// came in, oldest first. A copy still waiting for review (mail whose
// sender is not proven) is left out, as are copies an admin restored,
// which are published as points of their own.
func (s *Store) withCopies(ctx context.Context, items []feed.Item) error {
	if len(items) == 0 {
		return nil
	}
	ids := make([]string, len(items))
	at := make(map[string]int, len(items))
	for i, it := range items {
		ids[i] = it.ID
		at[it.ID] = i
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT copy_of, partner_id, partner_name, update_link, update_title, published
		FROM items WHERE copy_of IN (SELECT value FROM `+s.dialect.jsonEach("?")+`) AND copy_of IS NOT NULL AND hidden = 1 AND held = 0
		ORDER BY published, rowid`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var of string
		var c feed.Copy
		var published int64
		if err := rows.Scan(&of, &c.PartnerID, &c.PartnerName, &c.UpdateLink, &c.UpdateTitle, &published); err != nil {
			return err
		}
		c.Published = fromUnixNano(published)
		if i, ok := at[of]; ok {
			items[i].Copies = append(items[i].Copies, c)
		}
	}
	return rows.Err()
}

// withJointPoints adds to out, the items of partners, the points another
// partner published that one of partners' letters repeats (a joint
// letter, stored once under the partner whose copy came first), so that
// a partner's own feed still holds every point of its letters. The
// result stays in feed order (by date; out's items first on a tie) and
// within the limit.
func (s *Store) withJointPoints(ctx context.Context, out []feed.Item, partners []string, q feed.Query) ([]feed.Item, error) {
	// The partner lists are bound one parameter each, not as JSON: a
	// query for no partner lists a sentinel id with a NUL byte, which
	// PostgreSQL's json refuses.
	copies, args := appendIn(nil, nil, "partner_id IN", partners)
	where := []string{publishedOnly,
		// Read off the copies' own small index: SQLite would otherwise
		// walk every item of the listed partners (200 ms for a tag of
		// 500 partners in BenchmarkItemsFiltered, against 14 ms).
		`id IN (SELECT copy_of FROM items` + s.dialect.indexedBy("items_copies") +
			` WHERE copy_of IS NOT NULL AND hidden = 1 AND held = 0 AND ` + copies[0] + `)`}
	where, args = appendIn(where, args, "partner_id NOT IN", append(slices.Clone(partners), q.Exclude...))
	if len(q.Kinds) > 0 {
		where, args = appendIn(where, args, "kind IN", kindStrings(q.Kinds))
	}
	limit := q.EffectiveLimit()
	rows, err := s.db.QueryContext(ctx, "SELECT "+itemColumns+" FROM items WHERE "+strings.Join(where, " AND ")+
		" ORDER BY "+feedOrder+" LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, err
	}
	joint, err := scanItems(rows)
	if err != nil || len(joint) == 0 {
		return out, err
	}
	merged := make([]feed.Item, 0, len(out)+len(joint))
	i, j := 0, 0
	for len(merged) < limit && (i < len(out) || j < len(joint)) {
		if j == len(joint) || (i < len(out) && !joint[j].Published.After(out[i].Published)) {
			merged, i = append(merged, out[i]), i+1
		} else {
			merged, j = append(merged, joint[j]), j+1
		}
	}
	return merged, nil
}
