// Package inbox turns e-mail into partners' updates: it reads a MIME
// message within bounds (read.go), strips what the partner did not write
// (clean.go), finds which partner it is from and whether that can be
// trusted (sort.go), and stores its points, held for review when it
// cannot (deliver.go).
//
// MIME is read with github.com/emersion/go-message v0.18.2 rather than
// jhillyerd/enmime v1.3.0: go-message streams the part tree, so every part
// is read through our own caps (part count, depth, bytes) and no more of
// the message than a cap allows is ever in memory, while enmime parses the
// whole tree into memory first and brings html2text and tablewriter with
// it. go-message is also what go-imap v1 is built with.
package inbox

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"path"
	"strings"
	"time"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode the charsets letters arrive in
	"github.com/emersion/go-message/mail"

	"github.com/prayerfeed/prayerfeed/internal/docxtext"
)

// Limits bound what one message may cost; every zero value means its
// default.
type Limits struct {
	// MaxMessageBytes caps the message as received; default 100 MiB.
	MaxMessageBytes int64
	// MaxAttachmentBytes caps one decoded attachment (a PDF, a zip, a
	// PDF in a zip); a larger one is skipped and noted. Default 50 MiB.
	MaxAttachmentBytes int64
	// MaxTextBytes caps a text/plain or text/html body; default 1 MiB.
	MaxTextBytes int64
	// MaxParts caps the MIME parts of a message, nested ones included;
	// default 1000.
	MaxParts int
	// MaxDepth caps how deeply parts nest; default 20.
	MaxDepth int
	// MaxPDFs caps the PDF attachments read, those in zips included;
	// default 10. The same cap applies to Word documents.
	MaxPDFs int
}

func (l Limits) withDefaults() Limits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxMessageBytes, 100<<20)
	def(&l.MaxAttachmentBytes, 50<<20)
	def(&l.MaxTextBytes, 1<<20)
	if l.MaxParts <= 0 {
		l.MaxParts = 1000
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = 20
	}
	if l.MaxPDFs <= 0 {
		l.MaxPDFs = 10
	}
	return l
}

// ErrUnreadable marks a message that could not be read as mail at all, or
// that passed a cap no reading of it could stay within.
var ErrUnreadable = errors.New("unreadable message")

// Message is what prayerfeed reads from one e-mail.
type Message struct {
	MessageID string
	// From is the sender's address, lower-cased.
	From    string
	Subject string
	Date    time.Time
	// AuthResults are the Authentication-Results header values, topmost
	// (added last, by our own server) first.
	AuthResults []string
	// HTML and Text are the letter's bodies as sent; Forwarded is the
	// forwarded message inside, when the letter was forwarded as an
	// attachment (message/rfc822).
	HTML, Text string
	Forwarded  *Message
	// PDFs are the PDF attachments, those inside zip files included.
	PDFs []Attachment
	// Docs are the Word (.docx) attachments, those in zip files included.
	Docs []Attachment
	// Skipped notes attachments left out for passing a cap.
	Skipped []string
}

// Attachment is one attached file.
type Attachment struct {
	Name string
	Data []byte
}

// Read reads one message within lim.
func Read(r io.Reader, lim Limits) (*Message, error) {
	lim = lim.withDefaults()
	lr := &io.LimitedReader{R: r, N: lim.MaxMessageBytes + 1}
	rd := &reader{lim: lim}
	m, err := rd.message(lr, 0)
	if err == nil && lr.N <= 0 {
		err = fmt.Errorf("%w: more than %d bytes", ErrUnreadable, lim.MaxMessageBytes)
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// reader keeps the counts that bound one message, nested ones included.
type reader struct {
	lim   Limits
	parts int
	pdfs  int
	docs  int
}

// message reads one message (the top one, or one forwarded inside it).
func (rd *reader) message(r io.Reader, depth int) (*Message, error) {
	e, err := message.Read(r)
	if err != nil && !message.IsUnknownCharset(err) && !message.IsUnknownEncoding(err) {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if e == nil {
		return nil, fmt.Errorf("%w: no message", ErrUnreadable)
	}
	h := mail.Header{Header: e.Header}
	m := &Message{AuthResults: e.Header.Values("Authentication-Results")}
	m.MessageID, _ = h.MessageID()
	m.Subject, _ = h.Subject()
	m.Date, _ = h.Date()
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		m.From = strings.ToLower(from[0].Address)
	}
	if err := rd.walk(m, e, depth); err != nil {
		return nil, err
	}
	return m, nil
}

// walk reads entity e of m and the parts inside it.
func (rd *reader) walk(m *Message, e *message.Entity, depth int) error {
	rd.parts++
	if rd.parts > rd.lim.MaxParts {
		return fmt.Errorf("%w: more than %d MIME parts", ErrUnreadable, rd.lim.MaxParts)
	}
	if depth > rd.lim.MaxDepth {
		return fmt.Errorf("%w: MIME parts nested more than %d deep", ErrUnreadable, rd.lim.MaxDepth)
	}
	if mr := e.MultipartReader(); mr != nil {
		for {
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUnreadable, err)
			}
			if err := rd.walk(m, p, depth+1); err != nil {
				return err
			}
		}
	}
	mt, _, _ := e.Header.ContentType()
	disp, dparams, _ := e.Header.ContentDisposition()
	name := attachmentName(e.Header, dparams)
	switch {
	case mt == "message/rfc822" && m.Forwarded == nil:
		inner, err := rd.message(e.Body, depth+1)
		if err != nil {
			return err
		}
		m.Forwarded = inner
		return nil
	case mt == "application/pdf" || (strings.HasSuffix(strings.ToLower(name), ".pdf") && !strings.HasPrefix(mt, "text/")):
		return rd.pdf(m, name, e.Body)
	case mt == docxType || (strings.HasSuffix(strings.ToLower(name), ".docx") && !strings.HasPrefix(mt, "text/")):
		return rd.doc(m, name, e.Body)
	case mt == "application/zip" || mt == "application/x-zip-compressed" || strings.HasSuffix(strings.ToLower(name), ".zip"):
		return rd.zip(m, name, e.Body)
	case disp != "attachment" && (mt == "text/plain" || mt == "text/html" || mt == ""):
		return rd.text(m, mt, e.Body)
	}
	return drain(e.Body)
}

