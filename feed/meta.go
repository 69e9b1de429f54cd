package feed

import (
	"errors"
	"fmt"
	"net/url"
	"time"
)

// Meta describes one feed document: the combined feed, one partner's, or a
// filtered view. Every URL in it is absolute, because feed readers resolve
// nothing against the address they fetched.
type Meta struct {
	// Title names the feed in a reader's subscription list.
	Title string
	// Description says what the feed holds; it defaults to Title.
	Description string
	// HomeURL is the page the feed belongs to, e.g. base_url + "/".
	HomeURL string
	// FeedURL is the absolute address of this feed document itself.
	FeedURL string
	// Language is the feed's BCP 47 language tag, e.g. "en"; may be empty.
	Language string
	// Updated, when set, is the feed's date; otherwise the newest item's.
	Updated time.Time
	// ID is the feed's stable IRI (Atom id); it defaults to FeedURL.
	ID string
}

// ErrInvalidMeta is wrapped by every error Meta.Validate returns.
var ErrInvalidMeta = errors.New("invalid feed meta")

// Validate reports the first problem that would make the feed document
// non-conformant: a missing title or a URL that is not absolute http(s).
func (m Meta) Validate() error {
	if m.Title == "" {
		return fmt.Errorf("%w: empty title", ErrInvalidMeta)
	}
	if err := checkAbsURL(m.HomeURL); err != nil {
		return fmt.Errorf("%w: home url: %w", ErrInvalidMeta, err)
	}
	if err := checkAbsURL(m.FeedURL); err != nil {
		return fmt.Errorf("%w: feed url: %w", ErrInvalidMeta, err)
	}
	return nil
}

// id is the feed's stable identifier.
func (m Meta) id() string {
	if m.ID != "" {
		return m.ID
	}
	return m.FeedURL
}

// description is never empty, because RSS requires a channel description.
func (m Meta) description() string {
	if m.Description != "" {
		return m.Description
	}
	return m.Title
}

// checkAbsURL accepts only absolute http and https URLs with a host.
func checkAbsURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return err
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q: not an absolute http(s) URL", s)
	case u.Host == "":
		return fmt.Errorf("%q: no host", s)
	}
	return nil
}
