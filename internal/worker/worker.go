// Package worker runs fetch cycles: it picks the sources that are due,
// fetches them with bounded concurrency and per-host politeness, extracts
// their points and stores them, recording each source's health.
package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Fetcher reads one source, conditionally on what it said last time.
type Fetcher interface {
	Fetch(ctx context.Context, src fetcher.Source, v fetcher.Validators) (*fetcher.Result, error)
}

// cycleStarter is a Fetcher that keeps something per cycle, such as each
// host's robots.txt, and is told when a new cycle begins.
type cycleStarter interface{ StartCycle() }

// Store is what a fetch cycle reads and writes. SaveFetch writes several
// sources' items, each with its source's state, as *store.Store does.
type Store interface {
	SourceState(ctx context.Context, partnerID, url string) (store.SourceState, error)
	SaveFetch(ctx context.Context, batches []store.SourceBatch) ([]store.SourceSaved, error)
}

// claimer is a Store that runs on several machines may share: a source is
// fetched by the run that claims it, and a host's fetch slots are shared
// by all runs (*store.Store on PostgreSQL; on SQLite both are trivial).
type claimer interface {
	ClaimSource(ctx context.Context, partnerID, url string, c store.Claim) (store.SourceState, bool, error)
	ReleaseSource(ctx context.Context, partnerID, url string) error
	HostSlot(ctx context.Context, host string, n int) (release func(), err error)
}

// Config wires a Worker.
type Config struct {
	Config  *config.Config
	Fetcher Fetcher
	Store   Store
	// Concurrency bounds fetches in flight overall; default 16.
	Concurrency int
	// PerHost bounds fetches in flight to one host; default 2. With a
	// Store shared by several runs, it bounds them all together.
	PerHost int
	// Lease is how long a source claimed from a shared Store stays this
	// run's before another run may take it over (see store.Claim);
	// default 30 minutes, twice the default cycle deadline.
	Lease time.Duration
	// MaxUpdates caps the updates read from one source per fetch; default 100.
	MaxUpdates int
	// MaxUpdateBytes caps one update's content; longer content is cut
	// (see capUpdate). Default 256 KiB.
	MaxUpdateBytes int
	// Mail polls the imap sources (mail.go); without it they fail.
	Mail MailPoller
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Now defaults to time.Now.
	Now func() time.Time
}

// Worker runs fetch cycles. It is safe for one cycle at a time; Run
// serializes its own cycles.
type Worker struct {
	cfg Config
	mu  sync.Mutex // held for a whole cycle: one fetch of a source at a time
}

// New returns a Worker with cfg's defaults filled.
func New(cfg Config) *Worker {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 16
	}
	if cfg.PerHost <= 0 {
		cfg.PerHost = 2
	}
	if cfg.MaxUpdates <= 0 {
		cfg.MaxUpdates = 100
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 30 * time.Minute
	}
	if cfg.MaxUpdateBytes <= 0 {
		cfg.MaxUpdateBytes = 256 << 10
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Worker{cfg: cfg}
}

// Options narrow one cycle.
type Options struct {
	// Partner, when set, limits the cycle to that partner's sources.
	Partner string
	// All fetches every source, due or not.
	All bool
	// Progress, when set, is told each source's result as soon as it is
	// final (stored, or failed), one call at a time, so a command can
	// report sources as they finish instead of at the end of the cycle.
	Progress func(SourceResult)
	// Deadline, when positive, bounds the cycle: sources not fetched
	// when it passes (waiting their turn, or still being fetched) are
	// left as they were, due for the next cycle, and counted in
	// Summary.Unreached. Without it, 200 hanging sources on one host
	// hold a cycle for 100 times the fetch timeout.
	Deadline time.Duration
}

// job is one source of one partner.
type job struct {
	partner config.Partner
	source  config.Source
}

// RunOnce runs one fetch cycle over the due sources. Per-source failures
// are recorded on the source and in the Summary, never returned: the error
// is only for a cycle that could not run at all.
func (w *Worker) RunOnce(ctx context.Context, opts Options) (Summary, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	start := w.cfg.Now()
	if c, ok := w.cfg.Fetcher.(cycleStarter); ok {
		c.StartCycle()
	}
	var jobs []job
	for _, p := range w.cfg.Config.Partners {
		if opts.Partner != "" && p.ID != opts.Partner {
			continue
		}
		for _, s := range p.Sources {
			jobs = append(jobs, job{p, s})
		}
	}
	results := make([]SourceResult, len(jobs))
	// The writer and retention use ctx: what was fetched before the
	// deadline is still stored.
	wr := w.startWriter(ctx, results, opts.Progress)
	cycle, cancel := ctx, context.CancelFunc(func() {})
	if opts.Deadline > 0 {
		cycle, cancel = context.WithTimeout(ctx, opts.Deadline)
	}
	defer cancel()
	sem := make(chan struct{}, w.cfg.Concurrency)
	hosts := newHostLimiter(w.cfg.PerHost)
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			release := hosts.acquire(hostOf(j.source.URL))
			defer release()
			sem <- struct{}{}
			defer func() { <-sem }()
			// Handing over inside the limits bounds the finished sources
			// held in memory while the writer catches up.
			wr.add(i, unreachedAfter(ctx, cycle, w.runJobSafely(cycle, j, opts.All)))
		}()
	}
	wg.Wait()
	wr.close()
	sum := summarize(results)
	sum.Expired = w.expire(ctx)
	sum.Took = w.cfg.Now().Sub(start)
	return sum, ctx.Err()
}

