package feed

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// Digest is one entry of a digest feed: a week's points as one HTML
// document, for RSS-to-e-mail services (Mailchimp, Buttondown, listmonk)
// that send each new entry as a newsletter.
type Digest struct {
	// ID is the entry's stable IRI: the same week always has the same id,
	// so a service never sends a week twice.
	ID    string
	Title string
	// Link is an absolute http(s) page for the entry.
	Link string
	// Author names who publishes the digest (the church).
	Author string
	// Text is the week as plain text; HTML the same as HTML (inline styles
	// only: e-mail clients drop style sheets).
	Text, HTML string
	// Date is when the week's digest was complete.
	Date time.Time
}

// Validate reports the first problem that would make d unfit to publish.
func (d Digest) Validate() error {
	switch {
	case d.ID == "":
		return errors.New("digest: empty id")
	case d.Title == "":
		return fmt.Errorf("digest %s: empty title", d.ID)
	case d.Date.IsZero():
		return fmt.Errorf("digest %s: no date", d.ID)
	}
	return checkAbsURL(d.Link)
}

// WriteDigests writes digests as an RSS 2.0 or Atom 1.0 document, through
// the same writers (and conformance rules) as the item feeds.
func WriteDigests(w io.Writer, f Format, m Meta, ds []Digest) error {
	var build func(document) feeds.XmlFeed
	switch f {
	case FormatRSS:
		build = func(d document) feeds.XmlFeed { return newRSSDoc(d) }
	case FormatAtom:
		build = func(d document) feeds.XmlFeed { return newAtomDoc(d) }
	default:
		return fmt.Errorf("write digest feed %s: %w: %s", m.FeedURL, ErrUnknownFormat, f)
	}
	d, err := newDigestDocument(m, ds)
	if err != nil {
		return wrapWrite(f, m, err)
	}
	return wrapWrite(f, m, feeds.WriteXML(build(d), w))
}

func newDigestDocument(m Meta, ds []Digest) (document, error) {
	d, err := newDocument(m, nil)
	if err != nil {
		return d, err
	}
	var newest time.Time
	for _, dg := range ds {
		if err := dg.Validate(); err != nil {
			return d, err
		}
		e := entry{
			ID: clean(dg.ID), Title: clean(dg.Title), Link: clean(dg.Link), Author: clean(dg.Author),
			Text: clean(dg.Text), HTML: clean(dg.HTML), Date: normTime(dg.Date),
		}
		if e.Date.After(newest) {
			newest = e.Date
		}
		d.Entries = append(d.Entries, e)
	}
	d.Updated = feedDate(m.Updated, newest)
	return d, nil
}
