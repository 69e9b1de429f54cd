// Package rotation works out which partners a church prays for in a given
// week, from partners.yaml's rotation and the partners' explicit weeks, and
// writes that rotation as an iCalendar feed.
//
// The rule: week 1 is the week of rotation.start (a Monday); weeks are
// Monday to Sunday and counted on from there. The rotation is a cycle of L
// weeks, where L is the larger of the order's length and the highest week
// any partner names in `weeks` (so `weeks: [5]` with a three-entry order
// makes a five-week cycle whose weeks 4 and 5 hold only the partners that
// name them). In cycle week w, the church prays for the ids of order entry
// w (if the order has one) followed by every partner whose `weeks` list
// holds w, in partners.yaml order, each id once. Before rotation.start
// there is no rotation: such weeks have no partners.
package rotation

import (
	"slices"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// Rotation is a church's weekly prayer rotation.
type Rotation struct {
	start  time.Time // midnight UTC of the Monday of week one
	order  [][]string
	byWeek map[int][]string // cycle week (1-based) → partners naming it in weeks
	length int
}

// Week is one week of the rotation.
type Week struct {
	// Monday is the week's first day, at midnight UTC; the week ends
	// before the next Monday.
	Monday time.Time
	// Number counts weeks from rotation.start, which is week 1.
	Number int
	// Cycle is the week's place in the repeating cycle, from 1.
	Cycle int
	// Partners are the ids prayed for this week, in rotation order.
	Partners []string
}

// New returns the rotation cfg describes; a config without a rotation
// yields one whose weeks are all empty.
func New(cfg *config.Config) *Rotation {
	r := &Rotation{byWeek: map[int][]string{}}
	if cfg.Rotation == nil {
		return r
	}
	r.start = day(cfg.Rotation.Start.Time)
	for _, e := range cfg.Rotation.Order {
		r.order = append(r.order, slices.Clone([]string(e)))
	}
	r.length = len(r.order)
	for _, p := range cfg.Partners {
		for _, w := range p.Weeks {
			if w < 1 {
				continue
			}
			r.byWeek[w] = append(r.byWeek[w], p.ID)
			r.length = max(r.length, w)
		}
	}
	return r
}

// Length is the number of weeks before the rotation repeats.
func (r *Rotation) Length() int { return r.length }

// At returns the week holding t's calendar day (in t's own location).
func (r *Rotation) At(t time.Time) Week {
	monday := Monday(t)
	w := Week{Monday: monday}
	if r.length == 0 || r.start.IsZero() || monday.Before(r.start) {
		return w
	}
	n := int(monday.Sub(r.start).Hours()/24) / 7
	w.Number = n + 1
	w.Cycle = n%r.length + 1
	var ids []string
	if w.Cycle <= len(r.order) {
		ids = append(ids, r.order[w.Cycle-1]...)
	}
	ids = append(ids, r.byWeek[w.Cycle]...)
	for _, id := range ids {
		if !slices.Contains(w.Partners, id) {
			w.Partners = append(w.Partners, id)
		}
	}
	return w
}

// Weeks returns the weeks from the one holding from up to and including
// the one holding to.
func (r *Rotation) Weeks(from, to time.Time) []Week {
	var out []Week
	last := Monday(to)
	for m := Monday(from); !m.After(last); m = m.AddDate(0, 0, 7) {
		out = append(out, r.At(m))
	}
	return out
}

// Monday returns midnight UTC of the Monday that starts the week holding
// t's calendar day.
func Monday(t time.Time) time.Time {
	d := day(t)
	back := (int(d.Weekday()) + 6) % 7 // days since Monday
	return d.AddDate(0, 0, -back)
}

// day is t's calendar day, as midnight UTC, so day arithmetic never meets
// a daylight-saving change.
func day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
