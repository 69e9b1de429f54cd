package server

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/rotation/icstest"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// TestCalendar reads /calendar.ics back and checks every week of its
// window: whole Monday-to-Monday all-day events, and the partners the
// fixture's rotation names (cycle of four: ijm+kelu, sim, nobody, sim).
func TestCalendar(t *testing.T) {
	c := newChurch(t)
	tok := c.token(t, "reader")
	tests := []struct {
		name, path string
		cycle      map[int][]string // cycle week → summaries
	}{
		{"public", "/calendar.ics", map[int][]string{1: {"IJM"}, 2: {"SIM"}, 4: {"SIM"}}},
		{"private", "/private/" + tok + "/calendar.ics", map[int][]string{1: {"IJM", "Kelu"}, 2: {"SIM"}, 4: {"SIM"}}},
	}
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	last := start.AddDate(0, 0, 7*52) // the window reaches 52 weeks past this week, week 1
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.get(t, tt.path)
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
				t.Errorf("Content-Type = %q, want text/calendar", ct)
			}
			cal, err := icstest.Parse(string(body))
			if err != nil {
				t.Fatalf("parse: %v\n%s", err, body)
			}
			for _, name := range []string{"VERSION", "PRODID"} {
				if _, ok := cal.Get(name); !ok {
					t.Errorf("calendar lacks %s", name)
				}
			}
			got := map[time.Time][]string{}
			uids := map[string]bool{}
			for _, ev := range cal.Children {
				monday, summary := checkEvent(t, ev)
				got[monday] = append(got[monday], strings.TrimPrefix(summary, "Praying for "))
				uid, _ := ev.Get("UID")
				if uids[uid.Value] {
					t.Errorf("UID %s twice", uid.Value)
				}
				uids[uid.Value] = true
			}
			for m := start; !m.After(last); m = m.AddDate(0, 0, 7) {
				n := int(m.Sub(start).Hours()/24/7) + 1
				want := tt.cycle[(n-1)%4+1]
				if !slices.Equal(got[m], want) {
					t.Errorf("week %d (%s): %v, want %v", n, m.Format(time.DateOnly), got[m], want)
				}
				delete(got, m)
			}
			if len(got) > 0 {
				t.Errorf("events outside the window or off Mondays: %v", got)
			}
			if tt.name == "public" {
				if leaks := sitetest.Leaks(body); len(leaks) > 0 {
					t.Errorf("public calendar holds %v", leaks)
				}
			}
		})
	}
}

// checkEvent checks one VEVENT is a whole Monday-to-Monday all-day event
// and returns its Monday and summary.
func checkEvent(t *testing.T, ev *icstest.Component) (time.Time, string) {
	t.Helper()
	for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
		if _, ok := ev.Get(name); !ok {
			t.Errorf("event lacks %s", name)
		}
	}
	ds, _ := ev.Get("DTSTART")
	de, _ := ev.Get("DTEND")
	if ds.Params["VALUE"] != "DATE" || de.Params["VALUE"] != "DATE" {
		t.Errorf("DTSTART/DTEND not VALUE=DATE: %v %v", ds.Params, de.Params)
	}
	from, err1 := time.Parse("20060102", ds.Value)
	to, err2 := time.Parse("20060102", de.Value)
	if err1 != nil || err2 != nil || from.Weekday() != time.Monday || !to.Equal(from.AddDate(0, 0, 7)) {
		t.Errorf("event %s to %s: want a Monday to the next Monday", ds.Value, de.Value)
	}
	s, _ := ev.Get("SUMMARY")
	return from, s.Value
}
