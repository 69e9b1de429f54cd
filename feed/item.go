// Package feed is the published model of prayerfeed, a prayer or praise
// point (Item), and its writers for RSS 2.0, Atom 1.0 and JSON Feed 1.1.
package feed

import (
	"errors"
	"fmt"
	"time"
)

// Kind says whether an item asks for prayer or gives thanks.
type Kind string

// The kinds of item prayerfeed publishes.
const (
	KindPrayer Kind = "prayer"
	KindPraise Kind = "praise"
)

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool { return k == KindPrayer || k == KindPraise }

// Title is the kind as a reader sees it at the start of an item's title.
func (k Kind) Title() string {
	switch k {
	case KindPraise:
		return "Praise"
	default:
		return "Prayer"
	}
}

// ParseKind reads a kind from a query string or config value.
func ParseKind(s string) (Kind, error) {
	k := Kind(s)
	if !k.Valid() {
		return "", fmt.Errorf("kind %q: want prayer or praise", s)
	}
	return k, nil
}

// Item is one prayer or praise point lifted out of a partner's update.
type Item struct {
	// ID is stable across re-fetches and light edits of the update.
	ID   string
	Kind Kind
	// Text is the point's words as plain text, white space collapsed.
	Text string
	// HTML is the point as sanitized HTML, safe to embed in any page.
	HTML string

	PartnerID   string
	PartnerName string

	// SourceURL is the partner source the update was read from.
	SourceURL   string
	UpdateGUID  string
	UpdateLink  string
	UpdateTitle string

	// Published is the update's date, or FirstSeen when the source gave
	// none; never in the future.
	Published time.Time
	FirstSeen time.Time
	LastSeen  time.Time
	// Position is the point's index within its update, from zero.
	Position int
}

// Validate reports the first problem that would make it wrong to publish it.
func (it Item) Validate() error {
	switch {
	case it.ID == "":
		return errors.New("item: empty id")
	case !it.Kind.Valid():
		return fmt.Errorf("item %s: kind %q: want prayer or praise", it.ID, it.Kind)
	case it.Text == "":
		return fmt.Errorf("item %s: empty text", it.ID)
	case it.PartnerID == "":
		return fmt.Errorf("item %s: empty partner", it.ID)
	}
	return nil
}
