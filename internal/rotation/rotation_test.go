package rotation

import (
	"slices"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testConfig(order []config.RotationEntry, weeks map[string][]int) *config.Config {
	cfg := &config.Config{Rotation: &config.Rotation{Start: config.Date{Time: date("2026-01-05")}, Order: order}}
	for _, id := range []string{"ijm", "kelu", "sim", "wycliffe"} {
		cfg.Partners = append(cfg.Partners, config.Partner{ID: id, Weeks: weeks[id]})
	}
	return cfg
}

func TestAt(t *testing.T) {
	twoEntries := []config.RotationEntry{{"ijm"}, {"kelu", "sim"}}
	tests := []struct {
		name    string
		order   []config.RotationEntry
		weeks   map[string][]int
		day     string
		number  int
		cycle   int
		wantIDs []string
	}{
		{"start Monday is week one", twoEntries, nil, "2026-01-05", 1, 1, []string{"ijm"}},
		{"Sunday still week one", twoEntries, nil, "2026-01-11", 1, 1, []string{"ijm"}},
		{"an entry of several ids", twoEntries, nil, "2026-01-12", 2, 2, []string{"kelu", "sim"}},
		{"the order repeats", twoEntries, nil, "2026-01-21", 3, 1, []string{"ijm"}},
		{"before the start, nobody", twoEntries, nil, "2026-01-04", 0, 0, nil},
		{"explicit weeks join the order's week", twoEntries, map[string][]int{"wycliffe": {1}}, "2026-01-05", 1, 1, []string{"ijm", "wycliffe"}},
		{"a week named twice counts once", twoEntries, map[string][]int{"ijm": {1}}, "2026-01-05", 1, 1, []string{"ijm"}},
		{"weeks past the order lengthen the cycle", twoEntries, map[string][]int{"wycliffe": {4}}, "2026-01-26", 4, 4, []string{"wycliffe"}},
		{"an empty week inside a lengthened cycle", twoEntries, map[string][]int{"wycliffe": {4}}, "2026-01-19", 3, 3, nil},
		{"the lengthened cycle repeats", twoEntries, map[string][]int{"wycliffe": {4}}, "2026-02-02", 5, 1, []string{"ijm"}},
		{"weeks alone, no order", nil, map[string][]int{"ijm": {1}, "kelu": {2}}, "2026-01-19", 3, 1, []string{"ijm"}},
		{"a year on", twoEntries, nil, "2027-01-06", 53, 1, []string{"ijm"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := New(testConfig(tt.order, tt.weeks)).At(date(tt.day))
			if w.Number != tt.number || w.Cycle != tt.cycle || !slices.Equal(w.Partners, tt.wantIDs) {
				t.Errorf("At(%s) = week %d, cycle %d, %v; want week %d, cycle %d, %v",
					tt.day, w.Number, w.Cycle, w.Partners, tt.number, tt.cycle, tt.wantIDs)
			}
			if w.Monday.Weekday() != time.Monday || w.Monday.After(date(tt.day)) || date(tt.day).Sub(w.Monday) >= 7*24*time.Hour {
				t.Errorf("At(%s).Monday = %s, not the Monday of that week", tt.day, w.Monday.Format(time.DateOnly))
			}
		})
	}
}

func TestNoRotation(t *testing.T) {
	r := New(&config.Config{Partners: []config.Partner{{ID: "ijm"}}})
	if w := r.At(date("2026-03-04")); len(w.Partners) != 0 || w.Number != 0 {
		t.Errorf("without a rotation At = %+v, want an empty week", w)
	}
}

func TestWeeksConsecutive(t *testing.T) {
	r := New(testConfig([]config.RotationEntry{{"ijm"}, {"kelu"}, {"sim"}}, nil))
	// Across a daylight-saving change in a zone that has one.
	loc, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		loc = time.FixedZone("UTC+1", 3600)
	}
	from := time.Date(2026, 3, 18, 23, 30, 0, 0, loc)
	weeks := r.Weeks(from, from.AddDate(0, 0, 7*10))
	if len(weeks) != 11 {
		t.Fatalf("got %d weeks, want 11", len(weeks))
	}
	for i, w := range weeks {
		if i > 0 && !w.Monday.Equal(weeks[i-1].Monday.AddDate(0, 0, 7)) {
			t.Errorf("week %d starts %s, want 7 days after %s", i, w.Monday, weeks[i-1].Monday)
		}
		want := []string{"ijm", "kelu", "sim"}[(w.Number-1)%3]
		if !slices.Equal(w.Partners, []string{want}) {
			t.Errorf("week %d = %v, want [%s]", w.Number, w.Partners, want)
		}
	}
	if got := weeks[0].Monday.Format(time.DateOnly); got != "2026-03-16" {
		t.Errorf("first Monday = %s, want 2026-03-16", got)
	}
}
