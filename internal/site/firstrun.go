package site

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// FirstRun explains an empty wall: why nothing is published yet, so that a
// new admin whose every source fails sees it on the page they open first
// instead of "no points yet".
type FirstRun struct {
	// Sources is how many sources are configured; Fetched how many were
	// tried at least once; Failing how many failed on their last try.
	Sources, Fetched, Failing int
	// Errors are the first few failing public sources, with their error.
	Errors []SourceError
	// Private is how many failing sources belong to private partners,
	// counted but not named on a public page.
	Private int
}

// SourceError is one failing source as the first-run notice shows it.
type SourceError struct {
	Partner, URL, Error string
}

// firstRunErrors is how many failing sources the notice lists.
const firstRunErrors = 5

// firstRunRefresh is how soon a wall that shows the first-run notice is
// rendered again: source states change without the items changing, and
// the notice should follow the first fetch cycle as it finishes.
const firstRunRefresh = 10 * time.Second

// firstRun reads the sources' states for the notice; nil when the site has
// no source list (a static build) or nothing to say.
func (s *Site) firstRun(ctx context.Context) (*FirstRun, error) {
	if s.sources == nil {
		return nil, nil
	}
	states, err := s.sources.SourceStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("first-run notice: %w", err)
	}
	type key struct{ partner, url string }
	seen := make(map[key]int, len(states))
	for i, st := range states {
		seen[key{st.PartnerID, st.URL}] = i
	}
	fr := &FirstRun{}
	for _, p := range s.cfg.Partners {
		for _, src := range p.Sources {
			fr.Sources++
			i, ok := seen[key{p.ID, src.URL}]
			if !ok || states[i].LastFetch.IsZero() {
				continue
			}
			fr.Fetched++
			if states[i].LastError == "" {
				continue
			}
			fr.Failing++
			switch {
			case p.Private():
				fr.Private++
			case len(fr.Errors) < firstRunErrors:
				fr.Errors = append(fr.Errors, SourceError{
					Partner: s.redact.Text(p.ID, p.Name), URL: publicURL(src.URL),
					Error: s.redact.Text(p.ID, config.PublicText(strings.ReplaceAll(states[i].LastError, src.URL, publicURL(src.URL)))),
				})
			}
		}
	}
	return fr, nil
}

// Waiting reports whether some sources were never fetched yet.
func (fr *FirstRun) Waiting() bool { return fr.Fetched < fr.Sources }

// More is how many failing public sources the notice does not list.
func (fr *FirstRun) More() int { return fr.Failing - fr.Private - len(fr.Errors) }

// publicURL is a source URL fit for a public page: without user
// information or query, either of which may carry a credential.
func publicURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unreadable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}
