package worker

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestDeadlineReleasesClaims runs a cycle on a PostgreSQL store whose
// deadline cuts one source off mid-fetch: another run may claim that
// source at once (not after the lease), and not the source that was
// fetched and recorded.
func TestDeadlineReleasesClaims(t *testing.T) {
	db := pgtest.DB(t)
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	defer func() {
		hung.CloseClientConnections()
		hung.Close()
	}()
	fast := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, rss("fast"))
	}))
	defer fast.Close()
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cfg := partnersAt(hung.URL+"/feed", fast.URL+"/feed")
	w := New(Config{Config: cfg, Store: st, Fetcher: fetcher.NewClient(fetcher.ClientConfig{}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	sum, err := w.RunOnce(ctx, Options{Deadline: 500 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unreached != 1 || sum.Fetched != 1 {
		t.Fatalf("cycle: %+v, want one source fetched and one cut off by the deadline", sum)
	}
	other, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	claim := func(url string) bool {
		_, ok, err := other.ClaimSource(ctx, "p"+map[string]string{hung.URL + "/feed": "0", fast.URL + "/feed": "1"}[url], url,
			store.Claim{Now: time.Now(), Lease: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim(hung.URL + "/feed") {
		t.Error("the source the deadline cut off stays claimed by the finished run")
	}
	if claim(fast.URL + "/feed") {
		t.Error("the fetched source was claimed again before it was due")
	}
}
