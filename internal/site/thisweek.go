package site

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// ThisWeek is the "This week we are praying for …" block of the prayer
// wall and the widget: the partners of this rotation week that the scope
// may see, each with its latest points. Its strings are redacted.
type ThisWeek struct {
	// Monday starts the week.
	Monday   time.Time
	Partners []WeekPartner
}

// WeekPartner is one partner prayed for this week.
type WeekPartner struct {
	ID string
	// Name is the partner's short name ("IJM"); FullName its whole name.
	Name, FullName, Region, Homepage string
	// FeedURL is the partner's own Atom feed; PageURL its page.
	FeedURL, PageURL string
	// Items are its latest points, newest first.
	Items []feed.Item
}

// ThisWeekItems is how many latest points the block shows per partner.
const ThisWeekItems = 3

// ThisWeek returns this week's block for scope; it has no partners when
// the rotation names none the scope may see.
func (s *Site) ThisWeek(ctx context.Context, sc Scope) (ThisWeek, error) {
	return s.ThisWeekFor(ctx, sc, feed.Query{})
}

// ThisWeekFor is ThisWeek narrowed by a widget's filters: only the
// partners in f.Partners (all when empty), each with points of f.Kinds.
func (s *Site) ThisWeekFor(ctx context.Context, sc Scope, f feed.Query) (ThisWeek, error) {
	w := s.rot.At(s.now())
	tw := ThisWeek{Monday: w.Monday}
	for _, id := range w.Partners {
		if !s.visible(id, sc) || len(f.Partners) > 0 && !contains(f.Partners, id) {
			continue
		}
		p, _ := s.partner(id)
		items, err := s.items(ctx, feed.Query{Partners: []string{id}, Kinds: f.Kinds, Limit: ThisWeekItems}, sc)
		if err != nil {
			return tw, fmt.Errorf("this week: %w", err)
		}
		tw.Partners = append(tw.Partners, WeekPartner{
			ID: id, Name: s.redact.Text(id, p.Short), FullName: s.redact.Text(id, p.Name),
			Region: s.redact.Text(id, p.Region), Homepage: p.Homepage,
			FeedURL: s.cfg.BaseURL + sc.Prefix + "/partners/" + id + "/feed.atom",
			PageURL: s.partnerPageURL(id, sc),
			Items:   items,
		})
	}
	return tw, nil
}

// Sentence is the block's heading: "This week we are praying for IJM, our
// partner in South Asia, and Kelu." Empty when no partner is named.
func (tw ThisWeek) Sentence() string {
	if len(tw.Partners) == 0 {
		return ""
	}
	parts := make([]string, len(tw.Partners))
	for i, p := range tw.Partners {
		parts[i] = p.phrase()
	}
	list := parts[0]
	if n := len(parts); n > 1 {
		list = strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
		if n > 2 || strings.Contains(parts[0], ",") {
			list = strings.Join(parts[:n-1], ", ") + ", and " + parts[n-1]
		}
	}
	return "This week we are praying for " + list + "."
}

// FeedLabel is the link text of the partner's own feed: "IJM's feed",
// "The Smiths' feed".
func (p WeekPartner) FeedLabel() string { return possessive(p.Name) + " feed" }

// possessive is the English possessive of a name: "IJM's", "the Smiths'".
func possessive(name string) string {
	if strings.HasSuffix(name, "s") && !strings.HasSuffix(name, "ss") {
		return name + "'"
	}
	return name + "'s"
}

// phrase names the partner in the this-week sentence: "IJM, our partner
// in South Asia"; a partner serving everywhere is "serving worldwide".
func (p WeekPartner) phrase() string {
	switch {
	case p.Region == "":
		return p.Name
	case worldwide(p.Region):
		return p.Name + ", serving worldwide"
	}
	return p.Name + ", our partner in " + p.Region
}

// worldwide reports whether a region names no one place.
func worldwide(region string) bool {
	switch strings.ToLower(strings.TrimSpace(region)) {
	case "worldwide", "global", "international", "world", "everywhere", "various", "multiple":
		return true
	}
	return false
}

// thisWeekQuery returns the partner filter and title of the /this-week
// feeds: this week's visible partners, or a filter matching nothing.
// thisWeekSentence is "This week we are praying for IJM, our partner in
// South Asia." for scope, or "" when the rotation names nobody it may see.
func (s *Site) thisWeekSentence(sc Scope) string {
	var tw ThisWeek
	for _, id := range s.rot.At(s.now()).Partners {
		if p, ok := s.partner(id); ok && s.visible(id, sc) {
			tw.Partners = append(tw.Partners, WeekPartner{Name: s.redact.Text(id, p.Short), Region: s.redact.Text(id, p.Region)})
		}
	}
	return tw.Sentence()
}

func (s *Site) thisWeekQuery(sc Scope) ([]string, string) {
	var ids, names []string
	for _, id := range s.rot.At(s.now()).Partners {
		if s.visible(id, sc) {
			p, _ := s.partner(id)
			ids, names = append(ids, id), append(names, p.Short)
		}
	}
	if len(ids) == 0 {
		return []string{noPartner}, "This week · " + s.cfg.Title
	}
	return ids, "This week: " + strings.Join(names, ", ")
}

// hasItems reports whether any partner of the week has points to show.
func (tw ThisWeek) hasItems() bool {
	for _, p := range tw.Partners {
		if len(p.Items) > 0 {
			return true
		}
	}
	return false
}

// Points are the partner's items as the pages show them.
func (p WeekPartner) Points() []point { return points(p.Items) }
