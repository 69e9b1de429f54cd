package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SourceState is what the store remembers about fetching one source.
type SourceState struct {
	PartnerID, URL string
	// ETag and LastModified are the validators of the last good response,
	// sent back on the next conditional request.
	ETag, LastModified string
	// LastFetch is when the last attempt finished.
	LastFetch   time.Time
	LastSuccess time.Time
	// LastStatus is the HTTP status of the last attempt, 0 if none.
	LastStatus int
	// LastError is "" when the last attempt succeeded.
	LastError string
	// Failures counts consecutive failed attempts.
	Failures int
	NextDue  time.Time
	// Items is the number of items stored for this source; only
	// SourceStates fills it.
	Items int
	// FeedURL is the feed the last good fetch read: for an auto source,
	// the one its homepage led to; "" before one.
	FeedURL string
}

const sourceColumns = `partner_id, url, etag, last_modified, last_fetch, last_success,
	last_status, last_error, failures, next_due, feed_url`

// SourceState returns the state of one source: the zero state with its keys
// set, and no error, when the source was never recorded.
func (s *Store) SourceState(ctx context.Context, partnerID, url string) (SourceState, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+sourceColumns+", 0 FROM sources WHERE partner_id = ? AND url = ?",
		partnerID, url)
	st, err := scanSourceState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return SourceState{PartnerID: partnerID, URL: url}, nil
	}
	if err != nil {
		return SourceState{}, fmt.Errorf("read source state %s %s: %w", partnerID, url, err)
	}
	return st, nil
}

// PutSourceState records st, replacing what was stored for its source,
// and ends any claim on it (ClaimSource). Items is ignored.
func (s *Store) PutSourceState(ctx context.Context, st SourceState) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.StmtContext(ctx, s.stmts.putState).ExecContext(ctx, sourceStateArgs(st)...)
		return err
	})
	if err != nil {
		return fmt.Errorf("put source state %s %s: %w", st.PartnerID, st.URL, err)
	}
	return nil
}

// putSourceState is the statement that records a source's state, with
// sourceStateArgs.
const putSourceState = `INSERT INTO sources (` + sourceColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (partner_id, url) DO UPDATE SET etag = excluded.etag,
		last_modified = excluded.last_modified, last_fetch = excluded.last_fetch,
		last_success = excluded.last_success, last_status = excluded.last_status,
		last_error = excluded.last_error, failures = excluded.failures, next_due = excluded.next_due,
		feed_url = excluded.feed_url, claimed_by = '', lease_until = 0`

func sourceStateArgs(st SourceState) []any {
	return []any{st.PartnerID, st.URL, st.ETag, st.LastModified, unixNano(st.LastFetch), unixNano(st.LastSuccess),
		st.LastStatus, st.LastError, st.Failures, unixNano(st.NextDue), st.FeedURL}
}

// SourceStates returns every recorded source with its item count, and
// every source that has items but no recorded state, ordered by partner
// and URL.
func (s *Store) SourceStates(ctx context.Context) ([]SourceState, error) {
	rows, err := s.db.QueryContext(ctx, `
		SELECT `+sourceColumns+`,
			(SELECT count(*) FROM items i WHERE i.partner_id = s.partner_id AND i.source_url = s.url)
		FROM sources s
		UNION ALL
		SELECT partner_id, source_url, '', '', 0, 0, 0, '', 0, 0, '', count(*)
		FROM items i
		WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.partner_id = i.partner_id AND s.url = i.source_url)
		GROUP BY partner_id, source_url
		ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("read source states: %w", err)
	}
	defer rows.Close()
	var out []SourceState
	for rows.Next() {
		st, err := scanSourceState(rows)
		if err != nil {
			return nil, fmt.Errorf("read source states: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read source states: %w", err)
	}
	return out, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanSourceState(row scanner) (SourceState, error) {
	var st SourceState
	err := row.Scan(sourceStateDest(&st)...)
	return st, err
}

// sourceStateDest are the Scan destinations of sourceColumns and an item
// count into st; its times are set as Scan fills them.
func sourceStateDest(st *SourceState) []any {
	return []any{&st.PartnerID, &st.URL, &st.ETag, &st.LastModified, nanoDest{&st.LastFetch}, nanoDest{&st.LastSuccess},
		&st.LastStatus, &st.LastError, &st.Failures, nanoDest{&st.NextDue}, &st.FeedURL, &st.Items}
}

// nanoDest scans Unix nanoseconds (see unixNano) into a time.
type nanoDest struct{ t *time.Time }

func (d nanoDest) Scan(v any) error {
	n, ok := v.(int64)
	if !ok {
		return fmt.Errorf("time: got %T, want Unix nanoseconds", v)
	}
	*d.t = fromUnixNano(n)
	return nil
}
