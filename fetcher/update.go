// Package fetcher reads partner sources over HTTP: a polite client with
// conditional GET, timeouts and size caps, and readers that turn a feed or a
// web page into Updates.
package fetcher

import "time"

// Update is one piece of news from a partner: a feed entry or a page article.
type Update struct {
	PartnerID string
	SourceURL string
	// GUID identifies the update within its source across fetches.
	GUID  string
	Link  string
	Title string
	// Published is zero when the source gives no date.
	Published time.Time
	// HTML is the update's body as published (unsanitized); Text is its
	// plain-text form when the source has no HTML.
	HTML string
	Text string
}
