package admin

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"net/http"
	"time"
)

// The alerts feed is a small Atom document written with encoding/xml:
// the feed package's writers are for prayer items, with their titles,
// categories and redaction, none of which an alert has.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title    string       `xml:"title"`
	ID       string       `xml:"id"`
	Updated  string       `xml:"updated"`
	Link     atomLink     `xml:"link"`
	Category atomCategory `xml:"category"`
	Summary  string       `xml:"summary"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

// alertsFeed serves the health alerts as Atom, to the admin token (as a
// Bearer header, or ?token= for feed readers that cannot send headers) or
// a logged-in session.
func (h *Handler) alertsFeed(w http.ResponseWriter, r *http.Request) {
	if _, ok := h.caller(r); !ok && !tokenEqual(r.URL.Query().Get("token"), h.cfg.AdminToken) {
		unauthorized(w)
		return
	}
	now := h.cfg.Now().UTC()
	var list []Alert
	if h.cfg.Alerter != nil {
		var err error
		if list, err = h.cfg.Alerter.Alerts(r.Context(), now); err != nil {
			h.fail(w, "list alerts", err)
			return
		}
	}
	base := ""
	if h.cfg.Config != nil {
		base = h.cfg.Config.BaseURL
	}
	doc := atomFeed{
		Title: "Alerts · " + h.title(), ID: base + "/admin/alerts.atom",
		Link:   []atomLink{{Href: base + "/admin/alerts.atom", Rel: "self"}, {Href: base + "/admin"}},
		Author: atomAuthor{Name: "prayerfeed"}, Updated: now.Format(time.RFC3339),
	}
	newest := time.Time{}
	for _, a := range list {
		since := a.Since
		if since.IsZero() {
			since = now
		}
		newest = maxTime(newest, since)
		// The id changes when the condition begins again, so a reader
		// shows a recurrence as new.
		sum := sha256.Sum256([]byte(string(a.Kind) + "\x00" + a.PartnerID + "\x00" + a.SourceURL + "\x00" + since.Format(time.RFC3339)))
		doc.Entries = append(doc.Entries, atomEntry{
			Title: a.Title, ID: "urn:prayerfeed:alert:" + hex.EncodeToString(sum[:12]),
			Updated: since.UTC().Format(time.RFC3339), Link: atomLink{Href: base + "/admin?partner=" + a.PartnerID},
			Category: atomCategory{Term: string(a.Kind)}, Summary: a.Detail,
		})
	}
	if !newest.IsZero() {
		doc.Updated = newest.UTC().Format(time.RFC3339)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(doc); err != nil {
		h.fail(w, "write alerts feed", err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Write(buf.Bytes())
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
