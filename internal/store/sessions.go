package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// Session is a logged-in admin: the browser holds only ID (in a cookie);
// the store keeps its hash, and CSRF, the token every form must carry.
type Session struct {
	ID, CSRF string
	// Who names the session in the audit without revealing it.
	Who     string
	Expires time.Time
}

// sessionWho is how the audit names a session: a prefix of its hash.
func sessionWho(hash []byte) string { return "session " + hex.EncodeToString(hash[:4]) }

func randomToken() string {
	raw := make([]byte, 32)
	rand.Read(raw) // never fails; see crypto/rand.Read
	return base64.RawURLEncoding.EncodeToString(raw)
}

// CreateSession starts an admin session that lasts ttl, and clears
// expired ones.
func (s *Store) CreateSession(ctx context.Context, ttl time.Duration) (Session, error) {
	now := s.now()
	sess := Session{ID: randomToken(), CSRF: randomToken(), Expires: now.Add(ttl).UTC()}
	hash := tokenHash(sess.ID)
	sess.Who = sessionWho(hash)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM admin_sessions WHERE expires < ?", unixNano(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO admin_sessions (hash, csrf, created, expires) VALUES (?, ?, ?, ?)",
			hash, sess.CSRF, unixNano(now), unixNano(sess.Expires))
		return err
	})
	if err != nil {
		return Session{}, fmt.Errorf("create admin session: %w", err)
	}
	return sess, nil
}

// Session returns the unexpired session with that id; ErrNotFound when
// there is none.
func (s *Store) Session(ctx context.Context, id string) (Session, error) {
	if id == "" {
		return Session{}, ErrNotFound
	}
	hash := tokenHash(id)
	sess := Session{ID: id, Who: sessionWho(hash)}
	var expires int64
	err := s.db.QueryRowContext(ctx, "SELECT csrf, expires FROM admin_sessions WHERE hash = ? AND expires > ?",
		hash, unixNano(s.now())).Scan(&sess.CSRF, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return Session{}, ErrNotFound
	}
	if err != nil {
		return Session{}, fmt.Errorf("read admin session: %w", err)
	}
	sess.Expires = fromUnixNano(expires)
	return sess, nil
}

// EndSession logs a session out.
func (s *Store) EndSession(ctx context.Context, id string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM admin_sessions WHERE hash = ?", tokenHash(id))
		return err
	})
	if err != nil {
		return fmt.Errorf("end admin session: %w", err)
	}
	return nil
}
