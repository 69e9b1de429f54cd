// Package feed is the published model of prayerfeed, a prayer or praise
// point (Item), and its writers for RSS 2.0, Atom 1.0 and JSON Feed 1.1.
package feed

import (
	"errors"
	"fmt"
	"strings"
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

	// Copies are the other letters that carried the same point (the
	// letter by e-mail and on the web, a joint letter of two partners),
	// oldest first. The point is published once, under its own id, and
	// links to each of them as well as to its own update.
	Copies []Copy
}

// Copy is another update that carried an item's point.
type Copy struct {
	PartnerID   string
	PartnerName string
	UpdateLink  string
	UpdateTitle string
	Published   time.Time
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

// Link is a link a reader can open: an absolute http(s) URL and its text.
type Link struct {
	URL, Title string
}

// CopyLinks are the links to it's copies that a reader can open, for
// every output to show beside the item's own update: absolute http(s)
// URLs other than UpdateLink, each once. A copy of another partner is
// titled with that partner's name too, since it is not the item's
// partner who wrote it.
func (it Item) CopyLinks() []Link {
	var out []Link
	seen := map[string]bool{clean(it.UpdateLink): true}
	for _, c := range it.Copies {
		href := clean(c.UpdateLink)
		if seen[href] || checkAbsURL(href) != nil {
			continue
		}
		seen[href] = true
		title := strings.Join(strings.Fields(clean(c.UpdateTitle)), " ")
		if title == "" {
			title = "Another letter"
		}
		if c.PartnerID != it.PartnerID {
			name := clean(c.PartnerName)
			if name == "" {
				name = clean(c.PartnerID)
			}
			title = name + ": " + title
		}
		out = append(out, Link{URL: href, Title: title})
	}
	return out
}
