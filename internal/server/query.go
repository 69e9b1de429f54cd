package server

import (
	"errors"
	"net/url"
	"slices"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Query parameters the published routes read.
var (
	// feedParams are the filters of every feed route.
	feedParams = []string{"kind", "partner", "tag", "limit"}
	// embedParams are the options of the iframe widget.
	embedParams = []string{"count", "kind", "partner", "tag"}
)

// singleValued parameters keep only their first value, as the site reads
// only that one.
var singleValued = map[string]bool{"limit": true, "count": true}

// maxQueryLen bounds a normalised query: query strings are the readers' to
// choose, and each distinct one is a cache entry.
const maxQueryLen = 512

var errQueryTooLong = errors.New("query string too long")

// cacheKey returns the query to render route with and the cache key of
// that page. It keeps only the parameters the route reads, drops empty and
// repeated values and sorts them, so equivalent URLs share one entry.
func cacheKey(route, rawQuery string, sc site.Scope, params []string) (url.Values, string, error) {
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
		if singleValued[p] {
			vs = vs[:1]
		}
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
