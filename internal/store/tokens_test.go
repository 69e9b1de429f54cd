package store

import (
	"context"
	"encoding/base64"
	"errors"
	"testing"
	"time"
)

func TestTokens(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)

		alice, err := s.CreateToken(ctx, "alice")
		if err != nil {
			t.Fatal(err)
		}
		if raw, err := base64.RawURLEncoding.DecodeString(alice); err != nil || len(raw) != 32 {
			t.Errorf("token %q: want 32 random bytes in base64url (%v)", alice, err)
		}
		if _, err := s.CreateToken(ctx, "alice"); !errors.Is(err, ErrExists) {
			t.Errorf("second create of alice: error = %v, want ErrExists", err)
		}
		c.Advance(time.Hour)
		bob, err := s.CreateToken(ctx, "bob")
		if err != nil {
			t.Fatal(err)
		}
		if bob == alice {
			t.Fatal("two tokens are equal")
		}

		var stored int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM tokens WHERE hash = ? OR name = ?", alice, alice).Scan(&stored); err != nil || stored != 0 {
			t.Errorf("token stored in clear (%d rows, %v)", stored, err)
		}

		for _, tc := range []struct {
			token, name string
			ok          bool
		}{{alice, "alice", true}, {bob, "bob", true}, {"", "", false}, {alice + "x", "", false}} {
			name, ok, err := s.CheckToken(ctx, tc.token)
			if err != nil || name != tc.name || ok != tc.ok {
				t.Errorf("CheckToken(%q) = %q, %v, %v; want %q, %v", tc.token, name, ok, err, tc.name, tc.ok)
			}
		}

		c.Advance(time.Hour)
		if err := s.RevokeToken(ctx, "alice"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.CheckToken(ctx, alice); ok {
			t.Error("revoked token still checks ok")
		}
		if err := s.RevokeToken(ctx, "carol"); !errors.Is(err, ErrNotFound) {
			t.Errorf("revoke unknown: error = %v, want ErrNotFound", err)
		}
		c.Advance(time.Hour)
		if err := s.RevokeToken(ctx, "alice"); err != nil {
			t.Errorf("second revoke: %v", err)
		}

		list, err := s.Tokens(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := []Token{
			{Name: "alice", Created: t0, Revoked: t0.Add(2 * time.Hour)},
			{Name: "bob", Created: t0.Add(time.Hour)},
		}
		if len(list) != len(want) {
			t.Fatalf("tokens = %+v, want %+v", list, want)
		}
		for i := range want {
			if list[i] != want[i] {
				t.Errorf("token %d = %+v, want %+v", i, list[i], want[i])
			}
		}
	})
}
