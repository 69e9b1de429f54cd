package inbox

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/docxtext"
	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/pdftext"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// Store is where delivered mail goes; *store.Store is one.
type Store interface {
	SaveMail(ctx context.Context, d store.MailDelivery) (store.SaveResult, error)
	PutMail(ctx context.Context, m store.Mail) error
}

// Config wires a Deliverer.
type Config struct {
	Config *config.Config
	Store  Store
	Limits Limits
	// PDF bounds reading each PDF attachment.
	PDF pdftext.Config
	// Docx bounds reading each Word (.docx) attachment.
	Docx docxtext.Config
	// MaxKeptBytes caps the raw message kept for the admin when it is
	// from no partner or unreadable; default 1 MiB (the rest is cut).
	MaxKeptBytes int
	// Now defaults to time.Now.
	Now func() time.Time
}

// Deliverer reads messages and stores their points.
type Deliverer struct{ cfg Config }

// NewDeliverer returns a Deliverer with cfg's defaults filled.
func NewDeliverer(cfg Config) *Deliverer {
	if cfg.MaxKeptBytes <= 0 {
		cfg.MaxKeptBytes = 1 << 20
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Deliverer{cfg: cfg}
}

// Options say where a message came from.
type Options struct {
	// Mailbox is the imap source's URL, or "ingest".
	Mailbox string
	// Partner, when set, is the partner the message is for (ingest --partner).
	Partner string
	// Filed, when set, is an admin filing a kept message to Partner: that
	// is the approval an unproven sender waits for, so its points are
	// published (unless the partner is on review: hold), and an unreadable
	// message is not recorded again.
	Filed *store.MailFiling
}

// Receipt is what became of one message.
type Receipt struct {
	MessageID, Sender, Subject string
	PartnerID                  string
	// State is StatePublished, StateHeld, StateUnmatched or StateUnreadable.
	State  string
	Reason string
	// Points is how many points it held; New how many were new, and
	// Copies how many of those were already published from another letter.
	Points, New, Copies int
	// Notes are attachments skipped or unreadable, for the log.
	Notes []string
}

// Deliver reads raw, sorts it to its partner and stores its points. An
// unreadable message is recorded and returned with an error wrapping
// ErrUnreadable, so that a mailbox leaves it unread; an error from the
// store means nothing was recorded.
func (d *Deliverer) Deliver(ctx context.Context, raw []byte, opts Options) (Receipt, error) {
	if opts.Partner != "" {
		if _, ok := d.cfg.Config.Partner(opts.Partner); !ok {
			return Receipt{}, fmt.Errorf("deliver mail: %q is not a partner id in %s", opts.Partner, d.cfg.Config.Path)
		}
	}
	m, err := Read(bytes.NewReader(raw), d.cfg.Limits)
	if err != nil {
		r := Receipt{MessageID: rawID(raw), State: StateUnreadable, Reason: err.Error()}
		if opts.Filed != nil {
			return r, err
		}
		if perr := d.keep(ctx, r, opts, raw); perr != nil {
			return r, perr
		}
		return r, err
	}
	r := Receipt{MessageID: messageID(m, raw), Sender: m.From, Subject: m.Subject}
	s := Sort(d.cfg.Config, m, opts.Partner)
	if s.Partner == nil {
		r.State, r.Reason = StateUnmatched, s.Reason
		return r, d.keep(ctx, r, opts, raw)
	}
	if opts.Filed != nil {
		s.Verified, s.Reason = true, ""
	}
	r.PartnerID = s.Partner.ID
	r.State, r.Reason = StatePublished, ""
	if !s.Verified {
		r.State, r.Reason = StateHeld, s.Reason
	}
	updates, notes := d.updates(ctx, m, *s.Partner, r.MessageID, opts.Mailbox)
	r.Notes = notes
	delivery := store.MailDelivery{Hold: !s.Verified || s.Partner.Held(), Filed: opts.Filed}
	exOpts := extract.Options{Markers: extract.Markers{Prayer: s.Partner.Markers.Prayer, Praise: s.Partner.Markers.Praise}}
	for _, u := range updates {
		for _, it := range extract.Update(u, exOpts) {
			it.PartnerName = s.Partner.Name
			delivery.Items = append(delivery.Items, it)
		}
		delivery.Updates = append(delivery.Updates, updateRecord(*s.Partner, u))
	}
	r.Points = len(delivery.Items)
	delivery.Mail = d.record(r, opts, nil)
	res, err := d.cfg.Store.SaveMail(ctx, delivery)
	if err != nil {
		return r, fmt.Errorf("deliver mail %s from %s: %w", r.MessageID, m.From, err)
	}
	r.New, r.Copies = res.New, res.Copies
	return r, nil
}

// keep records a message that brought no points, with its raw bytes.
func (d *Deliverer) keep(ctx context.Context, r Receipt, opts Options, raw []byte) error {
	if err := d.cfg.Store.PutMail(ctx, d.record(r, opts, raw[:min(len(raw), d.cfg.MaxKeptBytes)])); err != nil {
		return fmt.Errorf("deliver mail %s: %w", r.MessageID, err)
	}
	return nil
}

func (d *Deliverer) record(r Receipt, opts Options, raw []byte) store.Mail {
	mailbox := opts.Mailbox
	if mailbox == "" {
		mailbox = "ingest"
	}
	return store.Mail{MessageID: r.MessageID, Mailbox: mailbox, Received: d.cfg.Now(), Sender: r.Sender,
		Subject: r.Subject, PartnerID: r.PartnerID, State: r.State, Reason: r.Reason, Points: r.Points, Raw: raw}
}

// updates are the message's letter and each PDF attachment, as updates
// of partner p; notes say what was skipped.
func (d *Deliverer) updates(ctx context.Context, m *Message, p config.Partner, id, mailbox string) ([]fetcher.Update, []string) {
	if mailbox == "" {
		mailbox = "mail:" + p.ID
	}
	letter := m
	if m.Forwarded != nil {
		letter = m.Forwarded
	}
	published := letter.Date
	if published.IsZero() || published.After(d.cfg.Now()) {
		published = m.Date
	}
	if published.After(d.cfg.Now()) {
		published = d.cfg.Now()
	}
	base := fetcher.Update{PartnerID: p.ID, SourceURL: mailbox, GUID: "mail:" + id, Title: cleanSubject(letter.Subject, m.Subject), Published: published}
	base.Link = webCopy(letter)
	var out []fetcher.Update
	body := base
	_, forwarded := ForwardedFrom(letter.Text)
	if letter.HTML != "" {
		body.HTML = CleanHTML(letter.HTML, forwarded || (letter.Text == "" && isForwardHTML(letter.HTML)))
	}
	if strings.TrimSpace(body.HTML) == "" {
		body.HTML = ""
		body.Text = CleanText(letter.Text)
	}
	if strings.TrimSpace(body.HTML+body.Text) != "" {
		out = append(out, body)
	}
	notes := append([]string{}, m.Skipped...)
	pdfs := append(append([]Attachment{}, m.PDFs...), forwardedPDFs(m)...)
	for _, a := range pdfs {
		u, err := fetcher.PDFUpdate(ctx, d.cfg.PDF, a.Data, fetcher.Source{PartnerID: p.ID, URL: mailbox})
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", a.Name, err))
			continue
		}
		u.GUID, u.Link = base.GUID+"/"+a.Name, base.Link
		u.Published = base.Published
		if u.Title == "" {
			u.Title = a.Name
		}
		out = append(out, u)
	}
	for _, a := range append(append([]Attachment{}, m.Docs...), forwardedDocs(m)...) {
		doc, err := docxtext.Read(ctx, d.cfg.Docx, a.Data)
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", a.Name, err))
			continue
		}
		if doc.Cut {
			notes = append(notes, fmt.Sprintf("%s: only its first %d bytes of text were read", a.Name, len(doc.HTML)))
		}
		u := base
		u.GUID, u.Title, u.HTML, u.Text = base.GUID+"/"+a.Name, cmp.Or(doc.Title, a.Name), doc.HTML, ""
		out = append(out, u)
	}
	return out, notes
}

