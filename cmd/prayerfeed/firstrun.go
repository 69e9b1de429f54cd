package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// sourceStater is the part of the store the start-up report reads.
type sourceStater interface {
	SourceStates(ctx context.Context) ([]store.SourceState, error)
}

// logFailingSources logs one line per configured source whose last fetch
// failed, and where to look next, so an admin starting serve learns at once
// what the empty wall would otherwise hide. It reports what the database
// recorded: at start, the previous run's failures (sources backing off are
// not fetched again at once, so nothing else would say so).
func logFailingSources(ctx context.Context, cfg *config.Config, st sourceStater, logger *slog.Logger, when string) int {
	states, err := st.SourceStates(ctx)
	if err != nil {
		logger.Error("read source states", "err", err)
		return 0
	}
	type key struct{ partner, url string }
	byKey := make(map[key]store.SourceState, len(states))
	for _, s := range states {
		byKey[key{s.PartnerID, s.URL}] = s
	}
	failing, total := 0, 0
	for _, p := range cfg.Partners {
		for _, src := range p.Sources {
			total++
			s, ok := byKey[key{p.ID, src.URL}]
			if !ok || s.LastError == "" {
				continue
			}
			failing++
			logger.Warn("source failing", "partner", p.ID, "url", config.PublicURL(src.URL), "failures", s.Failures,
				"err", config.PublicText(s.LastError))
		}
	}
	if failing > 0 {
		logger.Warn(when+": sources failing; details on /status (admin token) or run `prayerfeed check --live`",
			"failing", failing, "sources", total)
	}
	return failing
}

// warnEmptyBuild tells the admin running `build` (by hand or from cron)
// that the site it wrote has no points, and why, since the static wall
// cannot: it has no source states and is seen by everyone.
func warnEmptyBuild(ctx context.Context, cfg *config.Config, st *store.Store, stderr io.Writer) {
	items, err := st.Items(ctx, feed.Query{Limit: 1})
	if err != nil || len(items) > 0 {
		return
	}
	failing := logFailingSources(ctx, cfg, st, newLogger(stderr), "build")
	switch {
	case failing > 0:
		fmt.Fprintf(stderr, "warning: the site has no prayer or praise points yet: %s failed (above); run prayerfeed check --live\n", plural(failing, "source"))
	default:
		fmt.Fprintln(stderr, "warning: the site has no prayer or praise points yet: run prayerfeed fetch first, or prayerfeed check --live to see what each source yields")
	}
}