// unreachedAfter marks o unreached when the cycle's deadline (not ctx, a
// shutdown) cut its source off before anything was recorded for it.
func unreachedAfter(ctx, cycle context.Context, o outcome) outcome {
	if cycle.Err() == nil || ctx.Err() != nil || o.write || o.res.Skipped {
		return o
	}
	return outcome{res: SourceResult{PartnerID: o.res.PartnerID, URL: o.res.URL, Unreached: true}}
}

// ErrPanic marks a source whose fetch or extraction panicked: the bug is
// recorded on that source, and the rest of the cycle goes on.
var ErrPanic = errors.New("internal error")

// runJobSafely is runJob, turning a panic into that source's failure, so
// that content which trips a bug in a parser costs one source, not the run.
func (w *Worker) runJobSafely(ctx context.Context, j job, all bool) (o outcome) {
	defer func() {
		if v := recover(); v != nil {
			err := fmt.Errorf("%w: %v", ErrPanic, v)
			w.cfg.Logger.Error("fetch panicked", "partner", j.partner.ID, "url", config.PublicURL(j.source.URL), "err", err,
				"stack", string(debug.Stack()))
			st, serr := w.cfg.Store.SourceState(ctx, j.partner.ID, j.source.URL)
			if serr != nil {
				st = store.SourceState{PartnerID: j.partner.ID, URL: j.source.URL}
			}
			o = outcome{res: SourceResult{PartnerID: j.partner.ID, URL: j.source.URL, Attempted: true},
				write: true, prev: st, source: j.source}
			o.batch.State = w.settle(st, j.source, nil, err, &o.res)
		}
	}()
	return w.runJob(ctx, j, all)
}

// outcome is how one source's job ended: its result and, when write is
// set, what to store for it.
type outcome struct {
	res   SourceResult
	write bool
	// batch holds the items found and the state to record with them.
	batch store.SourceBatch
	// prev, source and fetched let the writer record a failure instead
	// when the items cannot be stored.
	prev    store.SourceState
	source  config.Source
	fetched *fetcher.Result
}

// runJob fetches one source if it is due and extracts its points.
func (w *Worker) runJob(ctx context.Context, j job, all bool) (o outcome) {
	o = outcome{res: SourceResult{PartnerID: j.partner.ID, URL: j.source.URL}, source: j.source}
	if ctx.Err() != nil {
		return o // its turn came after the deadline
	}
	st, due, err := w.claim(ctx, j, all)
	if err != nil {
		o.res.Err = err
		return o
	}
	if !due {
		o.res.Skipped = true
		return o
	}
	defer func() {
		if !o.write {
			w.unclaim(ctx, j)
		}
	}()
	o.res.Attempted = true
	if j.source.Type == config.TypeIMAP {
		o.write, o.prev = true, st
		return w.runMailJob(ctx, j, o)
	}
	release, err := w.hostSlot(ctx, j.source.URL)
	if err != nil {
		o.res.Err = err
		return o
	}
	fr, err := w.cfg.Fetcher.Fetch(ctx, FetcherSource(j.partner, j.source), fetcher.Validators{ETag: st.ETag, LastModified: st.LastModified})
	if err == nil && ctx.Err() == nil {
		// The entries' own pages are mostly on the source's host too.
		fr.Updates = w.fullText(ctx, j.source, fr.Updates)
	}
	release()
	if ctx.Err() != nil {
		// Shutting down, or past the cycle's deadline: leave the source
		// as it was, to be fetched next time.
		o.res.Err = ctx.Err()
		return o
	}
	if err == nil {
		o.batch.Items, o.batch.Updates = w.extract(j.partner, fr)
		o.batch.Hold = j.partner.Held()
		// The updates are done with; the rest is small.
		fetched := *fr
		fetched.Updates = nil
		o.fetched = &fetched
	}
	o.write, o.prev = true, st
	o.batch.State = w.settle(st, j.source, fr, err, &o.res)
	return o
}

