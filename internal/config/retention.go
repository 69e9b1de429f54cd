package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Retention says how long points are kept (partners.yaml `retention:`).
// The rules are applied after each fetch cycle; an expired point leaves
// every output and the database, with its history and corrections. The
// default, and `keep: all`, keeps everything, as before retention existed.
type Retention struct {
	// Keep is "all" to keep everything (the default); it cannot be
	// combined with the rules below.
	Keep string `yaml:"keep"`
	// MaxAge drops points whose update is older than this, e.g. 26w.
	MaxAge Age `yaml:"max_age"`
	// FollowSource drops points whose update the source no longer lists,
	// once it has been gone this long: `true` waits DefaultFollowSource,
	// a duration like 30d waits that long.
	FollowSource FollowSource `yaml:"follow_source"`
	// MaxItems keeps each partner's newest points only.
	MaxItems int `yaml:"max_items"`
}

// DefaultFollowSource is how long `follow_source: true` waits before
// dropping a point its source stopped listing: a partner's feed that
// briefly drops older entries (a CMS hiccup, a shorter page) costs nothing.
const DefaultFollowSource = 14 * 24 * time.Hour

// KeepsAll reports whether r deletes nothing.
func (r *Retention) KeepsAll() bool {
	return r == nil || (r.MaxAge == 0 && r.FollowSource == 0 && r.MaxItems == 0)
}

// Age is a retention age written as "26w", "180d" or "720h".
type Age time.Duration

// UnmarshalYAML reads an age, accepting "w" (weeks) and "d" (days).
func (a *Age) UnmarshalYAML(n *yaml.Node) error {
	v, err := parseAge(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	*a = Age(v)
	return nil
}

func parseAge(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if weeks, ok := strings.CutSuffix(s, "w"); ok {
		n, err := strconv.Atoi(weeks)
		if err != nil || n < 1 {
			return 0, fmt.Errorf("age %q: want a number of weeks like 26w", s)
		}
		return time.Duration(n) * 7 * 24 * time.Hour, nil
	}
	v, err := ParseDuration(s)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("age %q: want an age like 26w, 180d or 720h", s)
	}
	return v, nil
}

// FollowSource is `follow_source: true|false|30d`: how long a point its
// source no longer lists is kept; zero keeps it.
type FollowSource time.Duration

// UnmarshalYAML reads true, false or an age.
func (f *FollowSource) UnmarshalYAML(n *yaml.Node) error {
	switch strings.ToLower(strings.TrimSpace(n.Value)) {
	case "true", "yes", "on":
		*f = FollowSource(DefaultFollowSource)
		return nil
	case "false", "no", "off":
		*f = 0
		return nil
	}
	v, err := parseAge(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: follow_source: want true, false or how long to wait, like 14d: %v", n.Line, err)}}
	}
	*f = FollowSource(v)
	return nil
}

func (r *Retention) validate(c *checker) {
	switch r.Keep {
	case "":
	case "all":
		if !r.KeepsAll() {
			c.add("retention.keep", "all keeps every point; remove it, or remove max_age, follow_source and max_items")
		}
	default:
		c.add("retention.keep", "%q: want all (or leave keep out and set max_age, follow_source or max_items)", r.Keep)
	}
	if r.MaxItems < 0 {
		c.add("retention.max_items", "%d: want a positive number of points per partner", r.MaxItems)
	}
	if r.MaxAge != 0 && time.Duration(r.MaxAge) < 7*24*time.Hour {
		c.add("retention.max_age", "%s is under a week; a prayer list wants at least 1w", time.Duration(r.MaxAge))
	}
}
