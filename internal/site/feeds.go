package site

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
)

// FeedPaths are the combined feed's routes, one per format.
var feedExts = []string{".xml", ".atom", ".json"}

// Paths lists every route a static build writes for scope: the pages,
// then the feeds.
func (s *Site) Paths(sc Scope) []string {
	out := []string{"/", "/embed", "/embed.js", "/" + EmbedDataFile, "/calendar.ics"}
	if !sc.Private {
		out = append(out, "/partners.opml")
	}
	for _, ext := range feedExts {
		out = append(out, "/feed"+ext, "/this-week"+ext)
		for _, p := range s.cfg.Partners {
			if s.visible(p.ID, sc) {
				out = append(out, "/partners/"+p.ID+"/feed"+ext)
			}
		}
	}
	for _, p := range s.cfg.Partners {
		if s.visible(p.ID, sc) {
			out = append(out, "/partners/"+p.ID+"/", "/partners/"+p.ID+"/"+EmbedDataFile)
		}
	}
	return append(out, s.outputPaths(sc)...)
}

// Feed renders a feed route: "/feed.atom" or "/partners/ID/feed.json",
// filtered by the query's kind, partner, tag and limit.
func (s *Site) Feed(ctx context.Context, route string, q url.Values, sc Scope) (*Page, error) {
	f, err := feed.FormatFromExt(path.Ext(route))
	if err != nil {
		return nil, ErrNotFound
	}
	base := strings.TrimSuffix(route, path.Ext(route))
	query, title, err := s.feedQuery(base, q, sc)
	if err != nil {
		return nil, err
	}
	items, err := s.items(ctx, query, sc)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	self := s.cfg.BaseURL + sc.Prefix + route
	if enc := q.Encode(); enc != "" {
		self += "?" + enc
	}
	description := s.cfg.Description
	if base == "/this-week" {
		// The widget shows a this-week box's description as its heading.
		if sentence := s.thisWeekSentence(sc); sentence != "" {
			description = sentence
		}
	}
	meta := feed.Meta{
		Title: s.redact.Text("", title), Description: description, HomeURL: s.cfg.BaseURL + "/",
		FeedURL: self, Language: s.cfg.Language,
	}
	var buf bytes.Buffer
	if err := feed.Write(&buf, f, meta, items); err != nil {
		return nil, fmt.Errorf("render %s: %w", route, err)
	}
	return &Page{Body: buf.Bytes(), ContentType: f.ContentType()}, nil
}

// feedQuery turns a feed route and its filters into a store query and a
// feed title.
func (s *Site) feedQuery(base string, q url.Values, sc Scope) (feed.Query, string, error) {
	query := feed.Query{}
	title := s.cfg.Title
	switch {
	case base == "/feed":
	case strings.HasPrefix(base, "/partners/") && strings.HasSuffix(base, "/feed"):
		id := strings.TrimSuffix(strings.TrimPrefix(base, "/partners/"), "/feed")
		if !s.visible(id, sc) {
			return query, "", ErrNotFound
		}
		p, _ := s.partner(id)
		query.Partners = []string{id}
		title = p.Name + " · " + s.cfg.Title
	case base == "/this-week":
		query.Partners, title = s.thisWeekQuery(sc)
	default:
		return query, "", ErrNotFound
	}
	for _, k := range q["kind"] {
		kind, err := feed.ParseKind(k)
		if err != nil {
			return query, "", fmt.Errorf("%w: %v", ErrBadQuery, err)
		}
		query.Kinds = append(query.Kinds, kind)
	}
	if ids := s.filterPartners(q, sc); ids != nil {
		query.Partners = intersect(query.Partners, ids)
		if len(query.Partners) == 0 {
			query.Partners = []string{noPartner}
		}
	}
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			return query, "", fmt.Errorf("%w: limit %q: want a positive number", ErrBadQuery, l)
		}
		query.Limit = n
	}
	return query, title, nil
}

// ErrBadQuery is returned for a filter value the site cannot read.
var ErrBadQuery = fmt.Errorf("bad query")

// filterPartners reads the partner and tag filters; nil means no filter.
func (s *Site) filterPartners(q url.Values, sc Scope) []string {
	partners, tags := q["partner"], q["tag"]
	if len(partners) == 0 && len(tags) == 0 {
		return nil
	}
	ids := []string{}
	for _, p := range s.cfg.Partners {
		if !s.visible(p.ID, sc) {
			continue
		}
		if (len(partners) == 0 || contains(partners, p.ID)) && (len(tags) == 0 || overlaps(tags, p.Tags)) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

func intersect(a, b []string) []string {
	if a == nil {
		return b
	}
	var out []string
	for _, x := range a {
		if contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func overlaps(a, b []string) bool {
	for _, x := range a {
		if contains(b, x) {
			return true
		}
	}
	return false
}

// noPartner is a partner filter that matches nothing, for an empty feed.
const noPartner = "\x00none"
