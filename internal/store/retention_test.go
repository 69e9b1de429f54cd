package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// storedTexts returns the texts of every stored point, hidden ones too, sorted.
func storedTexts(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), "SELECT text FROM items ORDER BY text")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

func aged(partner, guid string, pos int, age time.Duration, text string) feed.Item {
	it := item(partner, guid, pos, feed.KindPrayer, text)
	it.Published = t0.Add(-age)
	return it
}

const week = 7 * 24 * time.Hour

func TestExpire(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		tests := []struct {
			name string
			// setup saves points (the clock starts at t0) and may move the clock.
			setup func(t *testing.T, s *Store, c *clock)
			e     Expiry
			want  []string
			// wantItems is how many points Expire reports deleted.
			wantItems int
		}{
			{"keep all", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, 60*week, "ancient point"))
			}, Expiry{}, []string{"ancient point"}, 0},
			{"max age", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, 2*week, "recent point"), aged("a", "u2", 0, 6*week, "old point"))
			}, Expiry{MaxAge: 4 * week}, []string{"recent point"}, 1},
			{"follow source: dropped from the feed long enough ago", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, week, "still listed"), aged("a", "u2", 0, week, "no longer listed"))
				c.Advance(20 * 24 * time.Hour)
				save(t, s, aged("a", "u1", 0, week, "still listed"))
			}, Expiry{FollowSource: 14 * 24 * time.Hour}, []string{"still listed"}, 1},
			{"follow source: dropped too recently", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, week, "still listed"), aged("a", "u2", 0, week, "no longer listed"))
				c.Advance(20 * 24 * time.Hour)
				save(t, s, aged("a", "u1", 0, week, "still listed"))
			}, Expiry{FollowSource: 30 * 24 * time.Hour}, []string{"no longer listed", "still listed"}, 0},
			{"follow source: a feed that did not change (304s) keeps everything", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, week, "one"), aged("a", "u2", 0, week, "two"))
				c.Advance(60 * 24 * time.Hour)
			}, Expiry{FollowSource: 14 * 24 * time.Hour}, []string{"one", "two"}, 0},
			{"max items per partner", func(t *testing.T, s *Store, c *clock) {
				save(t, s, aged("a", "u1", 0, 1*week, "a newest"), aged("a", "u2", 0, 2*week, "a middle"), aged("a", "u3", 0, 3*week, "a oldest"),
					aged("b", "v1", 0, 9*week, "b only"))
			}, Expiry{MaxItems: 2}, []string{"a middle", "a newest", "b only"}, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s, c, _ := openTest(t, db)
				tt.setup(t, s, c)
				gen, _, err := s.Generation(ctx)
				if err != nil {
					t.Fatal(err)
				}
				res, err := s.Expire(ctx, tt.e)
				if err != nil {
					t.Fatal(err)
				}
				if got := storedTexts(t, s); !slices.Equal(got, tt.want) {
					t.Errorf("left %q, want %q", got, tt.want)
				}
				if res.Items != tt.wantItems {
					t.Errorf("reported %d items deleted, want %d", res.Items, tt.wantItems)
				}
				after, _, err := s.Generation(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if (after != gen) != (tt.wantItems > 0) {
					t.Errorf("generation %d → %d; it must change exactly when points go", gen, after)
				}
			})
		}
	})
}

// An expired point takes its history and its corrections with it.
func TestExpireTakesHistoryAndCorrections(t *testing.T) {
	forBackends(t, func(t *testing.T, db backend) {
		ctx := context.Background()
		s, c, _ := openTest(t, db)
		save(t, s, aged("a", "u1", 0, 6*week, "Pray for the first wording of the old point"),
			aged("a", "u1", 1, 6*week, "Pray for a point the partner later removed"))
		c.Advance(time.Hour)
		save(t, s, aged("a", "u1", 0, 6*week, "Pray for the first wording of the old point"))
		old := all(t, s, feed.Query{})
		if len(old) != 1 {
			t.Fatalf("%d points, want 1", len(old))
		}
		if err := s.Hide(ctx, "test", old[0].ID); err != nil {
			t.Fatal(err)
		}
		res, err := s.Expire(ctx, Expiry{MaxAge: 4 * week})
		if err != nil {
			t.Fatal(err)
		}
		if res.Items != 1 || res.History != 1 {
			t.Errorf("deleted %+v, want 1 item and 1 history row", res)
		}
		for _, table := range []string{"items", "item_history", "corrections", "updates"} {
			var n int
			if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s keeps %d rows of the expired point", table, n)
			}
		}
	})
}
