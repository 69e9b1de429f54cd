package worker

import (
	"context"
	"net"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/publicsuffix"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// maxFullTextPerFetch bounds the pages read for one feed fetch: a summary
// feed added with a hundred entries costs twenty page fetches, not a
// hundred, and its newest entries (listed first) are the ones read.
const maxFullTextPerFetch = 20

// summaryChars is the length under which an entry's text that stops
// mid-sentence counts as a summary in auto mode; partners' letters run to
// thousands.
const summaryChars = 600

// summaryEnd matches how feeds cut an entry short.
var summaryEnd = regexp.MustCompile(`(?i)(…|\.\.\.|\[…\]|\[\.\.\.\]|read more|continue reading|weiterlesen|leer más|lire la suite|ler mais|baca selengkapnya)\W*$`)

// updateReader reads a stored update; *store.Store is one. A Store that
// is one too lets a feed entry's page be read once, not on every fetch.
type updateReader interface {
	UpdateByID(ctx context.Context, id string) (store.Update, error)
}

// fullText replaces the content of summary entries of a feed fetch with
// their page's main content: read through the Fetcher as a page source
// (the same limits and robots.txt), once per entry, since the store keeps
// what was read and a later fetch reuses it.
func (w *Worker) fullText(ctx context.Context, src config.Source, updates []fetcher.Update) []fetcher.Update {
	if src.FullText == config.FullTextNever || (src.Type != config.TypeRSS && src.Type != config.TypeAuto) {
		return updates
	}
	reader, _ := w.cfg.Store.(updateReader)
	fetched := 0
	for i, u := range updates {
		summary := textOf(u)
		auto := src.FullText != config.FullTextAlways
		if auto && (!isSummary(summary) || !sameSite(u.Link, src.URL)) {
			continue
		}
		if !strings.HasPrefix(u.Link, "http://") && !strings.HasPrefix(u.Link, "https://") {
			continue
		}
		if reader != nil {
			// Stored before: its page was read then (or it was stored
			// before full text existed); what was kept stands.
			if st, err := reader.UpdateByID(ctx, store.UpdateID(u.PartnerID, u.GUID)); err == nil {
				if st.Format == store.FormatHTML && len(st.Content) > len(u.HTML) {
					updates[i].HTML = st.Content
				}
				continue
			}
		}
		if fetched >= maxFullTextPerFetch {
			continue
		}
		fetched++
		res, err := w.cfg.Fetcher.Fetch(ctx, fetcher.Source{PartnerID: u.PartnerID, URL: u.Link, Type: fetcher.TypePage}, fetcher.Validators{})
		if err != nil || len(res.Updates) != 1 {
			if err != nil {
				w.cfg.Logger.Info("full text not read; the summary stays", "partner", u.PartnerID, "url", u.Link, "err", err)
			}
			continue
		}
		page := res.Updates[0]
		pageText := textOf(page)
		if !auto || (len(pageText) > len(summary)*3/2 && holdsStart(pageText, summary)) {
			updates[i].HTML, updates[i].Text = page.HTML, page.Text
		}
	}
	return updates
}

// isSummary reports whether an entry's text looks cut short: it ends in
// an ellipsis or "Read more", or is short and stops mid-sentence.
func isSummary(text string) bool {
	text = strings.TrimSpace(text)
	if summaryEnd.MatchString(text) {
		return true
	}
	return text != "" && len(text) < summaryChars && !strings.ContainsAny(text[len(text)-1:], ".!?)\"'”’")
}

// sameSite reports whether link is on the feed's own site (the same
// registrable domain), as a blog's articles are: auto mode reads no page
// of another site a feed merely links to.
func sameSite(link, feedURL string) bool {
	a, b := hostOf(link), hostOf(feedURL)
	if h, _, err := net.SplitHostPort(a); err == nil {
		a = h
	}
	if h, _, err := net.SplitHostPort(b); err == nil {
		b = h
	}
	if a == b {
		return true
	}
	oa, err1 := publicsuffix.EffectiveTLDPlusOne(a)
	ob, err2 := publicsuffix.EffectiveTLDPlusOne(b)
	return err1 == nil && err2 == nil && oa == ob
}

// holdsStart reports whether page holds the summary's first words: the
// page is the article the summary begins, not a home page.
func holdsStart(page, summary string) bool {
	words := strings.Fields(strings.ToLower(summaryEnd.ReplaceAllString(summary, "")))
	words = words[:min(len(words), 8)]
	return len(words) > 0 && strings.Contains(strings.ToLower(page), strings.Join(words, " "))
}

// textOf is an update's visible text.
func textOf(u fetcher.Update) string {
	if u.HTML == "" {
		return u.Text
	}
	z := html.NewTokenizer(strings.NewReader(u.HTML))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
			b.WriteByte(' ')
		}
	}
}
