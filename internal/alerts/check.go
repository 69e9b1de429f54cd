package alerts

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Store is what the checks read; *store.Store is one.
type Store interface {
	SourceStates(ctx context.Context) ([]store.SourceState, error)
	Updates(ctx context.Context, q store.UpdateQuery) ([]store.Update, error)
	PendingCount(ctx context.Context) (map[string]int, error)
}

// Config wires a Checker.
type Config struct {
	Config *config.Config
	Store  Store
	// FailingAfter is how many consecutive failed fetches raise an
	// alert; default 3.
	FailingAfter int
	// EmptyAfter is how many updates in a row without a point raise an
	// alert; default 3.
	EmptyAfter int
}

// Checker finds the current alerts.
type Checker struct{ cfg Config }

// New returns a Checker with cfg's defaults filled.
func New(cfg Config) *Checker {
	if cfg.FailingAfter <= 0 {
		cfg.FailingAfter = 3
	}
	if cfg.EmptyAfter <= 0 {
		cfg.EmptyAfter = 3
	}
	return &Checker{cfg: cfg}
}

// Alerts lists what needs a person now, partner by partner in
// partners.yaml order.
func (c *Checker) Alerts(ctx context.Context, now time.Time) ([]Alert, error) {
	states, err := c.cfg.Store.SourceStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("check alerts: %w", err)
	}
	pending, err := c.cfg.Store.PendingCount(ctx)
	if err != nil {
		return nil, fmt.Errorf("check alerts: %w", err)
	}
	type key struct{ partner, url string }
	byKey := map[key]store.SourceState{}
	for _, st := range states {
		byKey[key{st.PartnerID, st.URL}] = st
	}
	var out []Alert
	for _, p := range c.cfg.Config.Partners {
		for _, src := range p.Sources {
			if st, ok := byKey[key{p.ID, src.URL}]; ok {
				out = append(out, c.sourceAlerts(p, st)...)
			}
		}
		updates, err := c.cfg.Store.Updates(ctx, store.UpdateQuery{Partner: p.ID, Limit: c.cfg.EmptyAfter})
		if err != nil {
			return nil, fmt.Errorf("check alerts: %w", err)
		}
		out = append(out, c.updateAlerts(p, updates, now)...)
		if n := pending[p.ID]; n > 0 {
			out = append(out, Alert{Kind: KindPending, PartnerID: p.ID, PartnerName: p.Name,
				Title:  fmt.Sprintf("%s: %d point%s waiting for review", p.Name, n, plural(n)),
				Detail: "Nothing new from this partner is published until an admin approves it: open /admin to approve, hide or correct the points.",
				Since:  now})
		}
	}
	mail, err := c.mailAlerts(ctx, now, pending)
	if err != nil {
		return nil, err
	}
	return append(out, mail...), nil
}

// sourceAlerts are a source's alerts: failing, or selectors that no
// longer match its page.
func (c *Checker) sourceAlerts(p config.Partner, st store.SourceState) []Alert {
	if st.Failures == 0 || st.LastError == "" {
		return nil
	}
	since := st.LastSuccess
	if since.IsZero() {
		since = st.LastFetch
	}
	if strings.Contains(st.LastError, fetcher.ErrNoMatch.Error()) {
		return []Alert{{Kind: KindSelector, PartnerID: p.ID, PartnerName: p.Name, SourceURL: st.URL, Since: since,
			Title: fmt.Sprintf("%s: the page's selectors stopped matching (%s)", p.Name, st.URL),
			Detail: "The site has changed its layout: " + st.LastError + ". What to do: open the page, then fix " +
				"the source's select: in partners.yaml (prayerfeed check --live --partner " + p.ID + " shows what it finds)."}}
	}
	if st.Failures < c.cfg.FailingAfter {
		return nil
	}
	return []Alert{{Kind: KindFailing, PartnerID: p.ID, PartnerName: p.Name, SourceURL: st.URL, Since: since,
		Title: fmt.Sprintf("%s: %d fetches in a row failed (%s)", p.Name, st.Failures, st.URL),
		Detail: "Last error: " + st.LastError + ". What to do: open the address in a browser; if the partner moved " +
			"their news, change the source's url in partners.yaml. The items already fetched stay published."}}
}

// updateAlerts are a partner's alerts about its updates: letters that
// yield no points, and silence.
func (c *Checker) updateAlerts(p config.Partner, newest []store.Update, now time.Time) []Alert {
	if len(newest) == 0 {
		return nil
	}
	var out []Alert
	silent := time.Duration(max(p.SilentWeeks, 0)) * 7 * 24 * time.Hour
	if p.SilentWeeks == 0 {
		silent = config.DefaultSilentWeeks * 7 * 24 * time.Hour
	}
	if last := newest[0].Published; now.Sub(last) > silent {
		weeks := int(now.Sub(last).Hours() / 24 / 7)
		out = append(out, Alert{Kind: KindSilent, PartnerID: p.ID, PartnerName: p.Name, Since: last,
			Title: fmt.Sprintf("%s: nothing new for %d weeks", p.Name, weeks),
			Detail: fmt.Sprintf("The newest update, %q, is from %s. What to do: check that the partner still "+
				"publishes at the sources in partners.yaml, or ask them where their news is now.", newest[0].Title,
				last.Format("2 Jan 2006"))})
	}
	if len(newest) >= c.cfg.EmptyAfter {
		for _, u := range newest[:c.cfg.EmptyAfter] {
			if u.Points > 0 || u.NoPoints {
				return out
			}
		}
		out = append(out, Alert{Kind: KindNoPoints, PartnerID: p.ID, PartnerName: p.Name, SourceURL: newest[0].SourceURL,
			Since: newest[0].FirstSeen,
			Title: fmt.Sprintf("%s: no points found in the last %d updates", p.Name, c.cfg.EmptyAfter),
			Detail: "The letter format may have changed, or extraction fails on it. What to do: open /admin?partner=" +
				p.ID + " to read the letters and add the points by hand (or mark them \"no points\"); markers: in " +
				"partners.yaml teaches the extractor the partner's own labels."})
	}
	return out
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
