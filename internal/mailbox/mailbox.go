// Package mailbox polls an IMAP mailbox the partners' letters are sent
// to, with github.com/emersion/go-imap v1.2.1 (the stable release; v2 is
// still a beta), and hands each new message to the inbox.
//
// A message delivered (published, held or kept as from no partner) is
// marked \Seen, so no poll reads it twice. One that cannot be read is left
// unread for a person to look at, marked with the keyword
// $PrayerfeedUnreadable so that polls do not read it again, and reported.
package mailbox

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox"
)

// UnreadableFlag marks a message prayerfeed could not read.
const UnreadableFlag = "$PrayerfeedUnreadable"

// Deliverer takes one message; *inbox.Deliverer is one.
type Deliverer interface {
	Deliver(ctx context.Context, raw []byte, opts inbox.Options) (inbox.Receipt, error)
}

// Config wires a Poller.
type Config struct {
	Deliverer Deliverer
	// MaxMessages bounds the messages read in one poll; the rest wait
	// for the next. Default 50.
	MaxMessages int
	// MaxMessageBytes skips (and marks unreadable) larger messages
	// without downloading them; default 100 MiB.
	MaxMessageBytes uint32
	// Timeout bounds one poll; default 5 minutes.
	Timeout time.Duration
	// TLS is the TLS configuration; nil means the system's roots.
	TLS *tls.Config
	// Getenv reads password_env; default os.Getenv.
	Getenv func(string) string
}

// Poller polls mailboxes.
type Poller struct{ cfg Config }

// New returns a Poller with cfg's defaults filled.
func New(cfg Config) *Poller {
	if cfg.MaxMessages <= 0 {
		cfg.MaxMessages = 50
	}
	if cfg.MaxMessageBytes == 0 {
		cfg.MaxMessageBytes = 100 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Minute
	}
	if cfg.Getenv == nil {
		cfg.Getenv = os.Getenv
	}
	return &Poller{cfg: cfg}
}

// Result is what one poll did.
type Result struct {
	Read       int
	Receipts   []inbox.Receipt
	Unreadable []inbox.Receipt
}

// ErrUnreadableMail is returned (wrapped, after the other messages were
// delivered) when a poll met messages it could not read, so the source's
// status shows them.
var ErrUnreadableMail = errors.New("unreadable messages left unread")

// Poll reads src's new messages and delivers each. Messages that cannot be
// read do not stop the others; they are reported in the error.
func (p *Poller) Poll(ctx context.Context, src config.Source) (Result, error) {
	var res Result
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	c, mb, closeIt, err := p.open(ctx, src, false)
	if err != nil {
		return res, err
	}
	defer closeIt()
	uids, err := newMessages(c, mb)
	if err != nil {
		return res, err
	}
	if len(uids) > p.cfg.MaxMessages {
		uids = uids[:p.cfg.MaxMessages]
	}
	for _, uid := range uids {
		r, err := p.one(ctx, c, uid, src.URL)
		if err != nil && !inbox.IsUnreadable(err) {
			return res, err
		}
		res.Read++
		if err != nil {
			res.Unreadable = append(res.Unreadable, r)
			continue
		}
		res.Receipts = append(res.Receipts, r)
	}
	if n := len(res.Unreadable); n > 0 {
		var why []string
		for _, r := range res.Unreadable {
			why = append(why, r.MessageID+": "+r.Reason)
		}
		return res, fmt.Errorf("%w: %d in %s (%s)", ErrUnreadableMail, n, mb.mailbox, strings.Join(why, "; "))
	}
	return res, ctx.Err()
}

// open connects to src's server, logs in and opens its mailbox (read-only
// with EXAMINE when readOnly, so that nothing on the server changes).
// closeIt logs out; until then, ctx ending cuts the connection.
func (p *Poller) open(ctx context.Context, src config.Source, readOnly bool) (c *client.Client, mb mailboxURL, closeIt func(), err error) {
	if mb, err = parseURL(src.URL); err != nil {
		return nil, mb, nil, err
	}
	pass, err := p.password(src)
	if err != nil {
		return nil, mb, nil, err
	}
	if c, err = p.dial(ctx, mb); err != nil {
		return nil, mb, nil, fmt.Errorf("connect to %s: %w", mb.host, err)
	}
	stop := context.AfterFunc(ctx, func() { c.Terminate() })
	closeIt = func() {
		stop()
		c.Logout()
	}
	if err := c.Login(mb.user, pass); err != nil {
		closeIt()
		return nil, mb, nil, fmt.Errorf("log in to %s as %s: %w", mb.host, mb.user, err)
	}
	if _, err := c.Select(mb.mailbox, readOnly); err != nil {
		closeIt()
		return nil, mb, nil, fmt.Errorf("open mailbox %s on %s: %w", mb.mailbox, mb.host, err)
	}
	return c, mb, closeIt, nil
}

// newMessages are the uids of the messages no poll has read: not \Seen,
// and not marked unreadable.
func newMessages(c *client.Client, mb mailboxURL) ([]uint32, error) {
	crit := imap.NewSearchCriteria()
	crit.WithoutFlags = []string{imap.SeenFlag, UnreadableFlag}
	uids, err := c.UidSearch(crit)
	if err != nil {
		return nil, fmt.Errorf("search %s: %w", mb.mailbox, err)
	}
	return uids, nil
}

