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
	deadline := fs.Duration("deadline", defaultDeadline, "bound on the whole cycle; sources not reached stay due for the next run")
	lease := fs.Duration("lease", defaultLease, "with a postgres:// database: how long a source this run claimed stays its own before another run may take it over")
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
			return fmt.Errorf("another prayerfeed fetch is running on %s: %w", store.PublicDB(g.db), err)
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
		Lease:   *lease,
	})
	rep := newFetchReport(stdout, stderr, countSources(cfg, *partner))
	sum, err := w.RunOnce(ctx, worker.Options{Partner: *partner, All: *all, Deadline: *deadline, Progress: rep.source})
	rep.done()
	printTotals(stdout, sum)
	return err
}

// printSummary prints a cycle's sources, then its totals.
func printSummary(w io.Writer, sum worker.Summary) {
	for _, r := range sum.Sources {
		if line, ok := sourceLine(r); ok {
			fmt.Fprintln(w, line)
		}
	}
	printTotals(w, sum)
}

// sourceLine is how fetch reports one source; ok is false for a source
// that was not due, or not reached before the cycle's deadline (the
// totals count those).
func sourceLine(r worker.SourceResult) (string, bool) {
	switch {
	case r.Skipped, r.Unreached:
		return "", false
	case r.Err != nil:
		return fmt.Sprintf("FAIL %s %s: %s", r.PartnerID, config.PublicURL(r.URL), config.PublicText(r.Err.Error())), true
	case r.Status == 304:
		return fmt.Sprintf("ok   %s %s: not modified", r.PartnerID, config.PublicURL(r.URL)), true
	}
	return fmt.Sprintf("ok   %s %s: %d new%s, %d updated, %d unchanged", r.PartnerID, config.PublicURL(r.URL),
		r.Save.New, copiesNote(r.Save.Copies), r.Save.Updated, r.Save.Unchanged), true
}

func printTotals(w io.Writer, sum worker.Summary) {
	if sum.Expired > 0 {
		fmt.Fprintf(w, "retention: %d expired items deleted\n", sum.Expired)
	}
	unreached := ""
	if sum.Unreached > 0 {
		unreached = fmt.Sprintf(", not reached before the deadline %d (still due)", sum.Unreached)
	}
	fmt.Fprintf(w, "fetched %d, not modified %d, failed %d, not due %d%s; %d new items in %s\n",
		sum.Fetched, sum.NotModified, sum.Failed, sum.Skipped, unreached, sum.NewItems, sum.Took.Round(1e6))
}

// copiesNote says how many new points were copies of published ones,
// which readers do not see again: " (2 already published from another
// letter)", or "".
func copiesNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d already published from another letter)", n)
}
