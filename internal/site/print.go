package site

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/rotation"
)

// Points per partner on the printed sheet: the default fits 5 partners on
// one or two A4 or Letter pages; the most keeps a sheet printable.
const (
	printDefaultLimit = 5
	printMaxLimit     = 20
)

// printData is what the print template renders.
type printData struct {
	Language string
	Sheet    Sheet
	// EachOnNewPage starts every partner on a new page (?break=partner),
	// for a stack handed out one partner per person.
	EachOnNewPage bool
	// Confidential marks a sheet naming a private partner.
	Confidential bool
	// Lead and Dates make up the heading; the dates stay on one line.
	Lead, Dates string
	// PageSize is the CSS page size ?paper= asks for ("A4", "letter");
	// empty leaves it to the printer.
	PageSize string
}

// paperSizes are the ?paper= values and their CSS page sizes.
var paperSizes = map[string]string{"a4": "A4", "letter": "letter"}

// printRoute returns the partner ids a print route shows ("" for all
// partners) and whether route is a print route.
func printRoute(route string) (which string, ok bool) {
	switch {
	case route == "/print":
		return "", true
	case route == "/this-week/print":
		return "this-week", true
	case strings.HasPrefix(route, "/partners/") && strings.HasSuffix(route, "/print"):
		id := strings.TrimSuffix(strings.TrimPrefix(route, "/partners/"), "/print")
		if id == "" || strings.Contains(id, "/") {
			return "", false
		}
		return "partner:" + id, true
	}
	return "", false
}

// Print renders the printable weekly prayer sheet: "/print" (every partner
// the scope may see, this week's rotation first), "/this-week/print" or
// "/partners/ID/print", with ?limit= points per partner (default 5),
// ?break=partner for a page per partner and ?paper=a4|letter.
func (s *Site) Print(ctx context.Context, route string, q url.Values, sc Scope) (*Page, error) {
	which, ok := printRoute(route)
	if !ok {
		return nil, ErrNotFound
	}
	limit, err := printLimit(q.Get("limit"))
	if err != nil {
		return nil, err
	}
	now := s.now()
	thisWeek := s.thisWeekIDs(now, sc)
	var ids []string
	switch {
	case which == "":
		ids = s.printOrder(thisWeek, sc)
	case which == "this-week":
		ids = thisWeek
	default:
		id := strings.TrimPrefix(which, "partner:")
		if !s.visible(id, sc) {
			return nil, ErrNotFound
		}
		ids = []string{id}
	}
	var items []feed.Item
	for _, id := range ids {
		its, err := s.items(ctx, feed.Query{Partners: []string{id}, Limit: limit}, sc)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", route, err)
		}
		items = append(items, its...)
	}
	monday := rotation.Monday(now)
	lead, dates := "Prayer points for the week of", dateRange(monday, monday.AddDate(0, 0, 6))
	sh := Sheet{
		Church:   s.redact.Text("", s.cfg.Title),
		Heading:  lead + " " + dates,
		From:     monday,
		To:       monday.AddDate(0, 0, 7),
		Sentence: s.thisWeekSentence(sc),
		Partners: s.newSheet(items, thisWeek, limit),
	}
	if which != "" && which != "this-week" {
		// One partner's sheet: the rotation is someone else's business.
		sh.Sentence = ""
	}
	d := printData{Language: s.cfg.Language, Sheet: sh, Lead: lead, Dates: dates, EachOnNewPage: q.Get("break") == "partner", PageSize: paperSizes[q.Get("paper")]}
	for _, p := range sh.Partners {
		if pp, _ := s.partner(p.ID); pp.Private() {
			d.Confidential = true
		}
	}
	if d.Language == "" {
		d.Language = "en"
	}
	return execute("print", d)
}

// printOrder is every partner scope may see, this week's first.
func (s *Site) printOrder(thisWeek []string, sc Scope) []string {
	ids := append([]string(nil), thisWeek...)
	for _, p := range s.cfg.Partners {
		if s.visible(p.ID, sc) && !contains(ids, p.ID) {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// printLimit reads ?limit=: points per partner, 1 to printMaxLimit.
func printLimit(v string) (int, error) {
	if v == "" {
		return printDefaultLimit, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%w: limit %q: want a positive number", ErrBadQuery, v)
	}
	return min(n, printMaxLimit), nil
}