func forwardedDocs(m *Message) []Attachment {
	if m.Forwarded == nil {
		return nil
	}
	return m.Forwarded.Docs
}

func forwardedPDFs(m *Message) []Attachment {
	if m.Forwarded == nil {
		return nil
	}
	return m.Forwarded.PDFs
}

func isForwardHTML(html string) bool {
	_, ok := ForwardedFrom(htmlText(html))
	return ok
}

// cleanSubject is the letter's subject without "Fwd:" and "Re:" prefixes.
func cleanSubject(subjects ...string) string {
	for _, s := range subjects {
		for {
			t := strings.TrimSpace(s)
			l := strings.ToLower(t)
			cut := false
			for _, p := range []string{"fwd:", "fw:", "wg:", "tr:", "re:", "aw:"} {
				if strings.HasPrefix(l, p) {
					s, cut = t[len(p):], true
				}
			}
			if !cut {
				break
			}
		}
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return "Letter"
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

// messageID is m's Message-ID, or a hash of the message when it has none,
// so that the same message delivered twice is one update.
func messageID(m *Message, raw []byte) string {
	if m.MessageID != "" {
		return m.MessageID
	}
	return rawID(raw)
}

func rawID(raw []byte) string {
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:12])
}

// IsUnreadable reports whether err is a message that could not be read.
func IsUnreadable(err error) bool { return errors.Is(err, ErrUnreadable) }

// webCopy is the letter's "view in browser" address, without Mailchimp's
// per-recipient e= parameter, which would tell readers whose copy it was.
func webCopy(m *Message) string {
	link := fetcher.ViewInBrowser([]byte(m.HTML))
	if link == "" {
		link = fetcher.ViewInBrowser([]byte(m.Text))
	}
	u, err := url.Parse(link)
	if link == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return ""
	}
	q := u.Query()
	q.Del("e")
	u.RawQuery = q.Encode()
	return u.String()
}
