package site

import (
	"slices"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// Sheet is the prayer list as paper and e-mail show it: a heading with the
// date range and the church's name, then the points grouped by partner
// (this week's rotation first) and by kind. The printed sheet, the digest
// e-mail and the digest feed all render one, so they agree. Its strings
// are redacted plain text; renderers escape them.
type Sheet struct {
	// Church is the feed's title; Heading says which days the sheet covers.
	Church, Heading string
	// From and To bound the time the sheet covers, To excluded.
	From, To time.Time
	// Sentence is "This week we are praying for …", empty when the
	// rotation names nobody the scope may see.
	Sentence string
	Partners []SheetPartner
}

// SheetPartner is one partner's points.
type SheetPartner struct {
	ID, Name, Region string
	// ThisWeek marks a partner of this week's rotation.
	ThisWeek bool
	Groups   []SheetGroup
}

// SheetGroup is one kind of point (prayer, then praise).
type SheetGroup struct {
	Kind   feed.Kind
	Title  string
	Points []SheetPoint
}

// SheetPoint is one point.
type SheetPoint struct {
	Text, Date, Link string
	// Copies are the other letters the point came in.
	Copies []feed.Link
}

// Empty reports whether the sheet holds no point.
func (sh Sheet) Empty() bool { return len(sh.Partners) == 0 }

// Points counts the sheet's points.
func (sh Sheet) Points() int {
	n := 0
	for _, p := range sh.Partners {
		for _, g := range p.Groups {
			n += len(g.Points)
		}
	}
	return n
}

// sheetKinds is the order of the groups within a partner.
var sheetKinds = []feed.Kind{feed.KindPrayer, feed.KindPraise}

// newSheet groups items (already redacted, newest first) into a sheet:
// the partners of thisWeek first, in rotation order, then the others in
// partners.yaml order; each partner keeps at most perPartner points
// (0: all).
func (s *Site) newSheet(items []feed.Item, thisWeek []string, perPartner int) []SheetPartner {
	byPartner := map[string][]feed.Item{}
	for _, it := range items {
		if perPartner > 0 && len(byPartner[it.PartnerID]) >= perPartner {
			continue
		}
		byPartner[it.PartnerID] = append(byPartner[it.PartnerID], it)
	}
	order := slices.Clone(thisWeek)
	for _, p := range s.cfg.Partners {
		if !slices.Contains(order, p.ID) {
			order = append(order, p.ID)
		}
	}
	var out []SheetPartner
	for _, id := range order {
		its := byPartner[id]
		if len(its) == 0 {
			continue
		}
		// Newest update first, and an update's points in the order its
		// letter gives them.
		slices.SortStableFunc(its, func(a, b feed.Item) int {
			if c := b.Published.Compare(a.Published); c != 0 {
				return c
			}
			if c := strings.Compare(a.UpdateGUID, b.UpdateGUID); c != 0 {
				return c
			}
			return a.Position - b.Position
		})
		p, _ := s.partner(id)
		sp := SheetPartner{
			ID: id, Name: s.redact.Text(id, p.Name), Region: s.redact.Text(id, p.Region),
			ThisWeek: slices.Contains(thisWeek, id),
		}
		for _, k := range sheetKinds {
			g := SheetGroup{Kind: k, Title: kindHeading(k)}
			for _, it := range its {
				if it.Kind == k {
					g.Points = append(g.Points, SheetPoint{
						Text: it.Text, Date: it.Published.UTC().Format("2 Jan"), Link: it.UpdateLink, Copies: it.CopyLinks(),
					})
				}
			}
			if len(g.Points) > 0 {
				sp.Groups = append(sp.Groups, g)
			}
		}
		out = append(out, sp)
	}
	return out
}

// kindHeading is a group's heading.
func kindHeading(k feed.Kind) string {
	if k == feed.KindPraise {
		return "Give thanks"
	}
	return "Pray"
}

// thisWeekIDs are the rotation's partners of the week holding t that
// scope may see.
func (s *Site) thisWeekIDs(t time.Time, sc Scope) []string {
	var ids []string
	for _, id := range s.rot.At(t).Partners {
		if s.visible(id, sc) {
			ids = append(ids, id)
		}
	}
	return ids
}

// dateRange is "5–11 January 2026", "29 January – 4 February 2026" or
// "29 December 2025 – 4 January 2026" for the days from..to inclusive.
func dateRange(from, to time.Time) string {
	switch {
	case from.Year() != to.Year():
		return from.Format("2 January 2006") + " – " + to.Format("2 January 2006")
	case from.Month() != to.Month():
		return from.Format("2 January") + " – " + to.Format("2 January 2006")
	}
	return from.Format("2") + "–" + to.Format("2 January 2006")
}
