package store

import (
	"context"
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
// requests look alike, and it must come in the same letter (sameLetter).
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
	rows, err := w.tx.QueryContext(ctx, `SELECT id, partner_id, source_url, update_guid, update_title, update_link, text FROM items
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
		var id, partner, source, guid, title, link, text string
		if err := rows.Scan(&id, &partner, &source, &guid, &title, &link, &text); err != nil {
			return "", err
		}
		switch {
		case partner != it.PartnerID && (len(normalized) < copyMinWordsPartners || !sameLetter(title, link, it)):
			continue
		case partner == it.PartnerID && source == it.SourceURL && !attached(guid, it.UpdateGUID):
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
	return best, rows.Err()
}

// markCopy hides the new point id as a copy of canonical.
func (w *itemWriter) markCopy(ctx context.Context, id, canonical string) error {
	_, err := w.tx.ExecContext(ctx, `UPDATE items SET hidden = 1, copy_of = ? WHERE id = ?`, canonical, id)
	return err
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

// sameLetter reports whether an update of another partner, with title and
// link, is the letter it came in: the same link, or the same title of
// four words or more ("Prayer letter" is every partner's title).
func sameLetter(title, link string, it feed.Item) bool {
	if link != "" && link == it.UpdateLink {
		return true
	}
	return len(strings.Fields(title)) >= 4 && strings.EqualFold(strings.Join(strings.Fields(title), " "), strings.Join(strings.Fields(it.UpdateTitle), " "))
}
