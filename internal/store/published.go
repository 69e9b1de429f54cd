package store

import "time"

// earliestPublished is the first date an update may claim; anything before
// is a source's placeholder (1970, 0001) rather than a real date.
var earliestPublished = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

// fixPublished is the date an item is published under. A date the source
// gives is kept when it is plausible: not before 1990 and not after now.
// Otherwise (none, a placeholder, or a future date such as year 2999 or a
// time zone slip) the item's first-seen time stands in. Using first seen
// rather than now for future dates keeps an item's date stable across
// fetches; once a slipped date has passed it is taken as given.
func fixPublished(published, firstSeen, now time.Time) time.Time {
	if published.IsZero() || published.Before(earliestPublished) || published.After(now) {
		return firstSeen
	}
	return published.UTC()
}
