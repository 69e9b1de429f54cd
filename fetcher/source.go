package fetcher

import (
	"bytes"
	"context"
	"errors"
	"time"
)

// Source types, as written in partners.yaml.
const (
	TypeRSS  = "rss"
	TypePage = "page"
	TypeAuto = "auto"
	TypePDF  = "pdf"
)

// Source is one place a partner publishes, as the fetcher needs it.
type Source struct {
	PartnerID string
	URL       string
	// Type is TypeRSS, TypePage, TypeAuto or TypePDF.
	Type string
	// Select holds a page source's CSS selectors.
	Select Select
}

// Select holds CSS selectors for a page; "sel@attr" reads an attribute.
type Select struct {
	Item, Title, Link, Date, Content string
}

// Result is what one fetch of a source yielded.
type Result struct {
	Updates    []Update
	Status     int
	Validators Validators
	// FeedURL is the feed actually read: for auto sources, the one found.
	FeedURL    string
	RetryAfter time.Duration
	MaxAge     time.Duration
}

// BodyError is a response that arrived (Status is its HTTP status) but
// whose body could not be read as the source's kind: not a feed, or a page
// whose selectors match nothing. The status page shows both.
type BodyError struct {
	Status int
	Err    error
}

func (e *BodyError) Error() string { return e.Err.Error() }

// Unwrap returns the parse error, so callers can still match ErrNoMatch.
func (e *BodyError) Unwrap() error { return e.Err }

// ErrNoFeed is returned for an auto source whose page links to no feed.
var ErrNoFeed = errors.New("no feed found")

// Fetch reads src, conditionally on v. It returns ErrNotModified when the
// source has nothing new, and ErrRobotsDisallowed, without fetching, for a
// page or auto source its site's robots.txt keeps prayerfeed away from.
func (c *Client) Fetch(ctx context.Context, src Source, v Validators) (*Result, error) {
	switch src.Type {
	case TypeAuto:
		return c.fetchAuto(ctx, src, v)
	case TypePDF:
		return c.fetchPDF(ctx, src, v)
	case TypePage:
		if err := c.checkRobots(ctx, src.URL); err != nil {
			return nil, err
		}
	}
	resp, err := c.Get(ctx, src.URL, v)
	if err != nil {
		return nil, err
	}
	if isPDF(resp) {
		return c.pdfResult(ctx, resp, src)
	}
	if src.Type != TypePage {
		return feedResult(resp, src)
	}
	res := &Result{Status: resp.Status, Validators: resp.Validators, FeedURL: resp.URL,
		RetryAfter: resp.RetryAfter, MaxAge: resp.MaxAge}
	res.Updates, err = parsePage(resp.Body, resp.ContentType, src, resp.URL, time.Now())
	if err != nil {
		return nil, &BodyError{Status: resp.Status, Err: err}
	}
	return res, nil
}

// LooksLikeFeed reports whether body starts like an RSS, Atom or JSON feed
// rather than an HTML page.
func LooksLikeFeed(body []byte) bool {
	head := bytes.ToLower(bytes.TrimSpace(body[:min(len(body), 1024)]))
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(head, []byte("{")) {
		return bytes.Contains(head, []byte("jsonfeed.org"))
	}
	if bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html")) {
		return false
	}
	return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:rdf"))
}
