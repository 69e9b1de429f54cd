package worker

import (
	"context"
	"errors"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/mailbox"
)

// MailPoller reads an imap source's new messages and delivers them;
// *mailbox.Poller is one.
type MailPoller interface {
	Poll(ctx context.Context, src config.Source) (mailbox.Result, error)
}

// ErrNoMailPoller is an imap source in a worker that was given no
// MailPoller.
var ErrNoMailPoller = errors.New("imap sources are polled by prayerfeed fetch and serve only")

// runMailJob polls an imap source: its messages are delivered (and
// stored) by the poller, so the source's batch holds only its state,
// which records the poll's health and when it is next due like any
// source's.
func (w *Worker) runMailJob(ctx context.Context, j job, o outcome) outcome {
	var res mailbox.Result
	err := ErrNoMailPoller
	if w.cfg.Mail != nil {
		res, err = w.cfg.Mail.Poll(ctx, j.source)
	}
	if ctx.Err() != nil {
		o.res.Err = ctx.Err()
		o.write = false
		return o
	}
	for _, r := range res.Receipts {
		o.res.Save.New += r.New
		o.res.Save.Copies += r.Copies
	}
	o.batch.State = w.settle(o.prev, j.source, nil, err, &o.res)
	return o
}
