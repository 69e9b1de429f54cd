package worker

import (
	"context"
	"time"
)

// Run runs a cycle now and then every interval until ctx is done. Each
// cycle fetches only the sources that are due, so interval bounds how late
// a due source can be, not how often partners are polled.
func (w *Worker) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		sum, err := w.RunOnce(ctx, Options{})
		if err == nil && (sum.Fetched+sum.Failed+sum.NotModified) > 0 {
			w.cfg.Logger.Info("fetch cycle", "fetched", sum.Fetched, "not_modified", sum.NotModified,
				"failed", sum.Failed, "new_items", sum.NewItems, "took", sum.Took.Round(time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
