package server

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// notModified reports whether a conditional GET may be answered with 304,
// given the request's If-None-Match and If-Modified-Since values.
func (e *entry) notModified(inm, ims []string) bool {
	return notModified(inm, ims, e.etag, e.etagGz, e.modified)
}

// notModified reports whether If-None-Match names one of the page's entity
// tags (weak comparison, as RFC 9110 asks for GET; either encoding's tag
// matches, since both carry the same content), or, without If-None-Match,
// If-Modified-Since is no earlier than the page's last change.
func notModified(inm, ims []string, etag, etagGz string, modified time.Time) bool {
	if len(inm) > 0 {
		for _, v := range inm {
			if etagListMatches(v, etag, etagGz) {
				return true
			}
		}
		return false
	}
	if len(ims) == 0 {
		return false
	}
	t, err := http.ParseTime(ims[0])
	return err == nil && !modified.After(t)
}

// etagListMatches reports whether the If-None-Match list matches etag or
// etagGz, comparing weakly (a W/ prefix is ignored); "*" matches any.
func etagListMatches(list, etag, etagGz string) bool {
	for list != "" {
		var tag string
		tag, list, _ = strings.Cut(list, ",")
		tag = strings.TrimSpace(tag)
		tag = strings.TrimPrefix(tag, "W/")
		if tag == "*" || (etag != "" && tag == etag) || (etagGz != "" && tag == etagGz) {
			return true
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding allows gzip: it is listed,
// or "*" is, with a q-value above zero.
func acceptsGzip(values []string) bool {
	for _, v := range values {
		for v != "" {
			var coding string
			coding, v, _ = strings.Cut(v, ",")
			name, params, _ := strings.Cut(coding, ";")
			name = strings.TrimSpace(name)
			if !strings.EqualFold(name, "gzip") && !strings.EqualFold(name, "x-gzip") && name != "*" {
				continue
			}
			return qualityAboveZero(params)
		}
	}
	return false
}

// qualityAboveZero reads the q parameter of an Accept-Encoding element;
// absent means 1.
func qualityAboveZero(params string) bool {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		return err == nil && q > 0
	}
	return true
}
