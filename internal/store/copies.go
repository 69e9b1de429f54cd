package store

import (
	"context"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// A new point is a copy of one already published when both are of one
// kind, their words near-identical (similarEnough, as for a light edit),
// from another update published within copyWindow of it. Short points are
// left alone: "Pray for our health." from two letters a week apart are
// two requests. A copy across partners (a joint letter) needs more words
// still, since partners' generic requests look alike.
const (
	copyWindow           = 14 * 24 * time.Hour
	copyMinWords         = 6
	copyMinWordsPartners = 10
	// copyCandidates bounds the points one new point is compared with.
	copyCandidates = 2000
)

// findCopy returns the id of the published point that it copies, or "".
func (w *itemWriter) findCopy(ctx context.Context, it feed.Item, normalized []string, published time.Time) (string, error) {
	if len(normalized) < copyMinWords {
		return "", nil
	}
	rows, err := w.tx.QueryContext(ctx, `SELECT id, partner_id, text FROM items
		WHERE kind = ? AND update_key != ? AND hidden = 0 AND held = ? AND copy_of IS NULL
			AND published BETWEEN ? AND ? LIMIT ?`,
		string(it.Kind), updateKey(it.PartnerID, it.SourceURL, it.UpdateGUID), w.hold,
		unixNano(published.Add(-copyWindow)), unixNano(published.Add(copyWindow)), copyCandidates)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	mine := wordSetOf(normalized)
	best, bestScore := "", 0.0
	for rows.Next() {
		var id, partner, text string
		if err := rows.Scan(&id, &partner, &text); err != nil {
			return "", err
		}
		if partner != it.PartnerID && len(normalized) < copyMinWordsPartners {
			continue
		}
		if s := jaccard(mine, newWordSet(text)); s >= similarEnough && s > bestScore {
			best, bestScore = id, s
		}
	}
	return best, rows.Err()
}

// markCopy hides the new point id as a copy of canonical.
func (w *itemWriter) markCopy(ctx context.Context, id, canonical string) error {
	_, err := w.tx.ExecContext(ctx, `UPDATE items SET hidden = 1, copy_of = ? WHERE id = ?`, canonical, id)
	return err
}
