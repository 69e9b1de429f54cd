package site

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed assets/embed.js
var embedJS []byte

// templates holds every page template; parsed once, as they are part of the
// binary and a parse error is a programming error.
var templates = template.Must(template.New("").ParseFS(templateFS, "templates/*.html"))

// Content types of the pages.
const (
	contentTypeHTML = "text/html; charset=utf-8"
	contentTypeJS   = "text/javascript; charset=utf-8"
)

// Embed widget limits: the default and largest number of points shown.
const (
	embedDefaultCount = 5
	embedMaxCount     = 50
)

// point is one item as the pages show it. Only plain text goes in: the
// templates escape it, so partner text can never become markup.
type point struct {
	Kind, KindTitle, Partner string
	Date, DateISO            string
	Text                     string
	Link, UpdateTitle        string
	// Copies are the other letters the point came in; Host is Link's
	// host, set only when there are copies to tell it from.
	Copies []copyLink
	Host   string
}

// copyLink is a link to another letter a point came in, with its host so
// that a reader can tell two letters of one title apart (the e-mail's
// web copy and the blog post).
type copyLink struct {
	URL, Title, Host string
}

// copyLinks are it's copies as a page links them.
func copyLinks(it feed.Item) []copyLink {
	var out []copyLink
	for _, l := range it.CopyLinks() {
		out = append(out, copyLink{URL: l.URL, Title: l.Title, Host: hostOf(l.URL)})
	}
	return out
}

// hostOf is the host a reader recognises in u: "kelu.example" for
// https://www.kelu.example/news.
func hostOf(u string) string {
	parsed, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(parsed.Hostname(), "www.")
}

// feedLink is one feed autodiscovery link. Type is the whole type
// attribute, written as is: html/template would escape the "+" of
// "application/atom+xml", and some feed readers' autodiscovery matches the
// media type literally.
type feedLink struct {
	Title, Label, URL string
	Type              template.HTMLAttr
}

// partnerLinks are one partner's feed addresses.
type partnerLinks struct {
	Name, Region    string
	Atom, RSS, JSON string
}

// pageData is what the wall and the embed page render. ThisWeek is for the
// weekly rotation block (the "this-week" template slot).
type pageData struct {
	Title, Description, Language string
	Feeds                        []feedLink
	Partners                     []partnerLinks
	Points                       []point
	ThisWeek                     ThisWeek
	// FirstRun, on a wall with no points, says why.
	FirstRun *FirstRun
	// Status is where the admin status page is.
	Status string
	// Elsewhere links the list's other homes: paper, apps, newsletters.
	Elsewhere []outputLink
	// Groups are the wall's points by partner; PartnerNav links each
	// partner's page; Home is the wall's address; Filtered says the
	// query narrowed the wall.
	Groups     []partnerGroup
	PartnerNav []partnerNav
	Home       string
	Filtered   bool
}

// Wall renders the prayer wall, "/": this week's partners at the top,
// then the recent points of every other partner in scope grouped by
// partner, with filters by kind and partner and links to every feed. A
// served wall also reads ?kind= and ?partner=.
func (s *Site) Wall(ctx context.Context, q url.Values, sc Scope) (*Page, error) {
	f, err := parseWallFilter(q)
	if err != nil {
		return nil, err
	}
	d, err := s.pageData(ctx, nil, sc)
	if err != nil {
		return nil, err
	}
	if d.ThisWeek, err = s.ThisWeekFor(ctx, sc, feed.Query{Kinds: f.Kinds, Partners: f.Partners}); err != nil {
		return nil, err
	}
	var skip []string
	for _, p := range d.ThisWeek.Partners {
		skip = append(skip, p.ID)
	}
	if d.Groups, err = s.groups(ctx, sc, f, skip); err != nil {
		return nil, err
	}
	d.PartnerNav = s.partnerNavs(sc)
	d.Home = s.cfg.BaseURL + sc.Prefix + "/"
	d.Filtered = len(f.Kinds)+len(f.Partners) > 0
	var expires time.Time
	if len(d.Groups) == 0 && !d.ThisWeek.hasItems() && !d.Filtered && !sc.Private {
		if d.FirstRun, err = s.firstRun(ctx); err != nil {
			return nil, err
		}
		d.Status = s.cfg.BaseURL + "/status"
		expires = s.now().Add(firstRunRefresh)
	}
	for _, p := range s.cfg.Partners {
		if s.visible(p.ID, sc) {
			base := s.cfg.BaseURL + sc.Prefix + "/partners/" + p.ID + "/feed"
			d.Partners = append(d.Partners, partnerLinks{
				Name: s.redact.Text(p.ID, p.Name), Region: s.redact.Text(p.ID, p.Region),
				Atom: base + ".atom", RSS: base + ".xml", JSON: base + ".json",
			})
		}
	}
	page, err := execute("wall", d)
	if page != nil {
		page.Expires = expires
	}
	return page, err
}

