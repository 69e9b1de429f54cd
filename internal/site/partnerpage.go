package site

import (
	"context"
	"fmt"

	"github.com/prayerfeed/prayerfeed/feed"
)

// partnerPageLimit is how many points a partner's page shows.
const partnerPageLimit = 50

// partnerPage is what a partner's page renders.
type partnerPage struct {
	pageData
	Name, Region, Homepage string
	// Praying says the partner is in this week's rotation.
	Praying bool
	// PartnerFeeds are the partner's own feeds; Print its prayer sheet.
	PartnerFeeds []feedLink
	Print        string
}

// PartnerPage renders "/partners/{id}/": one partner's recent points, with
// its own feeds and sheet.
func (s *Site) PartnerPage(ctx context.Context, id string, sc Scope) (*Page, error) {
	if !s.visible(id, sc) {
		return nil, ErrNotFound
	}
	p, _ := s.partner(id)
	items, err := s.items(ctx, feed.Query{Partners: []string{id}, Limit: partnerPageLimit}, sc)
	if err != nil {
		return nil, fmt.Errorf("render partner page %s: %w", id, err)
	}
	d, err := s.pageData(ctx, items, sc)
	if err != nil {
		return nil, err
	}
	d.ThisWeek = ThisWeek{}
	d.Home = s.cfg.BaseURL + sc.Prefix + "/"
	d.PartnerNav = s.partnerNavs(sc)
	pp := partnerPage{
		pageData: d, Name: s.redact.Text(id, p.Name), Region: s.redact.Text(id, p.Region),
		Homepage: p.Homepage, Print: s.cfg.BaseURL + sc.Prefix + "/partners/" + id + "/print",
	}
	for _, w := range s.rot.At(s.now()).Partners {
		pp.Praying = pp.Praying || w == id
	}
	base := s.cfg.BaseURL + sc.Prefix + "/partners/" + id + "/feed"
	for _, f := range []struct {
		format feed.Format
		label  string
	}{{feed.FormatAtom, "Atom"}, {feed.FormatRSS, "RSS"}, {feed.FormatJSON, "JSON Feed"}} {
		pp.PartnerFeeds = append(pp.PartnerFeeds, feedLink{
			Title: pp.Name + " (" + f.label + ")", Label: f.label, Type: typeAttr(f.format), URL: base + f.format.Ext(),
		})
	}
	return execute("partner", pp)
}
