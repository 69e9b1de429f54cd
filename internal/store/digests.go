package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ErrDigestTaken is returned by ClaimDigest for a week whose e-mail was
// sent, or is being sent by another process.
var ErrDigestTaken = errors.New("digest already sent or being sent")

// staleClaim is how long a claim without a sent e-mail holds: a process
// that crashed between claiming and recording lets the week go after it,
// while one still sending (a slow SMTP server) keeps it.
const staleClaim = time.Hour

// ClaimDigest reserves the e-mail of the digest week ending on week
// (YYYY-MM-DD) for this process: ErrDigestTaken when it was sent or another
// process claimed it less than an hour ago.
func (s *Store) ClaimDigest(ctx context.Context, week string) error {
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		var claimed, sent int64
		err := tx.QueryRowContext(ctx, "SELECT claimed, sent FROM digests WHERE week = ?", week).Scan(&claimed, &sent)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case sent != 0 || now.Sub(fromUnixNano(claimed)) < staleClaim:
			return ErrDigestTaken
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO digests (week, claimed) VALUES (?, ?)
			ON CONFLICT (week) DO UPDATE SET claimed = excluded.claimed`, week, unixNano(now))
		return err
	})
	if err != nil {
		return fmt.Errorf("claim digest %s: %w", week, err)
	}
	return nil
}

// DigestSent records that week's e-mail went out with points points.
func (s *Store) DigestSent(ctx context.Context, week string, points int, messageID string) error {
	now := s.now().UTC()
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE digests SET sent = ?, points = ?, message_id = ? WHERE week = ?",
			unixNano(now), points, messageID, week)
		return err
	})
	if err != nil {
		return fmt.Errorf("record digest %s: %w", week, err)
	}
	return nil
}

// ReleaseDigest gives up a claim whose e-mail could not be sent, so the
// next attempt may send it.
func (s *Store) ReleaseDigest(ctx context.Context, week string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM digests WHERE week = ? AND sent = 0", week)
		return err
	})
	if err != nil {
		return fmt.Errorf("release digest %s: %w", week, err)
	}
	return nil
}

// DigestWasSent reports when week's e-mail was sent; zero when it was not.
func (s *Store) DigestWasSent(ctx context.Context, week string) (time.Time, error) {
	var sent int64
	err := s.db.QueryRowContext(ctx, "SELECT sent FROM digests WHERE week = ?", week).Scan(&sent)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("read digest %s: %w", week, err)
	}
	return fromUnixNano(sent), nil
}
