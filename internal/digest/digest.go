// Package digest sends the weekly e-mail to the prayer team: the points
// prayerfeed first saw in the digest week that ended last (the same week
// and layout as /digest.atom), as one multipart text and HTML message, at
// most once per week whichever process sends it, and none when nothing is
// new.
package digest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Weeks renders digest weeks; *site.Site is one.
type Weeks interface {
	DigestWeekEnd(t time.Time) time.Time
	DigestWeeks(ctx context.Context, end time.Time, n int, sc site.Scope) ([]site.DigestWeek, error)
}

// Recorder records which weeks were sent, so a restart or a second
// process sends none twice; *store.Store is one.
type Recorder interface {
	ClaimDigest(ctx context.Context, week string) error
	DigestSent(ctx context.Context, week string, points int, messageID string) error
	ReleaseDigest(ctx context.Context, week string) error
}

// Config wires a Sender.
type Config struct {
	// Digest is partners.yaml's digest:, validated.
	Digest *config.Digest
	Weeks  Weeks
	Store  Recorder
	// Password is the SMTP password, read from the environment variable
	// digest.password_env names.
	Password string
	// Now defaults to time.Now.
	Now func() time.Time
	// Timeout bounds one SMTP conversation; default 30 seconds.
	Timeout time.Duration
}

// Sender builds and sends the weekly e-mail.
type Sender struct{ cfg Config }

// New returns a Sender with cfg's defaults filled.
func New(cfg Config) *Sender {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &Sender{cfg: cfg}
}

// ErrNothingNew is returned when the week holds no new point: no e-mail
// is sent, and none is recorded.
var ErrNothingNew = errors.New("no new points this week")

// Message is one week's e-mail, ready to send or show.
type Message struct {
	// Week is the day the digest week ended, YYYY-MM-DD in its timezone.
	Week        string
	Subject     string
	Text, HTML  string
	Points      int
	From        string
	To          []string
	Unsubscribe string
}

// Prepare builds the e-mail of the digest week that ended last;
// ErrNothingNew when that week has no new point.
func (s *Sender) Prepare(ctx context.Context) (*Message, error) {
	d := s.cfg.Digest
	end := s.cfg.Weeks.DigestWeekEnd(s.cfg.Now())
	weeks, err := s.cfg.Weeks.DigestWeeks(ctx, end, 1, site.Scope{Private: d.Private})
	if err != nil {
		return nil, err
	}
	week := end.Format(time.DateOnly)
	if len(weeks) == 0 {
		return nil, fmt.Errorf("digest for the week ending %s: %w", week, ErrNothingNew)
	}
	w := weeks[0]
	unsub := unsubscribe(d)
	html, err := site.DigestMailHTML(w.Sheet, unsub)
	if err != nil {
		return nil, err
	}
	return &Message{
		Week: week, Subject: w.Sheet.Heading + " · " + w.Sheet.Church,
		Text: site.DigestText(w.Sheet) + textFooter(unsub), HTML: html, Points: w.Sheet.Points(),
		From: d.From, To: d.To, Unsubscribe: unsub,
	}, nil
}

// unsubscribe is the List-Unsubscribe address: the configured one, or a
// mail to the sender asking to be taken off.
func unsubscribe(d *config.Digest) string {
	if d.Unsubscribe != "" {
		return d.Unsubscribe
	}
	addr := d.From
	if i := strings.LastIndexByte(addr, '<'); i >= 0 {
		addr = strings.TrimSuffix(addr[i+1:], ">")
	}
	return "mailto:" + strings.TrimSpace(addr) + "?subject=unsubscribe"
}

func textFooter(unsub string) string {
	return "\n--\nYou receive this weekly e-mail as a member of the prayer team.\nUnsubscribe: " + unsub + "\n"
}

// Result says what Send did.
type Result struct {
	Week   string
	Points int
	// Sent is false when the week's e-mail had gone already (or another
	// process is sending it).
	Sent bool
}

// Send sends the e-mail of the digest week that ended last, unless it was
// sent before; ErrNothingNew when there is nothing to send. A failed send
// is not recorded, so the next attempt tries again.
func (s *Sender) Send(ctx context.Context) (Result, error) {
	msg, err := s.Prepare(ctx)
	if err != nil {
		return Result{}, err
	}
	res := Result{Week: msg.Week, Points: msg.Points}
	if err := s.cfg.Store.ClaimDigest(ctx, msg.Week); errors.Is(err, store.ErrDigestTaken) {
		return res, nil
	} else if err != nil {
		return res, err
	}
	id, err := s.deliver(ctx, msg)
	if err != nil {
		if rerr := s.cfg.Store.ReleaseDigest(context.WithoutCancel(ctx), msg.Week); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return res, err
	}
	res.Sent = true
	return res, s.cfg.Store.DigestSent(context.WithoutCancel(ctx), msg.Week, msg.Points, id)
}

// deliver sends msg through the configured SMTP server and returns its
// Message-ID.
func (s *Sender) deliver(ctx context.Context, msg *Message) (string, error) {
	d := s.cfg.Digest
	where := fmt.Sprintf("%s:%d", d.Host, d.Port)
	m, err := s.mime(msg)
	if err != nil {
		return "", fmt.Errorf("digest e-mail for %s: %w", where, err)
	}
	c, err := mail.NewClient(d.Host, s.clientOptions()...)
	if err != nil {
		return "", fmt.Errorf("send digest via %s: %w", where, err)
	}
	if err := c.DialAndSendWithContext(ctx, m); err != nil {
		hint := ""
		if strings.Contains(err.Error(), "AUTH") {
			hint = fmt.Sprintf(" (the server refused user %q: check digest.user and the password in $%s)", d.User, d.PasswordEnv)
		}
		return "", fmt.Errorf("send digest via SMTP server %s%s: %w", where, hint, err)
	}
	return m.GetMessageID(), nil
}

// clientOptions are go-mail's options for the configured server.
func (s *Sender) clientOptions() []mail.Option {
	d := s.cfg.Digest
	opts := []mail.Option{mail.WithPort(d.Port), mail.WithTimeout(s.cfg.Timeout)}
	auth := mail.SMTPAuthAutoDiscover
	switch d.TLS {
	case config.TLSOn:
		opts = append(opts, mail.WithSSL())
	case config.TLSNone:
		// go-mail's PLAIN sends a password in clear only to a server on
		// this machine; anything else fails rather than leak it.
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
		auth = mail.SMTPAuthPlain
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if d.User != "" {
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(d.User), mail.WithPassword(s.cfg.Password))
	}
	return opts
}

// mime builds the multipart/alternative message.
func (s *Sender) mime(msg *Message) (*mail.Msg, error) {
	m := mail.NewMsg()
	if err := m.From(msg.From); err != nil {
		return nil, fmt.Errorf("from %q: %w", msg.From, err)
	}
	if err := m.To(msg.To...); err != nil {
		return nil, fmt.Errorf("to %q: %w", msg.To, err)
	}
	m.Subject(msg.Subject)
	m.SetDateWithValue(s.cfg.Now())
	m.SetMessageID()
	m.SetGenHeader(mail.HeaderListUnsubscribe, "<"+msg.Unsubscribe+">")
	// An automatic message: no out-of-office replies to it (RFC 3834).
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	m.SetBodyString(mail.TypeTextPlain, msg.Text)
	m.AddAlternativeString(mail.TypeTextHTML, msg.HTML)
	return m, nil
}
