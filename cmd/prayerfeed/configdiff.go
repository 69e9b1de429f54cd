package main

import (
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// configChanges says, one line each, what differs between the config in
// use and a reloaded one: partners added and removed, sources added and
// removed, and every other key that changed, by its partners.yaml name.
// Values are left out: they may be tokens, or names a redaction hides.
func configChanges(old, cfg *config.Config) []string {
	out := fieldChanges("", reflect.ValueOf(*old), reflect.ValueOf(*cfg), "Partners", "Path")
	before := make(map[string]config.Partner, len(old.Partners))
	for _, p := range old.Partners {
		before[p.ID] = p
	}
	for _, p := range cfg.Partners {
		op, ok := before[p.ID]
		delete(before, p.ID)
		if !ok {
			out = append(out, "partner "+p.ID+" added ("+plural(len(p.Sources), "source")+")")
			continue
		}
		out = append(out, fieldChanges("partner "+p.ID+": ", reflect.ValueOf(op), reflect.ValueOf(p), "Sources")...)
		out = append(out, sourceChanges("partner "+p.ID+": ", op.Sources, p.Sources)...)
	}
	for _, p := range old.Partners {
		if _, gone := before[p.ID]; gone {
			out = append(out, "partner "+p.ID+" removed")
		}
	}
	return out
}

// fieldChanges lists the yaml keys of the struct fields that differ
// between a and b, except those named in skip.
func fieldChanges(prefix string, a, b reflect.Value, skip ...string) []string {
	var out []string
	t := a.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || slices.Contains(skip, f.Name) {
			continue
		}
		if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
			key, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			change := prefix + key + " changed"
			if key == "digest" {
				// digestLoop reads the config serve started with.
				change += " (the e-mail schedule takes it at the next restart)"
			}
			out = append(out, change)
		}
	}
	return out
}

// sourceChanges lists sources added, removed or changed, by URL.
func sourceChanges(prefix string, old, cur []config.Source) []string {
	var out []string
	byURL := make(map[string]config.Source, len(old))
	for _, s := range old {
		byURL[s.URL] = s
	}
	for _, s := range cur {
		o, ok := byURL[s.URL]
		delete(byURL, s.URL)
		switch {
		case !ok:
			out = append(out, prefix+"source "+s.URL+" added")
		case !reflect.DeepEqual(o, s):
			out = append(out, prefix+"source "+s.URL+" changed")
		}
	}
	for _, s := range old {
		if _, gone := byURL[s.URL]; gone {
			out = append(out, prefix+"source "+s.URL+" removed")
		}
	}
	return out
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
