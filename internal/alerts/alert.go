// Package alerts finds what a missions committee should look at: a source
// failing fetch after fetch, a page whose selectors stopped matching, a
// partner whose letters yield no points, a partner gone silent, and points
// waiting for review. Each alert names the partner, the source and what to
// do. It reads plain values; the caller brings the store's.
package alerts

import "time"

// Kind is what an alert is about; it is stable, for feeds and scripts.
type Kind string

// The kinds of alert.
const (
	KindFailing  Kind = "source-failing"
	KindSelector Kind = "selectors-stopped-matching"
	KindNoPoints Kind = "no-points"
	KindSilent   Kind = "partner-silent"
	KindPending  Kind = "waiting-for-review"
)

// Alert is one thing that needs a person.
type Alert struct {
	Kind        Kind
	PartnerID   string
	PartnerName string
	// SourceURL is "" for an alert about the partner as a whole.
	SourceURL string
	// Title says what is wrong in a line; Detail what happened (the
	// error) and what to do.
	Title, Detail string
	// Since is when the condition began (or was last seen to hold).
	Since time.Time
}
