package server

import (
	"errors"
	"net/url"
	"slices"
	"strconv"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Query parameters the published routes read.
var (
	// feedParams are the filters of every feed route.
	feedParams = []string{"kind", "partner", "tag", "limit"}
	// wallParams are the prayer wall's filters.
	wallParams = []string{"kind", "partner"}
	// embedParams are the options of the iframe widget.
	embedParams = []string{"count", "kind", "partner", "tag", "theme", "this_week"}
	// printParams are the options of the printed sheet.
	printParams = []string{"limit", "break", "paper"}
	// partnerParams are read by a partner's routes: its feeds, PrayerMate
	// document and printed sheet.
	partnerParams = append(append([]string{}, feedParams...), "break", "paper")
)

// singleValued parameters keep only their first value, as the site reads
// only that one.
var singleValued = map[string]bool{"limit": true, "count": true, "theme": true, "this_week": true}

// maxQueryLen bounds a normalised query: query strings are the readers' to
// choose, and each distinct one is a cache entry.
const maxQueryLen = 512

var errQueryTooLong = errors.New("query string too long")

// noMatch stands for filter values of which none is configured: the
// filter then matches nothing, as the site reads it, whatever the values
// were. It cannot be a partner id (those start with a letter or digit).
const noMatch = "-"

// knownValues are, per filter parameter, the values that can match
// anything; a parameter not in it takes any value.
type knownValues map[string]map[string]bool

// newKnownValues returns the known values of the partner and tag filters.
func newKnownValues(partners, tags []string) knownValues {
	set := func(vs []string) map[string]bool {
		m := map[string]bool{noMatch: true}
		for _, v := range vs {
			m[v] = true
		}
		return m
	}
	return knownValues{"partner": set(partners), "tag": set(tags),
		// The printed sheet's options: any other value is ignored, and
		// must not make a cache entry of its own.
		"break": set([]string{"partner"}), "paper": set([]string{"a4", "letter"})}
}

// normalize keeps the values of p the page can depend on: for partner and
// tag the configured ones (noMatch when there were values but none is
// configured, so the filter still matches nothing), and for limit and
// count a number in canonical form clamped to what the store serves.
// Values any reader may invent must not each make a cache entry.
func (k knownValues) normalize(p string, vs []string) []string {
	if known, ok := k[p]; ok {
		kept := slices.DeleteFunc(vs, func(v string) bool { return !known[v] })
		if len(kept) == 0 {
			return []string{noMatch}
		}
		return kept
	}
	if singleValued[p] {
		vs = vs[:1]
		// Not a positive number: the site answers 400, which is not cached.
		if n, err := strconv.Atoi(vs[0]); err == nil && n >= 1 {
			vs[0] = strconv.Itoa(min(n, feed.MaxLimit))
		}
	}
	return vs
}

// cacheKey returns the query to render route with and the cache key of
// that page. It keeps only the parameters the route reads and the values
// known normalises them to, drops empty and repeated values and sorts
// them, so equivalent URLs share one entry.
func cacheKey(route, rawQuery string, sc site.Scope, params []string, known knownValues) (url.Values, string, error) {
	prefix := ""
	if sc.Private {
		prefix = "private:" + sc.Prefix + ":"
	}
	if rawQuery == "" || len(params) == 0 {
		return nil, prefix + route, nil
	}
	parsed, err := url.ParseQuery(rawQuery)
	if err != nil {
		return nil, "", err
	}
	q := url.Values{}
	for _, p := range params {
		var vs []string
		for _, v := range parsed[p] {
			if v != "" {
				vs = append(vs, v)
			}
		}
		if len(vs) == 0 {
			continue
		}
		vs = known.normalize(p, vs)
		slices.Sort(vs)
		q[p] = slices.Compact(vs)
	}
	enc := q.Encode()
	if len(enc) > maxQueryLen {
		return nil, "", errQueryTooLong
	}
	if enc == "" {
		return nil, prefix + route, nil
	}
	return q, prefix + route + "?" + enc, nil
}
