package worker

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// A cycle's finished sources are stored in groups, one transaction per
// group, which costs the store about a third less than a transaction per
// source: up to batchSources at once, and none waits for company longer
// than batchWait.
const (
	batchSources = 20
	batchWait    = 50 * time.Millisecond
)

// pending is a finished source waiting to be written: its index in the
// cycle's results and its outcome.
type pending struct {
	i int
	o outcome
}

// writer is the one goroutine that stores a cycle's finished sources and
// fills their results.
type writer struct {
	w       *Worker
	ctx     context.Context
	in      chan pending
	done    chan struct{}
	results []SourceResult
	// progress, when set, hears each source's final result, one call at
	// a time.
	progress func(SourceResult)
	mu       sync.Mutex
}

// finish records source i's final result and reports it.
func (wr *writer) finish(i int, res SourceResult) {
	wr.results[i] = res
	if wr.progress != nil {
		wr.mu.Lock()
		defer wr.mu.Unlock()
		wr.progress(res)
	}
}

// startWriter starts the writer of a cycle whose results it fills. The
// store writes are not cancelled with ctx: a source that was fetched is
// recorded even when the cycle is being stopped.
func (w *Worker) startWriter(ctx context.Context, results []SourceResult, progress func(SourceResult)) *writer {
	wr := &writer{w: w, ctx: context.WithoutCancel(ctx), in: make(chan pending, batchSources),
		done: make(chan struct{}), results: results, progress: progress}
	go wr.run()
	return wr
}

// add hands over source i's outcome; one with nothing to write is its
// result at once.
func (wr *writer) add(i int, o outcome) {
	if !o.write {
		wr.finish(i, o.res)
		return
	}
	wr.in <- pending{i, o}
}

// close waits until everything added is written.
func (wr *writer) close() {
	close(wr.in)
	<-wr.done
}

func (wr *writer) run() {
	defer close(wr.done)
	for first := range wr.in {
		group := []pending{first}
		timer := time.NewTimer(batchWait)
	collect:
		for len(group) < batchSources {
			select {
			case p, ok := <-wr.in:
				if !ok {
					break collect
				}
				group = append(group, p)
			case <-timer.C:
				break collect
			}
		}
		timer.Stop()
		wr.writeSafely(group)
	}
}

// writeSafely is write, turning a panic into the failure of the group's
// sources, none of which is then recorded, so that they are fetched again.
func (wr *writer) writeSafely(group []pending) {
	defer func() {
		if v := recover(); v != nil {
			err := fmt.Errorf("%w: %v", ErrPanic, v)
			wr.w.cfg.Logger.Error("store panicked", "sources", len(group), "err", err, "stack", string(debug.Stack()))
			wr.fail(group, err)
		}
	}()
	wr.write(group, true)
}

// write stores a group's items and states in one transaction and fills
// their results. A source whose items could not be stored records that
// failure instead (when retry is set), and keeps the items it had.
func (wr *writer) write(group []pending, retry bool) {
	batches := make([]store.SourceBatch, len(group))
	for k, p := range group {
		batches[k] = p.o.batch
	}
	saved, err := wr.w.cfg.Store.SaveFetch(wr.ctx, batches)
	if err != nil {
		wr.fail(group, err)
		return
	}
	var failed []pending
	for k, p := range group {
		res := p.o.res
		if serr := saved[k].Err; serr != nil && !retry {
			res.Err = serr
			wr.finish(p.i, res)
			continue
		} else if serr != nil {
			o := p.o
			o.res.Save = store.SaveResult{}
			o.batch = store.SourceBatch{State: wr.w.settle(o.prev, o.source, o.fetched, serr, &o.res)}
			failed = append(failed, pending{p.i, o})
			continue
		}
		// An imap source's points were stored as its messages were
		// delivered; its batch holds only its state.
		delivered := res.Save.New
		res.Save = saved[k].SaveResult
		res.Save.New += delivered
		wr.finish(p.i, res)
	}
	if len(failed) > 0 {
		wr.write(failed, false)
	}
}

// fail gives each of the group's sources err, where it has none already.
func (wr *writer) fail(group []pending, err error) {
	for _, p := range group {
		res := p.o.res
		if res.Err == nil {
			res.Err = err
		}
		wr.finish(p.i, res)
	}
}
