package config

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

type fieldError struct{ field, msg string }

type checker struct{ errs []fieldError }

func (c *checker) add(field, format string, args ...any) {
	c.errs = append(c.errs, fieldError{field, fmt.Sprintf(format, args...)})
}

func (cfg *Config) setDefaults() {
	if cfg.Title == "" {
		cfg.Title = DefaultTitle
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.Language == "" {
		cfg.Language = DefaultLanguage
	}
	if cfg.Every == 0 {
		cfg.Every = Duration(DefaultEvery)
	}
	if cfg.Digest != nil {
		cfg.Digest.setDefaults()
	}
	for i := range cfg.Partners {
		p := &cfg.Partners[i]
		if p.Visibility == "" {
			p.Visibility = Public
		}
		if p.Short == "" {
			p.Short = p.Name
		}
		if p.Review == "" {
			p.Review = ReviewAuto
		}
		if p.SilentWeeks == 0 {
			p.SilentWeeks = DefaultSilentWeeks
		}
		for j := range p.Sources {
			s := &p.Sources[j]
			if s.Type == "" {
				s.Type = TypeAuto
				if s.Select != nil {
					s.Type = TypePage
				}
			}
			if s.Every == 0 {
				s.Every = cfg.Every
			}
			if s.FullText == "" {
				s.FullText = FullTextAuto
			}
		}
	}
}

// Validate reports every problem in a config built in code; Load already
// calls it for configs read from a file.
func (cfg *Config) Validate() error {
	errs := cfg.validate()
	out := make([]error, len(errs))
	for i, fe := range errs {
		out[i] = &Error{File: cfg.Path, Field: fe.field, Msg: fe.msg}
	}
	return errors.Join(out...)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

func (cfg *Config) validate() []fieldError {
	c := &checker{}
	checkURL(c, "base_url", cfg.BaseURL)
	if time.Duration(cfg.Every) < MinEvery {
		c.add("every", "%s is too often; partners' sites want at least %s between polls", cfg.Every, MinEvery)
	}
	if len(cfg.Partners) == 0 {
		c.add("partners", "missing: add at least one partner with a source")
	}
	ids := map[string]int{}
	for i, p := range cfg.Partners {
		f := fmt.Sprintf("partners[%d]", i)
		if p.ID == "" {
			c.add(f+".id", "missing: give the partner a short id of lower-case letters, digits and dashes (it is used in URLs)")
		} else if !idPattern.MatchString(p.ID) {
			c.add(f+".id", "%q: want lower-case letters, digits and dashes, as it is used in URLs", p.ID)
		} else if prev, dup := ids[p.ID]; dup {
			c.add(f+".id", "%q is already the id of partners[%d]", p.ID, prev)
		} else {
			ids[p.ID] = i
		}
		p.validate(c, f, cfg.Rotation != nil)
	}
	if cfg.Rotation != nil {
		cfg.Rotation.validate(c, ids)
	}
	if cfg.Digest != nil {
		cfg.Digest.validate(c)
	}
	if cfg.Retention != nil {
		cfg.Retention.validate(c)
	}
	if cfg.Mail != nil {
		cfg.Mail.validate(c)
	}
	return c.errs
}

func (p Partner) validate(c *checker, f string, haveRotation bool) {
	if strings.TrimSpace(p.Name) == "" {
		c.add(f+".name", "missing: every partner needs a name readers will see")
	}
	if p.Homepage != "" {
		checkURL(c, f+".homepage", p.Homepage)
	}
	if p.Visibility != Public && p.Visibility != Private {
		c.add(f+".visibility", "%q: want public or private", p.Visibility)
	}
	if p.Review != "" && p.Review != ReviewAuto && p.Review != ReviewHold {
		c.add(f+".review", "%q: want auto (publish at once) or hold (wait for an admin's approval)", p.Review)
	}
	if p.SilentWeeks < 0 {
		c.add(f+".silent_weeks", "%d: want a number of weeks, 1 or more", p.SilentWeeks)
	}
	for j, t := range p.Tags {
		if !idPattern.MatchString(t) {
			c.add(fmt.Sprintf("%s.tags[%d]", f, j), "%q: want lower-case letters, digits and dashes", t)
		}
	}
	for word := range p.Redact {
		if strings.TrimSpace(word) == "" {
			c.add(f+".redact", "an empty word cannot be redacted")
		}
	}
	for _, m := range append(append([]string{}, p.Markers.Prayer...), p.Markers.Praise...) {
		if strings.TrimSpace(m) == "" {
			c.add(f+".markers", "an empty marker would match everything")
		}
	}
	for j, w := range p.Weeks {
		if w < 1 {
			c.add(fmt.Sprintf("%s.weeks[%d]", f, j), "%d: weeks count from 1", w)
		}
	}
	if len(p.Weeks) > 0 && !haveRotation {
		c.add(f+".weeks", "set, but there is no rotation: add rotation.start")
	}
	for j, e := range p.Email {
		if err := checkEmailPattern(e); err != nil {
			c.add(fmt.Sprintf("%s.email[%d]", f, j), "%q: %v", e, err)
		}
	}
	if len(p.Sources) == 0 && len(p.Email) == 0 {
		c.add(f+".sources", "missing: add at least one source (a feed or page URL), or the addresses the partner e-mails from (email)")
	}
	seen := map[string]bool{}
	for j, s := range p.Sources {
		sf := fmt.Sprintf("%s.sources[%d]", f, j)
		s.validate(c, sf)
		if seen[s.URL] {
			c.add(sf+".url", "%s is listed twice for this partner", s.URL)
		}
		seen[s.URL] = true
	}
}

func (s Source) validate(c *checker, f string) {
	switch s.Type {
	case TypeRSS, TypePage, TypeAuto, TypePDF, TypeIMAP:
	default:
		c.add(f+".type", "%q: want rss, page, auto, pdf or imap", s.Type)
	}
	switch s.FullText {
	case FullTextAuto, FullTextAlways, FullTextNever, "":
	default:
		c.add(f+".full_text", "%q: want auto (read the page when an entry looks like a summary), always or never", s.FullText)
	}
	if s.FullText == FullTextAlways && s.Type != TypeRSS && s.Type != TypeAuto {
		c.add(f+".full_text", "always only applies to feeds (type: rss or auto)")
	}
	if s.Type == TypeIMAP {
		s.validateIMAP(c, f)
	} else {
		checkURL(c, f+".url", s.URL)
		if s.PasswordEnv != "" || s.PasswordFile != "" {
			c.add(f+".password_env", "only an imap source has a password")
		}
	}
	if time.Duration(s.Every) < MinEvery {
		c.add(f+".every", "%s is too often; partners' sites want at least %s between polls", s.Every, MinEvery)
	}
	if s.Select == nil {
		return
	}
	if s.Type != TypePage {
		c.add(f+".select", "selectors only apply to type: page")
	}
	sel := s.Select
	if err := fetcher.CheckSelect(fetcher.Select{Item: sel.Item, Title: sel.Title, Link: sel.Link, Date: sel.Date, Content: sel.Content}); err != nil {
		var se *fetcher.SelectorError
		if errors.As(err, &se) {
			c.add(f+".select."+se.Field, "%q: %v", se.Selector, se.Err)
		} else {
			c.add(f+".select", "%v", err)
		}
	}
}

func (r *Rotation) validate(c *checker, ids map[string]int) {
	if r.Start.IsZero() {
		c.add("rotation.start", "missing: give the Monday of week one, like 2026-01-05")
	} else if wd := r.Start.Weekday(); wd != time.Monday {
		c.add("rotation.start", "%s is a %s; want the Monday of week one", r.Start.Format(time.DateOnly), wd)
	}
	for i, entry := range r.Order {
		for _, id := range entry {
			if _, ok := ids[id]; !ok {
				known := make([]string, 0, len(ids))
				for k := range ids {
					known = append(known, k)
				}
				slices.Sort(known)
				if near := Closest(id, known); near != "" {
					c.add(fmt.Sprintf("rotation.order[%d]", i), "%q is not a partner id: did you mean %s?", id, near)
					continue
				}
				c.add(fmt.Sprintf("rotation.order[%d]", i), "%q is not a partner id", id)
			}
		}
	}
}

func checkURL(c *checker, field, raw string) {
	if raw == "" {
		c.add(field, "missing: want an absolute http(s) URL")
		return
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		c.add(field, "%q: not an absolute http(s) URL", raw)
	}
}
