package alerts

import (
	"context"
	"fmt"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/store"
)

// The kinds of alert about e-mail received.
const (
	KindMailHeld       Kind = "mail-held"
	KindMailUnmatched  Kind = "mail-unmatched"
	KindMailUnreadable Kind = "mail-unreadable"
)

// mailWindow is how long a message that needs a person is shown.
const mailWindow = 14 * 24 * time.Hour

// MailLister lists the e-mail received; *store.Store is one. A Store that
// is one too gets the mail alerts.
type MailLister interface {
	MailMessages(ctx context.Context, q store.MailQuery) ([]store.Mail, error)
}

// mailAlerts are the messages of the last two weeks that need a person:
// held because where they came from is unproven (while their partner has
// points waiting), from no partner, or unreadable.
func (c *Checker) mailAlerts(ctx context.Context, now time.Time, pending map[string]int) ([]Alert, error) {
	ml, ok := c.cfg.Store.(MailLister)
	if !ok {
		return nil, nil
	}
	msgs, err := ml.MailMessages(ctx, store.MailQuery{Since: now.Add(-mailWindow), Limit: 50,
		States: []string{"held", "unmatched", "unreadable"}})
	if err != nil {
		return nil, fmt.Errorf("check mail alerts: %w", err)
	}
	var out []Alert
	for _, m := range msgs {
		a := Alert{PartnerID: m.PartnerID, SourceURL: m.Mailbox, Since: m.Received}
		if p, ok := c.cfg.Config.Partner(m.PartnerID); ok {
			a.PartnerName = p.Name
		}
		switch m.State {
		case "held":
			if pending[m.PartnerID] == 0 {
				continue
			}
			a.Kind = KindMailHeld
			a.Title = fmt.Sprintf("%s: e-mail %q held for review", a.PartnerName, m.Subject)
			a.Detail = "Held because it is " + m.Reason + ". Anyone can write a partner's address on a message; " +
				"open /admin to read it and approve its points if it is genuine."
		case "unmatched":
			a.Kind = KindMailUnmatched
			a.Title = fmt.Sprintf("E-mail %q from %s matches no partner", m.Subject, m.Sender)
			a.Detail = "It is " + m.Reason + ". It is kept, not published: file it to its partner, or discard it, on /admin " +
				"or with prayerfeed review mail."
		default:
			a.Kind = KindMailUnreadable
			a.Title = "An e-mail could not be read"
			a.Detail = fmt.Sprintf("Message %s: %s. It is kept, not published (discard it on /admin or with prayerfeed review mail); in a mailbox it is left unread.", m.MessageID, m.Reason)
		}
		out = append(out, a)
	}
	return out, nil
}