// claim returns the source's state and whether this run fetches it now:
// it is due (or all), and, with a shared Store, this run claimed it.
func (w *Worker) claim(ctx context.Context, j job, all bool) (store.SourceState, bool, error) {
	if c, ok := w.cfg.Store.(claimer); ok {
		return c.ClaimSource(ctx, j.partner.ID, j.source.URL, store.Claim{Now: w.cfg.Now(), Lease: w.cfg.Lease, All: all})
	}
	st, err := w.cfg.Store.SourceState(ctx, j.partner.ID, j.source.URL)
	if err != nil {
		return st, false, err
	}
	due := all || st.NextDue.IsZero() || !st.NextDue.After(w.cfg.Now())
	return st, due, nil
}

// unclaim gives back a source claimed but not to be recorded (the cycle's
// deadline passed, or shutdown), so another run may fetch it before the
// lease would end.
func (w *Worker) unclaim(ctx context.Context, j job) {
	c, ok := w.cfg.Store.(claimer)
	if !ok {
		return
	}
	if err := c.ReleaseSource(context.WithoutCancel(ctx), j.partner.ID, j.source.URL); err != nil {
		w.cfg.Logger.Warn("release source", "partner", j.partner.ID, "url", config.PublicURL(j.source.URL), "err", err)
	}
}

// hostSlot waits for a fetch slot of the source's host shared with the
// other runs of a shared Store; the run's own limit is already held.
func (w *Worker) hostSlot(ctx context.Context, rawURL string) (release func(), err error) {
	c, ok := w.cfg.Store.(claimer)
	if !ok {
		return func() {}, nil
	}
	return c.HostSlot(ctx, hostOf(rawURL), w.cfg.PerHost)
}

// extract finds the points of a fetch's updates, and returns them with
// the updates as the store records them (the letter an admin reviews the
// points against).
func (w *Worker) extract(p config.Partner, fr *fetcher.Result) ([]feed.Item, []store.Update) {
	updates := uniqueUpdates(fr.Updates)
	if len(updates) > w.cfg.MaxUpdates {
		updates = updates[:w.cfg.MaxUpdates]
	}
	var items []feed.Item
	records := make([]store.Update, 0, len(updates))
	opts := ExtractOptions(p)
	for _, u := range updates {
		if w.pastMaxAge(u) {
			continue
		}
		u = capUpdate(u, w.cfg.MaxUpdateBytes)
		for _, it := range extract.Update(u, opts) {
			it.PartnerName = p.Name
			items = append(items, it)
		}
		records = append(records, updateRecord(p, u))
	}
	return items, records
}

// updateRecord is u as the store records it.
func updateRecord(p config.Partner, u fetcher.Update) store.Update {
	r := store.Update{PartnerID: p.ID, PartnerName: p.Name, SourceURL: u.SourceURL, GUID: u.GUID,
		Link: u.Link, Title: u.Title, Published: u.Published, Content: u.HTML, Format: store.FormatHTML}
	if u.HTML == "" {
		r.Content, r.Format = u.Text, store.FormatText
	}
	return r
}

// settle returns the source's new state after a fetch that ended with fr
// and err, and fills res's status and error: validators and next due time
// on success, the error and a growing backoff on failure.
func (w *Worker) settle(st store.SourceState, src config.Source, fr *fetcher.Result, err error, res *SourceResult) store.SourceState {
	now := w.cfg.Now()
	every := time.Duration(src.Every)
	st.LastFetch = now
	res.Status, res.Err = statusOf(fr, err), err
	st.LastStatus = res.Status
	if err != nil && !isNotModified(err) {
		st.Failures++
		st.LastError = err.Error()
		st.NextDue = now.Add(backoff(every, st.Failures, retryAfterOf(err)))
		w.cfg.Logger.Warn("fetch failed", "partner", st.PartnerID, "url", config.PublicURL(st.URL), "failures", st.Failures, "err", config.PublicText(err.Error()))
	} else {
		st.Failures, st.LastError, st.LastSuccess = 0, "", now
		next := every
		if fr != nil {
			st.ETag, st.LastModified = fr.Validators.ETag, fr.Validators.LastModified
			if fr.FeedURL != "" {
				st.FeedURL = fr.FeedURL
			}
			next = max(next, min(fr.MaxAge, 24*time.Hour), fr.RetryAfter)
		}
		st.NextDue = now.Add(next + jitter(next))
		res.Err = nil
	}
	return st
}

// backoff doubles the wait with each consecutive failure, from the
// source's own interval up to a week, and never sooner than Retry-After.
func backoff(every time.Duration, failures int, retryAfter time.Duration) time.Duration {
	const ceiling = 7 * 24 * time.Hour
	d := every
	for i := 1; i < failures && d < ceiling; i++ {
		d *= 2
	}
	return max(min(d, ceiling), retryAfter)
}

// jitter spreads sources that share an interval over up to a tenth of it,
// so a hundred partners added at once are not all polled in the same second.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(d)/10 + 1))
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
