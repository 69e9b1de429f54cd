package fetcher

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"github.com/andybalholm/cascadia"
)

// field is one configured selector: CSS, and an attribute to read
// instead of the text when written "css@attr".
type field struct {
	name, raw, css, attr string
}

// selectors are a page source's compiled selectors.
type selectors struct {
	item, title, link, date, content field
}

// SelectorError is a page source selector that cannot be used.
type SelectorError struct {
	// Field is item, title, link, date or content.
	Field    string
	Selector string
	Err      error
}

func (e *SelectorError) Error() string {
	return fmt.Sprintf("%s selector %q: %v", e.Field, e.Selector, e.Err)
}

// Unwrap returns the underlying problem.
func (e *SelectorError) Unwrap() error { return e.Err }

// CheckSelect reports the first selector of sel that is not valid CSS or
// reads an attribute where none can be read. partners.yaml is checked with
// it, so a typo stops the run before any fetch.
func CheckSelect(sel Select) error {
	_, err := compileSelect(sel)
	return err
}

// compileSelect checks every selector of sel, so a typo is reported as
// such rather than as a page that matches nothing.
func compileSelect(sel Select) (selectors, error) {
	var out selectors
	for _, f := range []struct {
		name, raw string
		dst       *field
		attrOK    bool
	}{
		{"item", sel.Item, &out.item, false},
		{"title", sel.Title, &out.title, true},
		{"link", sel.Link, &out.link, true},
		{"date", sel.Date, &out.date, true},
		{"content", sel.Content, &out.content, false},
	} {
		css, attr := splitSelector(f.raw)
		if attr != "" && !f.attrOK {
			return out, &SelectorError{Field: f.name, Selector: f.raw,
				Err: fmt.Errorf("@%s: only title, link and date read attributes", attr)}
		}
		if css != "" {
			if _, err := cascadia.Compile(css); err != nil {
				return out, &SelectorError{Field: f.name, Selector: f.raw, Err: fmt.Errorf("not a CSS selector: %w", err)}
			}
		}
		*f.dst = field{name: f.name, raw: strings.TrimSpace(f.raw), css: css, attr: attr}
	}
	return out, nil
}

// given reports whether the source configured this selector.
func (f field) given() bool { return f.raw != "" }

// pick reads the first match of f within s: the attribute f names, else
// fallbackAttr when the element has it (datetime on <time>), else the
// text. A selector of only "@attr" reads s itself.
func (f field) pick(s *goquery.Selection, fallbackAttr string) string {
	if !f.given() {
		return ""
	}
	m := s
	if f.css != "" {
		m = s.Find(f.css).First()
	}
	if m.Length() == 0 {
		return ""
	}
	if f.attr != "" {
		return m.AttrOr(f.attr, "")
	}
	if fallbackAttr != "" {
		if v, ok := m.Attr(fallbackAttr); ok {
			return v
		}
	}
	return m.Text()
}

// matchSomewhere returns ErrNoMatch when a configured title, link, date or
// content selector matches inside none of scope's elements: the site has
// changed under the selectors.
func (s selectors) matchSomewhere(scope *goquery.Selection) error {
	for _, f := range []field{s.title, s.link, s.date, s.content} {
		if f.css == "" || scope.Find(f.css).Length() > 0 {
			continue
		}
		if n := scope.Length(); n > 1 {
			return fmt.Errorf("%w: %s selector %q matched in none of the %d items", ErrNoMatch, f.name, f.raw, n)
		}
		return fmt.Errorf("%w: %s selector %q", ErrNoMatch, f.name, f.raw)
	}
	return nil
}

// splitSelector splits "h2 a@href" into "h2 a" and "href". An @ inside
// an attribute selector ("a[href*='@']") is part of the CSS.
func splitSelector(sel string) (css, attr string) {
	sel = strings.TrimSpace(sel)
	if i := strings.LastIndex(sel, "@"); i >= 0 && !strings.ContainsAny(sel[i:], " ]\"'=") {
		return strings.TrimSpace(sel[:i]), sel[i+1:]
	}
	return sel, ""
}
