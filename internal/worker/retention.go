package worker

import (
	"context"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Expirer deletes expired points; *store.Store is one. A Store that is not
// an Expirer keeps everything.
type Expirer interface {
	Expire(ctx context.Context, e store.Expiry) (store.ExpiryResult, error)
}

// expire applies partners.yaml's retention after a cycle and reports how
// many points went. A failure is logged, not returned: the fetched points
// are stored, and the next cycle tries again.
func (w *Worker) expire(ctx context.Context) int {
	r := w.cfg.Config.Retention
	x, ok := w.cfg.Store.(Expirer)
	if !ok || r.KeepsAll() {
		return 0
	}
	res, err := x.Expire(context.WithoutCancel(ctx), ExpiryOf(r))
	if err != nil {
		w.cfg.Logger.Error("retention", "err", err)
		return 0
	}
	if res.Items+res.History+res.Updates > 0 {
		w.cfg.Logger.Info("retention", "items", res.Items, "history", res.History, "updates", res.Updates)
	}
	return res.Items
}

// ExpiryOf is the store's form of a retention policy.
func ExpiryOf(r *config.Retention) store.Expiry {
	if r == nil {
		return store.Expiry{}
	}
	return store.Expiry{MaxAge: time.Duration(r.MaxAge), FollowSource: time.Duration(r.FollowSource), MaxItems: r.MaxItems}
}

// pastMaxAge reports whether retention's max_age would delete u's points
// as soon as they were stored: such an update is not stored at all, so a
// feed that still lists it does not bring its points back (and start a new
// generation) on every fetch.
func (w *Worker) pastMaxAge(u fetcher.Update) bool {
	r := w.cfg.Config.Retention
	if r == nil || r.MaxAge == 0 || u.Published.IsZero() {
		return false
	}
	return u.Published.Before(w.cfg.Now().Add(-time.Duration(r.MaxAge)))
}