// one fetches and delivers the message with uid, then flags it.
func (p *Poller) one(ctx context.Context, c *client.Client, uid uint32, mailboxURL string) (inbox.Receipt, error) {
	set := new(imap.SeqSet)
	set.AddNum(uid)
	size, err := fetchSize(c, set)
	if err != nil {
		return inbox.Receipt{}, err
	}
	var r inbox.Receipt
	var derr error
	if size > p.cfg.MaxMessageBytes {
		r = inbox.Receipt{MessageID: fmt.Sprintf("uid %d", uid), State: inbox.StateUnreadable,
			Reason: fmt.Sprintf("%d bytes, more than %d", size, p.cfg.MaxMessageBytes)}
		derr = fmt.Errorf("%w: %s", inbox.ErrUnreadable, r.Reason)
	} else {
		raw, err := fetchBody(c, set)
		if err != nil {
			return inbox.Receipt{}, err
		}
		r, derr = p.cfg.Deliverer.Deliver(ctx, raw, inbox.Options{Mailbox: mailboxURL})
		if derr != nil && !inbox.IsUnreadable(derr) {
			return r, derr
		}
	}
	flag := imap.SeenFlag
	if derr != nil {
		flag = UnreadableFlag
	}
	if err := c.UidStore(set, imap.FormatFlagsOp(imap.AddFlags, true), []interface{}{flag}, nil); err != nil {
		return r, fmt.Errorf("flag message %d %s: %w", uid, flag, err)
	}
	return r, derr
}

func fetchSize(c *client.Client, set *imap.SeqSet) (uint32, error) {
	ch := make(chan *imap.Message, 1)
	done := make(chan error, 1)
	go func() { done <- c.UidFetch(set, []imap.FetchItem{imap.FetchRFC822Size}, ch) }()
	var size uint32
	for m := range ch {
		size = m.Size
	}
	if err := <-done; err != nil {
		return 0, fmt.Errorf("fetch message size: %w", err)
	}
	return size, nil
}

// fetchBody reads the whole message without setting \Seen (BODY.PEEK[]),
// so a message is marked only once it has been delivered.
func fetchBody(c *client.Client, set *imap.SeqSet) ([]byte, error) {
	section := &imap.BodySectionName{Peek: true}
	ch := make(chan *imap.Message, 1)
	done := make(chan error, 1)
	go func() { done <- c.UidFetch(set, []imap.FetchItem{section.FetchItem()}, ch) }()
	var raw []byte
	for m := range ch {
		if body := m.GetBody(section); body != nil {
			b := make([]byte, body.Len())
			if _, err := io.ReadFull(body, b); err != nil {
				return nil, err
			}
			raw = b
		}
	}
	if err := <-done; err != nil {
		return nil, fmt.Errorf("fetch message: %w", err)
	}
	return raw, nil
}

// mailboxURL is an imap source's URL taken apart.
type mailboxURL struct {
	tls                 bool
	host, user, mailbox string
}

func parseURL(raw string) (mailboxURL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "imap" && u.Scheme != "imaps") || u.User == nil {
		return mailboxURL{}, fmt.Errorf("imap source %q: want imaps://USER@HOST/MAILBOX", raw)
	}
	mb := mailboxURL{tls: u.Scheme == "imaps", host: u.Host, user: u.User.Username(), mailbox: strings.TrimPrefix(u.Path, "/")}
	if mb.mailbox == "" {
		mb.mailbox = "INBOX"
	}
	if u.Port() == "" {
		port := "143"
		if mb.tls {
			port = "993"
		}
		mb.host = net.JoinHostPort(u.Hostname(), port)
	}
	return mb, nil
}

// password reads the source's password from its environment variable or
// its file (a trailing newline dropped).
func (p *Poller) password(src config.Source) (string, error) {
	if src.PasswordEnv != "" {
		v := p.cfg.Getenv(src.PasswordEnv)
		if v == "" {
			return "", fmt.Errorf("imap source %s: the environment variable %s is not set", redact(src.URL), src.PasswordEnv)
		}
		return v, nil
	}
	b, err := os.ReadFile(src.PasswordFile)
	if err != nil {
		return "", fmt.Errorf("imap source %s: read password_file: %w", redact(src.URL), err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// dial connects, with TLS from the start for imaps and by STARTTLS for
// imap when the server offers it (refusing to log in in the clear to
// anything but loopback).
func (p *Poller) dial(ctx context.Context, mb mailboxURL) (*client.Client, error) {
	d := &net.Dialer{Timeout: 30 * time.Second}
	tlsCfg := p.cfg.TLS
	if tlsCfg == nil {
		tlsCfg = &tls.Config{}
	}
	host, _, _ := net.SplitHostPort(mb.host)
	tlsCfg = tlsCfg.Clone()
	if tlsCfg.ServerName == "" {
		tlsCfg.ServerName = host
	}
	if mb.tls {
		conn, err := tls.DialWithDialer(d, "tcp", mb.host, tlsCfg)
		if err != nil {
			return nil, err
		}
		return client.New(conn)
	}
	conn, err := d.DialContext(ctx, "tcp", mb.host)
	if err != nil {
		return nil, err
	}
	c, err := client.New(conn)
	if err != nil {
		return nil, err
	}
	if ok, _ := c.SupportStartTLS(); ok {
		if err := c.StartTLS(tlsCfg); err != nil {
			c.Logout()
			return nil, fmt.Errorf("starttls: %w", err)
		}
		return c, nil
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		c.Logout()
		return nil, errors.New("the server offers no TLS: use imaps://, a password must not cross the network in the clear")
	}
	return c, nil
}

// redact is an imap URL without anything but scheme, user and host.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "imap source"
	}
	u.User = url.User(u.User.Username())
	return u.String()
}
