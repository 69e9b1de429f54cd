package config

import (
	"net/url"
	"regexp"
	"strings"
)

// secretParamWords mark a query parameter whose value is a credential:
// access_key, api_key, token, auth, password, signature, session and the
// like. Partners hand out feed addresses with these; they must never
// reach a published file, a log or a terminal another person reads.
var secretParamWords = []string{"key", "token", "secret", "pass", "pwd", "auth", "sig", "session", "sid", "credential", "code"}

// PublicURL returns raw without the parts that grant access: its userinfo
// (https://user:pass@…) and its secret-looking query parameters. What is
// not a URL is returned as it is.
func PublicURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	changed := false
	if u.User != nil {
		u.User, changed = nil, true
	}
	if u.RawQuery != "" {
		q, err := url.ParseQuery(u.RawQuery)
		if err != nil {
			u.RawQuery, changed = "", true
		}
		for name := range q {
			if secretParam(name) {
				q.Del(name)
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
		}
	}
	if !changed {
		return raw
	}
	return u.String()
}

func secretParam(name string) bool {
	name = strings.ToLower(name)
	for _, w := range secretParamWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

var urlInText = regexp.MustCompile(`(?i)\b[a-z][a-z0-9+.-]*://[^\s"'<>]+`)

// PublicText is s with every URL in it made public (PublicURL): for error
// messages, which quote the addresses they failed on.
func PublicText(s string) string {
	if !strings.Contains(s, "://") {
		return s
	}
	return urlInText.ReplaceAllStringFunc(s, PublicURL)
}
