package worker

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// spoiling is a Store that blanks the text of one partner's items once
// spoil is set, so the real store refuses them, and counts SaveFetch calls.
type spoiling struct {
	*store.Store
	partner string
	spoil   atomic.Bool
	calls   atomic.Int64
}

func (s *spoiling) SaveFetch(ctx context.Context, batches []store.SourceBatch) ([]store.SourceSaved, error) {
	s.calls.Add(1)
	for i, b := range batches {
		if s.spoil.Load() && b.State.PartnerID == s.partner && len(b.Items) > 0 {
			b.Items = append(b.Items[:0:0], b.Items...)
			b.Items[0].Text = " "
			batches[i] = b
		}
	}
	return s.Store.SaveFetch(ctx, batches)
}

// TestUnstorableItemsFailOneSource has 30 sources stored in groups, one of
// whose items the store refuses on the second cycle: that source records
// the failure and keeps its items, and every other source is stored.
func TestUnstorableItemsFailOneSource(t *testing.T) {
	var cycle atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss(fmt.Sprintf("%s%d", strings.Trim(r.URL.Path, "/"), cycle.Load())))
	}))
	defer srv.Close()
	var urls []string
	for i := range 30 {
		urls = append(urls, fmt.Sprintf("%s/s%d", srv.URL, i))
	}
	fx := newFixture(t, partnersAt(urls...), fetcher.NewClient(fetcher.ClientConfig{}), nil)
	st := &spoiling{Store: fx.st, partner: "p7"}
	fx.w.cfg.Store = st
	if sum := fx.cycle(t); sum.Fetched != 30 || sum.NewItems != 30 {
		t.Fatalf("first cycle: fetched %d, %d new items; want 30 and 30", sum.Fetched, sum.NewItems)
	}
	if n := st.calls.Load(); n >= 30 {
		t.Errorf("%d SaveFetch calls for 30 sources: not grouped", n)
	}

	cycle.Store(1)
	st.spoil.Store(true)
	sum := fx.cycle(t)
	if sum.Failed != 1 || sum.Fetched != 29 || sum.NewItems != 29 {
		t.Fatalf("second cycle: failed %d, fetched %d, %d new items; want 1, 29, 29", sum.Failed, sum.Fetched, sum.NewItems)
	}
	if r := sum.Sources[7]; r.Err == nil || r.Save.New != 0 {
		t.Errorf("refused source result = %+v, want an error and nothing saved", r)
	}
	bad := fx.state(t, "p7", urls[7])
	if bad.Failures != 1 || !strings.Contains(bad.LastError, "want a kind, partner and text") || bad.LastStatus != 200 {
		t.Errorf("refused source state: failures %d, status %d, error %q; want 1, 200 and the store's reason",
			bad.Failures, bad.LastStatus, bad.LastError)
	}
	if got := len(fx.items(t, "p7")); got != 1 {
		t.Errorf("refused source holds %d items, want its 1 from the first cycle", got)
	}
	if got := len(fx.items(t, "p8")); got != 2 {
		t.Errorf("next source holds %d items, want 2", got)
	}
}
