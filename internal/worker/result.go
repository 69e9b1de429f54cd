package worker

import (
	"errors"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// SourceResult is what happened to one source in a cycle.
type SourceResult struct {
	PartnerID string
	URL       string
	// Skipped is true when the source was not yet due.
	Skipped bool
	// Unreached is true when the cycle's deadline passed before the
	// source was fetched; it stays due.
	Unreached bool
	Attempted bool
	Status    int
	Err       error
	Save      store.SaveResult
}

// Summary totals a cycle.
type Summary struct {
	Sources     []SourceResult
	Fetched     int
	NotModified int
	Failed      int
	Skipped     int
	Unreached   int
	NewItems    int
	// Expired counts the points retention deleted after the cycle.
	Expired int
	Took    time.Duration
}

func summarize(results []SourceResult) Summary {
	s := Summary{Sources: results}
	for _, r := range results {
		switch {
		case r.Skipped:
			s.Skipped++
		case r.Unreached:
			s.Unreached++
		case r.Err != nil:
			s.Failed++
		case r.Status == 304:
			s.NotModified++
		default:
			s.Fetched++
		}
		s.NewItems += r.Save.New
	}
	return s
}

func isNotModified(err error) bool { return errors.Is(err, fetcher.ErrNotModified) }

func statusOf(fr *fetcher.Result, err error) int {
	var he *fetcher.HTTPError
	var be *fetcher.BodyError
	switch {
	case isNotModified(err):
		return 304
	case errors.As(err, &he):
		return he.Status
	case errors.As(err, &be):
		return be.Status
	case fr != nil:
		return fr.Status
	}
	return 0
}

func retryAfterOf(err error) time.Duration {
	var he *fetcher.HTTPError
	if errors.As(err, &he) {
		return he.RetryAfter
	}
	return 0
}
