package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Token is a reader token for private feeds as listed: never the token
// itself, which only its creator ever sees.
type Token struct {
	Name    string
	Created time.Time
	// Revoked is zero while the token is valid.
	Revoked time.Time
}

// CreateToken makes a new random token under name, stores only its SHA-256
// hash and returns the token. A name is never reused, even once revoked,
// so ErrExists if the name is taken.
func (s *Store) CreateToken(ctx context.Context, name string) (string, error) {
	if strings.TrimSpace(name) == "" {
		return "", errors.New("create token: empty name")
	}
	raw := make([]byte, 32)
	rand.Read(raw) // never fails; see crypto/rand.Read
	token := base64.RawURLEncoding.EncodeToString(raw)
	err := s.write(ctx, func(tx *sql.Tx) error {
		var exists bool
		if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?)", name).Scan(&exists); err != nil {
			return err
		}
		if exists {
			return ErrExists
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO tokens (name, hash, created) VALUES (?, ?, ?)",
			name, tokenHash(token), unixNano(s.now()))
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create token %q: %w", name, err)
	}
	return token, nil
}

// Tokens lists every token by name, revoked ones included.
func (s *Store) Tokens(ctx context.Context) ([]Token, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name, created, revoked FROM tokens ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		var t Token
		var created, revoked int64
		if err := rows.Scan(&t.Name, &created, &revoked); err != nil {
			return nil, fmt.Errorf("list tokens: %w", err)
		}
		t.Created, t.Revoked = fromUnixNano(created), fromUnixNano(revoked)
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	return out, nil
}

// RevokeToken revokes the token called name: ErrNotFound if there is none.
// Revoking a revoked token keeps its first revocation time.
func (s *Store) RevokeToken(ctx context.Context, name string) error {
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			"UPDATE tokens SET revoked = CASE revoked WHEN 0 THEN ? ELSE revoked END WHERE name = ?",
			unixNano(s.now()), name)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errors.Join(ErrNotFound, err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("revoke token %q: %w", name, err)
	}
	return nil
}

// CheckToken reports the name of a valid (unrevoked) token. The lookup is
// by hash, so timing reveals nothing about the stored tokens.
func (s *Store) CheckToken(ctx context.Context, token string) (name string, ok bool, err error) {
	if token == "" {
		return "", false, nil
	}
	var revoked int64
	err = s.db.QueryRowContext(ctx, "SELECT name, revoked FROM tokens WHERE hash = ?", tokenHash(token)).
		Scan(&name, &revoked)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("check token: %w", err)
	case revoked != 0:
		return "", false, nil
	}
	return name, true, nil
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
