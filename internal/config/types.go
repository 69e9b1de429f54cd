package config

import (
	"fmt"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a time.Duration written as "6h", "30m" or "2d".
type Duration time.Duration

// UnmarshalYAML reads a duration, accepting a "d" suffix for days.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseDuration(n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: %v", n.Line, err)}}
	}
	*d = Duration(v)
	return nil
}

// ParseDuration reads "90m", "6h" or "2d".
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if days, ok := strings.CutSuffix(s, "d"); ok {
		var n int
		if _, err := fmt.Sscanf(days, "%d", &n); err != nil || fmt.Sprint(n) != days {
			return 0, fmt.Errorf("duration %q: want a number of days like 2d", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("duration %q: want a duration like 30m, 6h or 2d", s)
	}
	return v, nil
}

// String formats the duration the way partners.yaml writes it.
func (d Duration) String() string { return time.Duration(d).String() }

// Date is a calendar day written as 2026-01-05.
type Date struct{ time.Time }

// UnmarshalYAML reads a YYYY-MM-DD date.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse(time.DateOnly, n.Value)
	if err != nil {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: date %q: want YYYY-MM-DD", n.Line, n.Value)}}
	}
	d.Time = t
	return nil
}

// UnmarshalYAML reads one partner id or a list of them.
func (e *RotationEntry) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*e = RotationEntry{n.Value}
		return nil
	case yaml.SequenceNode:
		var ids []string
		if err := n.Decode(&ids); err != nil {
			return err
		}
		*e = ids
		return nil
	}
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: rotation entry: want a partner id or a list of ids", n.Line)}}
}
