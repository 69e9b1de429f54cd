package mailbox

import (
	"context"
	"fmt"

	"github.com/emersion/go-imap"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// Peeked is what a poll of a mailbox would read, found without changing
// anything there.
type Peeked struct {
	// Mailbox is the mailbox opened, Server its host:port.
	Mailbox, Server string
	// New counts the messages a poll would read (unread, not marked
	// unreadable), of which Messages are the first few, as received.
	New      int
	Messages [][]byte
	// Skipped notes messages too large to read.
	Skipped []string
}

// Peek connects to src as Poll does, opens the mailbox read-only (EXAMINE)
// and reads at most max of its new messages with BODY.PEEK[], so no flag
// changes and the next poll still reads them all: check --live's view.
func (p *Poller) Peek(ctx context.Context, src config.Source, max int) (Peeked, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	c, mb, closeIt, err := p.open(ctx, src, true)
	if err != nil {
		return Peeked{}, err
	}
	defer closeIt()
	res := Peeked{Mailbox: mb.mailbox, Server: mb.host}
	uids, err := newMessages(c, mb)
	if err != nil {
		return res, err
	}
	res.New = len(uids)
	for _, uid := range uids[:min(len(uids), max)] {
		set := new(imap.SeqSet)
		set.AddNum(uid)
		size, err := fetchSize(c, set)
		if err != nil {
			return res, err
		}
		if size > p.cfg.MaxMessageBytes {
			res.Skipped = append(res.Skipped, fmt.Sprintf("uid %d: %d bytes, more than %d", uid, size, p.cfg.MaxMessageBytes))
			continue
		}
		raw, err := fetchBody(c, set)
		if err != nil {
			return res, err
		}
		res.Messages = append(res.Messages, raw)
	}
	return res, ctx.Err()
}
