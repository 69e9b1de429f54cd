// Package icstest reads iCalendar documents back for tests: it unfolds
// lines, splits properties and unescapes text, checking as it goes the
// framing rules calendar apps rely on (CRLF, 75-octet lines).
package icstest

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Prop is one content line: NAME;PARAMS:VALUE.
type Prop struct {
	Name   string
	Params map[string]string
	// Value is unescaped for TEXT properties (SUMMARY, DESCRIPTION, ...).
	Value string
}

// Component is a BEGIN/END block with its properties and children.
type Component struct {
	Name     string
	Props    []Prop
	Children []*Component
}

// Get returns the first property called name.
func (c *Component) Get(name string) (Prop, bool) {
	for _, p := range c.Props {
		if p.Name == name {
			return p, true
		}
	}
	return Prop{}, false
}

// Parse reads a whole iCalendar document and returns its VCALENDAR.
func Parse(data string) (*Component, error) {
	lines, err := Unfold(data)
	if err != nil {
		return nil, err
	}
	var stack []*Component
	var root *Component
	for i, l := range lines {
		p, err := parseLine(l)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		switch p.Name {
		case "BEGIN":
			c := &Component{Name: p.Value}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, c)
			} else if root != nil {
				return nil, fmt.Errorf("line %d: a second top-level component", i+1)
			} else {
				root = c
			}
			stack = append(stack, c)
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].Name != p.Value {
				return nil, fmt.Errorf("line %d: END:%s closes nothing open", i+1, p.Value)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 0 {
				return nil, fmt.Errorf("line %d: %s outside any component", i+1, p.Name)
			}
			top := stack[len(stack)-1]
			top.Props = append(top.Props, p)
		}
	}
	if root == nil || len(stack) != 0 {
		return nil, fmt.Errorf("unterminated or empty calendar")
	}
	return root, nil
}

// Unfold splits data into logical lines, checking that every physical
// line ends in CRLF, is at most 75 octets and is valid UTF-8.
func Unfold(data string) ([]string, error) {
	if !strings.HasSuffix(data, "\r\n") {
		return nil, fmt.Errorf("does not end in CRLF")
	}
	var out []string
	for i, phys := range strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(phys, "\r\n"):
			return nil, fmt.Errorf("line %d: a bare CR or LF", i+1)
		case len(phys) > 75:
			return nil, fmt.Errorf("line %d: %d octets, over 75", i+1, len(phys))
		case !utf8.ValidString(phys):
			return nil, fmt.Errorf("line %d: not UTF-8, or folded inside a character", i+1)
		case strings.HasPrefix(phys, " ") || strings.HasPrefix(phys, "\t"):
			if len(out) == 0 {
				return nil, fmt.Errorf("line %d: continuation of nothing", i+1)
			}
			out[len(out)-1] += phys[1:]
		default:
			out = append(out, phys)
		}
	}
	return out, nil
}

// textProps are the properties whose values are RFC 5545 TEXT.
var textProps = map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "X-WR-CALNAME": true, "UID": true, "LOCATION": true}

func parseLine(l string) (Prop, error) {
	colon := strings.IndexByte(l, ':') // parameter values here never hold a quoted colon
	if colon < 1 {
		return Prop{}, fmt.Errorf("%q: no NAME:VALUE", l)
	}
	head, value := l[:colon], l[colon+1:]
	parts := strings.Split(head, ";")
	p := Prop{Name: strings.ToUpper(parts[0]), Params: map[string]string{}, Value: value}
	for _, kv := range parts[1:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return Prop{}, fmt.Errorf("%q: parameter without =", kv)
		}
		p.Params[strings.ToUpper(k)] = v
	}
	if textProps[p.Name] {
		v, err := Unescape(value)
		if err != nil {
			return Prop{}, fmt.Errorf("%s: %w", p.Name, err)
		}
		p.Value = v
	}
	return p, nil
}

// Unescape reads an escaped TEXT value, refusing unescaped , and ; and
// unknown escapes.
func Unescape(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ',' || c == ';':
			return "", fmt.Errorf("unescaped %q in %q", c, s)
		case c != '\\':
			b.WriteByte(c)
		case i+1 == len(s):
			return "", fmt.Errorf("trailing backslash in %q", s)
		default:
			i++
			switch s[i] {
			case '\\', ';', ',':
				b.WriteByte(s[i])
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				return "", fmt.Errorf("unknown escape \\%c in %q", s[i], s)
			}
		}
	}
	return b.String(), nil
}

// Normalize is what a TEXT value reads as after a round trip: CRLF as LF,
// without the control characters and invalid UTF-8 TEXT cannot hold.
func Normalize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
