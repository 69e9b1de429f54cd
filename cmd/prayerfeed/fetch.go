package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// runFetch runs one fetch cycle, for cron and systemd timers. It fails only
// when it cannot run at all; a failing partner is reported and recorded.
func runFetch(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("fetch", "[--partner ID] [--all]", stderr)
	partner := fs.String("partner", "", "fetch only this partner's sources")
	all := fs.Bool("all", false, "fetch every source now, even those not yet due")
	var cf clientFlags
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	if err := checkPartnerFlag(cfg, *partner); err != nil {
		return err
	}
	unlock, err := store.Lock(g.db)
	if err != nil {
		if errors.Is(err, store.ErrLocked) {
			return fmt.Errorf("another prayerfeed fetch is running on %s: %w", g.db, err)
		}
		return err
	}
	defer unlock()
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	w := worker.New(worker.Config{
		Config: cfg, Store: st, Logger: newLogger(stderr),
		Fetcher: cf.client(),
		Mail:    newMailPoller(cfg, st),
	})
	sum, err := w.RunOnce(ctx, worker.Options{Partner: *partner, All: *all})
	printSummary(stdout, sum)
	return err
}

func printSummary(w io.Writer, sum worker.Summary) {
	for _, r := range sum.Sources {
		switch {
		case r.Skipped:
		case r.Err != nil:
			fmt.Fprintf(w, "FAIL %s %s: %s\n", r.PartnerID, config.PublicURL(r.URL), config.PublicText(r.Err.Error()))
		case r.Status == 304:
			fmt.Fprintf(w, "ok   %s %s: not modified\n", r.PartnerID, config.PublicURL(r.URL))
		default:
			fmt.Fprintf(w, "ok   %s %s: %d new, %d updated, %d unchanged\n", r.PartnerID, config.PublicURL(r.URL),
				r.Save.New, r.Save.Updated, r.Save.Unchanged)
		}
	}
	if sum.Expired > 0 {
		fmt.Fprintf(w, "retention: %d expired items deleted\n", sum.Expired)
	}
	fmt.Fprintf(w, "fetched %d, not modified %d, failed %d, not due %d; %d new items in %s\n",
		sum.Fetched, sum.NotModified, sum.Failed, sum.Skipped, sum.NewItems, sum.Took.Round(1e6))
}