// text keeps the first text/plain and text/html body.
func (rd *reader) text(m *Message, mt string, body io.Reader) error {
	b, err := io.ReadAll(io.LimitReader(body, rd.lim.MaxTextBytes))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if err := drain(body); err != nil {
		return err
	}
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	switch {
	case mt == "text/html" && m.HTML == "":
		m.HTML = text
	case mt != "text/html" && m.Text == "":
		m.Text = text
	}
	return nil
}

// pdf keeps a PDF attachment, or notes it skipped when past a cap.
func (rd *reader) pdf(m *Message, name string, body io.Reader) error {
	return rd.attachment(m, name, body, &m.PDFs, &rd.pdfs, "PDFs")
}

// maxZipEntries bounds the entries of a zip attachment archive/zip is
// let read (docxtext.CheckZip): a zip of letters holds a few.
const maxZipEntries = 1000

// docxType is a Word document's media type.
const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// doc keeps a Word document attachment, or notes it skipped when past a
// cap.
func (rd *reader) doc(m *Message, name string, body io.Reader) error {
	return rd.attachment(m, name, body, &m.Docs, &rd.docs, "Word documents")
}

// attachment adds an attachment to list, counting it in n, unless it is
// larger than the cap or there are MaxPDFs of its kind already.
func (rd *reader) attachment(m *Message, name string, body io.Reader, list *[]Attachment, n *int, kind string) error {
	data, over, err := readCapped(body, rd.lim.MaxAttachmentBytes)
	if err != nil {
		return err
	}
	switch {
	case over:
		m.Skipped = append(m.Skipped, fmt.Sprintf("%s: larger than %d bytes", name, rd.lim.MaxAttachmentBytes))
	case *n >= rd.lim.MaxPDFs:
		m.Skipped = append(m.Skipped, fmt.Sprintf("%s: more than %d %s", name, rd.lim.MaxPDFs, kind))
	default:
		*n++
		*list = append(*list, Attachment{Name: name, Data: data})
	}
	return nil
}

// zip keeps the PDFs inside a zip attachment, each within the caps:
// the zip's directory states sizes, but a bomb may lie, so each entry is
// read through the cap as well.
func (rd *reader) zip(m *Message, name string, body io.Reader) error {
	data, over, err := readCapped(body, rd.lim.MaxAttachmentBytes)
	if err != nil {
		return err
	}
	if over {
		m.Skipped = append(m.Skipped, fmt.Sprintf("%s: larger than %d bytes", name, rd.lim.MaxAttachmentBytes))
		return nil
	}
	if err := docxtext.CheckZip(data, maxZipEntries); err != nil {
		m.Skipped = append(m.Skipped, fmt.Sprintf("%s: %v", name, err))
		return nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		m.Skipped = append(m.Skipped, fmt.Sprintf("%s: not a zip file: %v", name, err))
		return nil
	}
	for _, f := range zr.File {
		lower := strings.ToLower(f.Name)
		if !strings.HasSuffix(lower, ".pdf") && !strings.HasSuffix(lower, ".docx") {
			continue
		}
		entry := name + "/" + path.Base(f.Name)
		if f.UncompressedSize64 > uint64(rd.lim.MaxAttachmentBytes) {
			m.Skipped = append(m.Skipped, fmt.Sprintf("%s: larger than %d bytes", entry, rd.lim.MaxAttachmentBytes))
			continue
		}
		fr, err := f.Open()
		if err != nil {
			m.Skipped = append(m.Skipped, fmt.Sprintf("%s: %v", entry, err))
			continue
		}
		if strings.HasSuffix(lower, ".docx") {
			err = rd.doc(m, entry, fr)
		} else {
			err = rd.pdf(m, entry, fr)
		}
		fr.Close()
		if err != nil {
			m.Skipped = append(m.Skipped, fmt.Sprintf("%s: %v", entry, err))
		}
	}
	return nil
}

// readCapped reads r up to max bytes; over reports that r held more,
// which is then drained unread.
func readCapped(r io.Reader, max int64) (data []byte, over bool, err error) {
	data, err = io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, false, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if int64(len(data)) > max {
		return nil, true, drain(r)
	}
	return data, false, nil
}

// drain reads what is left of a part, which the multipart reader needs
// before the next one; the message cap bounds it.
func drain(r io.Reader) error {
	if _, err := io.Copy(io.Discard, r); err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	return nil
}

// attachmentName is a part's file name, from its disposition or its type.
func attachmentName(h message.Header, dparams map[string]string) string {
	if n := dparams["filename"]; n != "" {
		return path.Base(n)
	}
	if _, params, err := mime.ParseMediaType(h.Get("Content-Type")); err == nil && params["name"] != "" {
		return path.Base(params["name"])
	}
	return "attachment"
}
