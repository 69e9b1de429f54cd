package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

// EmbedDataFile is the file name of the script widget's data: at the root
// for every partner, and under /partners/{id}/ for one.
//
// The script widget reads these instead of feed.json because a script
// element loads from any host, while fetch() of JSON from another origin
// needs the host to send Access-Control-Allow-Origin, which a static host
// (GitHub Pages, a shared host without .htaccess rights) often cannot. The
// file is plain data pushed onto a global queue, with no callback name
// taken from the request (so not JSONP, and the same bytes for every page).
const EmbedDataFile = "embed-data.js"

// embedDataPerKind is how many of each kind a data file holds: the
// widget's largest count, so any data-count and data-kind is served whole.
const embedDataPerKind = embedMaxCount

// embedData is what a data file pushes.
type embedData struct {
	// Partner is the partner id of a partner's file, "" for the root one.
	Partner string `json:"partner"`
	// ThisWeek, in the root file, is this week's rotation.
	ThisWeek *embedWeek  `json:"this_week,omitempty"`
	Items    []embedItem `json:"items"`
}

type embedWeek struct {
	Sentence string `json:"sentence"`
	// Partners are this week's partners in rotation order, each with the
	// phrase the sentence names it by ("IJM, our partner in South Asia"),
	// so a widget showing some of them can say so.
	Partners []embedWeekPartner `json:"partners"`
}

type embedWeekPartner struct {
	ID     string `json:"id"`
	Phrase string `json:"phrase"`
}

type embedItem struct {
	Kind      string `json:"kind"`
	Text      string `json:"text"`
	Partner   string `json:"partner"`
	PartnerID string `json:"partner_id"`
	Date      string `json:"date"`
	Link      string `json:"link,omitempty"`
	Title     string `json:"title,omitempty"`
	// Copies are the other letters the point came in.
	Copies []embedLink `json:"copies,omitempty"`
}

// embedLink is a link to another letter a point came in.
type embedLink struct {
	Link  string `json:"link"`
	Title string `json:"title"`
}

// embedLinks are it's copies as the widget links them.
func embedLinks(it feed.Item) []embedLink {
	var out []embedLink
	for _, l := range it.CopyLinks() {
		out = append(out, embedLink{Link: l.URL, Title: l.Title})
	}
	return out
}

// embedDataRoute reports whether route is a data file, and whose: "" for
// the root one, else the partner id.
func embedDataRoute(route string) (partner string, ok bool) {
	if route == "/"+EmbedDataFile {
		return "", true
	}
	rest, ok := strings.CutPrefix(route, "/partners/")
	if !ok {
		return "", false
	}
	id, ok := strings.CutSuffix(rest, "/"+EmbedDataFile)
	return id, ok && id != "" && !strings.Contains(id, "/")
}

// EmbedData renders a data file of the script widget: the latest points of
// each kind of every partner in scope (or of one), and in the root file
// this week's rotation.
func (s *Site) EmbedData(ctx context.Context, partner string, sc Scope) (*Page, error) {
	d := embedData{Partner: partner, Items: []embedItem{}}
	var partners []string
	if partner != "" {
		if !s.visible(partner, sc) {
			return nil, ErrNotFound
		}
		partners = []string{partner}
	} else {
		d.ThisWeek = &embedWeek{Sentence: s.thisWeekSentence(sc), Partners: []embedWeekPartner{}}
		for _, id := range s.rot.At(s.now()).Partners {
			if p, ok := s.partner(id); ok && s.visible(id, sc) {
				d.ThisWeek.Partners = append(d.ThisWeek.Partners, embedWeekPartner{
					ID: id, Phrase: WeekPartner{Name: s.redact.Text(id, p.Short), Region: s.redact.Text(id, p.Region)}.phrase(),
				})
			}
		}
	}
	var items []feed.Item
	for _, k := range []feed.Kind{feed.KindPrayer, feed.KindPraise} {
		got, err := s.items(ctx, feed.Query{Kinds: []feed.Kind{k}, Partners: partners, Limit: embedDataPerKind}, sc)
		if err != nil {
			return nil, fmt.Errorf("render %s: %w", EmbedDataFile, err)
		}
		items = append(items, got...)
	}
	slices.SortStableFunc(items, func(a, b feed.Item) int { return b.Published.Compare(a.Published) })
	for _, it := range items {
		d.Items = append(d.Items, embedItem{
			Kind: string(it.Kind), Text: it.Text, Partner: it.PartnerName, PartnerID: it.PartnerID,
			Date: it.Published.UTC().Format(time.RFC3339), Link: it.UpdateLink, Title: it.UpdateTitle,
			Copies: embedLinks(it),
		})
	}
	// json.Marshal escapes <, >, & and U+2028/U+2029, so no partner text
	// can end the script or break the JavaScript around it.
	js, err := json.Marshal(d)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", EmbedDataFile, err)
	}
	var buf bytes.Buffer
	buf.WriteString("/* prayerfeed widget data: read by embed.js */\n(window.prayerfeedData = window.prayerfeedData || []).push(")
	buf.Write(js)
	buf.WriteString(");\n")
	return &Page{Body: buf.Bytes(), ContentType: contentTypeJS}, nil
}