// Embed renders the iframe widget, "/embed", with the query's count
// (1-50), kind, partner and tag options, theme (light, dark or auto) and
// this_week=0 to leave out the this-week block. A static build renders it
// with no query; the page's script then applies the reader's query.
func (s *Site) Embed(ctx context.Context, q url.Values, sc Scope) (*Page, error) {
	count := embedDefaultCount
	if c := q.Get("count"); c != "" {
		n, err := strconv.Atoi(c)
		if err != nil || n < 1 {
			return nil, fmt.Errorf("%w: count %q: want a positive number", ErrBadQuery, c)
		}
		count = min(n, embedMaxCount)
	}
	theme := q.Get("theme")
	switch theme {
	case "":
		theme = "light"
	case "light", "dark", "auto":
	default:
		return nil, fmt.Errorf("%w: theme %q: want light, dark or auto", ErrBadQuery, theme)
	}
	fq := url.Values{"kind": q["kind"], "partner": q["partner"], "tag": q["tag"]}
	query, _, err := s.feedQuery("/feed", fq, sc)
	if err != nil {
		return nil, err
	}
	query.Limit = count
	items, err := s.items(ctx, query, sc)
	if err != nil {
		return nil, fmt.Errorf("render embed: %w", err)
	}
	d, err := s.pageData(ctx, items, sc)
	if err != nil {
		return nil, err
	}
	d.ThisWeek = ThisWeek{}
	if q.Get("this_week") != "0" {
		if d.ThisWeek, err = s.ThisWeekFor(ctx, sc, query); err != nil {
			return nil, err
		}
	}
	page, err := execute("embed", embedPage{pageData: d, Theme: theme, Applied: q != nil, Script: s.cfg.BaseURL + "/embed.js"})
	if page != nil {
		page.Script = true
	}
	return page, err
}

// embedPage is what the iframe widget renders.
type embedPage struct {
	pageData
	// Theme is light, dark or auto (the reader's system setting).
	Theme string
	// Applied says the query was read here; a static build's page leaves
	// it to the script.
	Applied bool
	// Script is the widget script, which sizes the frame.
	Script string
}

// EmbedJS returns the script widget, "/embed.js". It is the same for every
// site: it finds the feed beside its own address.
func (s *Site) EmbedJS() *Page {
	return &Page{Body: embedJS, ContentType: contentTypeJS}
}

// pageData fills what every page shows; each page sets its own ThisWeek
// block (filtered, or none), so it is not read here.
func (s *Site) pageData(ctx context.Context, items []feed.Item, sc Scope) (pageData, error) {
	d := pageData{
		Title: s.redact.Text("", s.cfg.Title), Description: s.redact.Text("", s.cfg.Description),
		Language: s.cfg.Language,
	}
	if d.Language == "" {
		d.Language = "en"
	}
	for _, f := range []struct {
		format feed.Format
		label  string
	}{{feed.FormatAtom, "Atom"}, {feed.FormatRSS, "RSS"}, {feed.FormatJSON, "JSON Feed"}} {
		d.Feeds = append(d.Feeds, feedLink{
			Title: d.Title + " (" + f.label + ")", Label: f.label,
			Type: typeAttr(f.format), URL: s.cfg.BaseURL + sc.Prefix + "/feed" + f.format.Ext(),
		})
	}
	d.Points = points(items)
	d.Elsewhere = s.outputLinks(sc)
	return d, nil
}

func points(items []feed.Item) []point {
	out := make([]point, len(items))
	for i, it := range items {
		out[i] = pointOf(it)
	}
	return out
}

// typeAttr is the type attribute of a link to a feed in format f: its
// content type without parameters, one of our own constants.
func typeAttr(f feed.Format) template.HTMLAttr {
	mt, _, _ := strings.Cut(f.ContentType(), ";")
	return template.HTMLAttr(`type="` + mt + `"`)
}

func pointOf(it feed.Item) point {
	name := it.PartnerName
	if name == "" {
		name = it.PartnerID
	}
	pub := it.Published.UTC()
	p := point{
		Kind: string(it.Kind), KindTitle: it.Kind.Title(), Partner: name,
		Date: pub.Format("2 January 2006"), DateISO: pub.Format(time.RFC3339),
		Text: it.Text, Link: it.UpdateLink, UpdateTitle: it.UpdateTitle, Copies: copyLinks(it),
	}
	if len(p.Copies) > 0 {
		p.Host = hostOf(p.Link)
	}
	return p
}

func execute(name string, data any) (*Page, error) {
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, name, data); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return &Page{Body: buf.Bytes(), ContentType: contentTypeHTML}, nil
}
