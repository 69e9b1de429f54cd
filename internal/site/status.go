package site

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/alerts"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// SourceLister is the part of the store the status page reads.
type SourceLister interface {
	SourceStates(ctx context.Context) ([]store.SourceState, error)
}

// AlertLister lists the health alerts; *alerts.Checker is one.
type AlertLister interface {
	Alerts(ctx context.Context, now time.Time) ([]alerts.Alert, error)
}

// statusRow is one source on the status page.
type statusRow struct {
	Partner, Type, URL        string
	Private, Removed, Failing bool
	LastFetch, Result, Error  string
	NextDue                   string
	Items                     int
}

type statusData struct {
	Title   string
	Now     string
	Failing int
	Rows    []statusRow
	Alerts  []alerts.Alert
}

// Status renders the admin status page: every partner's sources with their
// last fetch, its result and error, their items and when they are next due.
// It lists source URLs, so callers serve it only to the admin; it is never
// part of a static build.
func (s *Site) Status(ctx context.Context, now time.Time) (*Page, error) {
	if s.sources == nil {
		return nil, fmt.Errorf("render status: %w", ErrNotFound)
	}
	states, err := s.sources.SourceStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("render status: %w", err)
	}
	type key struct{ partner, url string }
	byKey := make(map[key]store.SourceState, len(states))
	for _, st := range states {
		byKey[key{st.PartnerID, st.URL}] = st
	}
	d := statusData{Title: s.cfg.Title, Now: formatTime(now, now)}
	for _, p := range s.cfg.Partners {
		for _, src := range p.Sources {
			k := key{p.ID, src.URL}
			st, ok := byKey[k]
			delete(byKey, k)
			row := statusRowOf(st, ok, now)
			row.Partner, row.Type, row.URL, row.Private = p.Name+" ("+p.ID+")", string(src.Type), config.PublicURL(src.URL), p.Private()
			d.Rows = append(d.Rows, row)
		}
	}
	// Sources no longer configured keep their items; list them so the
	// admin sees where those items come from.
	for _, st := range states {
		if _, left := byKey[key{st.PartnerID, st.URL}]; left {
			row := statusRowOf(st, true, now)
			row.Partner, row.URL, row.Removed = st.PartnerID, config.PublicURL(st.URL), true
			if st.URL == "ingest" {
				// Mail piped to prayerfeed ingest: a source of its own, never fetched.
				row.Type, row.Removed, row.Result, row.LastFetch, row.NextDue = "e-mail", false, "received by prayerfeed ingest", "", ""
			}
			d.Rows = append(d.Rows, row)
		}
	}
	for _, r := range d.Rows {
		if r.Failing {
			d.Failing++
		}
	}
	if s.alerts != nil {
		if d.Alerts, err = s.alerts.Alerts(ctx, now); err != nil {
			return nil, fmt.Errorf("render status: %w", err)
		}
	}
	return execute("status", d)
}

func statusRowOf(st store.SourceState, known bool, now time.Time) statusRow {
	row := statusRow{Items: st.Items, Error: config.PublicText(st.LastError), Failing: st.LastError != ""}
	row.LastFetch, row.NextDue = formatTime(st.LastFetch, now), formatTime(st.NextDue, now)
	switch {
	case !known || st.LastFetch.IsZero():
		row.Result, row.LastFetch, row.NextDue = "never fetched", "never", "now"
	case st.LastError != "":
		row.Result = fmt.Sprintf("failing (%d in a row)", st.Failures)
		if st.LastStatus != 0 {
			row.Result += ", HTTP " + strconv.Itoa(st.LastStatus)
		}
	case st.LastStatus == 304:
		row.Result = "OK, not modified (HTTP 304)"
	default:
		row.Result = "OK, HTTP " + strconv.Itoa(st.LastStatus)
	}
	return row
}

// formatTime writes t in UTC with how long ago or ahead it is.
func formatTime(t, now time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t).Round(time.Second)
	rel := d.String() + " ago"
	if d < 0 {
		rel = "in " + (-d).String()
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC") + " (" + rel + ")"
}
