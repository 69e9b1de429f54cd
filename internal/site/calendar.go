package site

import (
	"bytes"
	"fmt"
	"net/url"

	"github.com/prayerfeed/prayerfeed/internal/rotation"
)

// The calendar's window: a few past weeks, so this week's and last
// weeks' events stay in subscribers' calendars, and a year ahead.
const (
	calendarWeeksBack  = 4
	calendarWeeksAhead = 52
)

// Calendar renders the rotation as an iCalendar feed: one all-day event
// per week per partner the scope may see.
func (s *Site) Calendar(sc Scope) (*Page, error) {
	now := s.now()
	thisMonday := rotation.Monday(now)
	host := "prayerfeed"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	cal := rotation.Calendar{
		Name:   s.redact.Text("", s.cfg.Title) + ": prayer rotation",
		ProdID: "-//prayerfeed//prayerfeed//EN",
		// The body changes once a week, not on every request, so caches
		// and ETags hold; DTSTAMP says when this version was made.
		Stamp: thisMonday,
	}
	weeks := s.rot.Weeks(thisMonday.AddDate(0, 0, -7*calendarWeeksBack), thisMonday.AddDate(0, 0, 7*calendarWeeksAhead))
	for _, w := range weeks {
		for _, id := range w.Partners {
			if !s.visible(id, sc) {
				continue
			}
			p, _ := s.partner(id)
			about := WeekPartner{Name: p.Name, Region: p.Region}.phrase()
			cal.Events = append(cal.Events, rotation.Event{
				// Stable: the same week and partner always make the same UID.
				UID:   fmt.Sprintf("%s-%s@%s", w.Monday.Format("20060102"), id, host),
				Start: w.Monday, End: w.Monday.AddDate(0, 0, 7),
				Summary: s.redact.Text(id, "Praying for "+p.Short),
				Description: s.redact.Text(id, "This week we are praying for "+about+".\n\nPrayer points: "+
					s.cfg.BaseURL+sc.Prefix+"/partners/"+id+"/feed.atom"),
				URL: p.Homepage,
			})
		}
	}
	var buf bytes.Buffer
	if err := rotation.WriteICS(&buf, cal); err != nil {
		return nil, fmt.Errorf("render calendar: %w", err)
	}
	return &Page{Body: buf.Bytes(), ContentType: "text/calendar; charset=utf-8"}, nil
}
