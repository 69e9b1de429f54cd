package fetcher

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func fetchPage(t *testing.T, srv string, path string, sel Select) []Update {
	t.Helper()
	c := NewClient(ClientConfig{})
	res, err := c.Fetch(context.Background(), Source{PartnerID: "grace", URL: srv + path, Type: TypePage, Select: sel}, Validators{})
	if err != nil {
		t.Fatalf("Fetch %s: %v", path, err)
	}
	return res.Updates
}

func TestPageNewsList(t *testing.T) {
	srv := newSite(t, map[string]page{"/missions/news/": {file: "news-list.html", contentType: "text/html; charset=utf-8"}})
	want := []struct {
		title, link string
		published   time.Time
	}{
		{"Kelu New Testament draft finished", srv.URL + "/missions/news/kelu-new-testament-draft/", time.Date(2026, 7, 14, 14, 30, 0, 0, time.UTC)},
		{"The clinic has a roof again", srv.URL + "/missions/news/clinic-roof/", time.Date(2026, 6, 28, 0, 0, 0, 0, time.UTC)},
		{"June letter from the Okafor family", "https://partners.example.org/letters/june-2026.html", time.Date(2026, 6, 2, 12, 0, 0, 0, time.UTC)},
	}
	for _, tc := range []struct {
		name string
		sel  Select
	}{
		{"all selectors", Select{Item: "article.post", Title: "h2", Link: "h2 a@href", Date: "time@datetime", Content: ".body"}},
		{"item selector only", Select{Item: "article.post"}},
		{"date text", Select{Item: "article.post", Date: ".entry-meta", Content: ".body"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := fetchPage(t, srv.URL, "/missions/news/", tc.sel)
			if len(got) != len(want) {
				t.Fatalf("got %d updates, want %d", len(got), len(want))
			}
			for i, w := range want {
				u := got[i]
				if u.Title != w.title || u.Link != w.link || u.GUID != w.link {
					t.Errorf("update %d: got title %q link %q guid %q, want %q %q", i, u.Title, u.Link, u.GUID, w.title, w.link)
				}
				wantDate := w.published
				if tc.sel.Date == ".entry-meta" {
					wantDate = time.Date(w.published.Year(), w.published.Month(), w.published.Day(), 0, 0, 0, 0, time.UTC)
					if i == 0 {
						wantDate = time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC)
					}
				}
				if !u.Published.Equal(wantDate) {
					t.Errorf("update %d: published %v, want %v", i, u.Published, wantDate)
				}
				if !strings.Contains(u.HTML, "Prayer:") || u.PartnerID != "grace" {
					t.Errorf("update %d: HTML %q lacks its prayer point", i, u.HTML)
				}
			}
			if tc.sel.Content != "" && strings.Contains(got[0].HTML, "comments") {
				t.Errorf("content selector kept the comment link: %q", got[0].HTML)
			}
		})
	}
}

func TestPagePrayerLetter(t *testing.T) {
	srv := newSite(t, map[string]page{"/letters/current": {file: "prayer-letter.html", contentType: "text/html"}})
	got := fetchPage(t, srv.URL, "/letters/current", Select{})
	if len(got) != 1 {
		t.Fatalf("got %d updates, want 1", len(got))
	}
	u := got[0]
	if u.Title != "Summer 2026 Prayer Letter" {
		t.Errorf("title %q", u.Title)
	}
	if u.Link != srv.URL+"/letters/current" || u.GUID != u.Link {
		t.Errorf("link %q guid %q, want the page URL", u.Link, u.GUID)
	}
	// "July 14th" has no year: the latest July 14 not after now.
	now := time.Now().UTC()
	want := time.Date(now.Year(), 7, 14, 0, 0, 0, 0, time.UTC)
	if want.After(now) {
		want = want.AddDate(-1, 0, 0)
	}
	if !u.Published.Equal(want) {
		t.Errorf("published %v, want %v", u.Published, want)
	}
	for _, in := range []string{"Pray for Jonas", "residence permits", "Dear friends"} {
		if !strings.Contains(u.HTML, in) {
			t.Errorf("content lacks %q", in)
		}
	}
	for _, out := range []string{"Give now", "Past letters", "December 3rd", "Privacy", "<style", ".sidebar"} {
		if strings.Contains(u.HTML, out) {
			t.Errorf("content keeps page chrome %q: %s", out, u.HTML)
		}
	}
}

func TestPageCharsets(t *testing.T) {
	srv := newSite(t, map[string]page{
		"/header":      {file: "latin1-header.html", contentType: "text/html; charset=ISO-8859-1"},
		"/meta":        {file: "latin1-meta.html", contentType: "text/html"},
		"/misdeclared": {file: "latin1-misdeclared.html", contentType: "text/html; charset=utf-8"},
		"/undeclared":  {file: "latin1-header.html", contentType: "text/html"},
	})
	for _, path := range []string{"/header", "/meta", "/misdeclared", "/undeclared"} {
		t.Run(path, func(t *testing.T) {
			got := fetchPage(t, srv.URL, path, Select{Item: ".noticia", Date: ".data", Content: ".texto"})
			if len(got) != 2 {
				t.Fatalf("got %d updates, want 2", len(got))
			}
			u := got[0]
			if u.Title != "Escola bíblica em Açailândia" {
				t.Errorf("title %q, want %q", u.Title, "Escola bíblica em Açailândia")
			}
			if !strings.Contains(u.HTML, "Oração: Orem pelos professores") || !strings.Contains(u.HTML, "crianças") {
				t.Errorf("content not decoded: %q", u.HTML)
			}
			if !utf8.ValidString(u.HTML) || strings.ContainsRune(u.HTML, utf8.RuneError) {
				t.Errorf("content is not clean UTF-8: %q", u.HTML)
			}
			if want := time.Date(2026, 7, 14, 0, 0, 0, 0, time.UTC); !u.Published.Equal(want) {
				t.Errorf("published %v, want %v", u.Published, want)
			}
		})
	}
}

func TestPageSelectorErrors(t *testing.T) {
	body, err := readTestdata("news-list.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		sel     Select
		noMatch bool
		want    string
	}{
		{"item matches nothing", Select{Item: "div.news-item"}, true, `item selector "div.news-item"`},
		{"title in no item", Select{Item: "article.post", Title: "h5.headline"}, true, `title selector "h5.headline" matched in none of the 3 items`},
		{"content on a single page", Select{Content: "#letter-body"}, true, `content selector "#letter-body"`},
		{"bad css", Select{Item: "article[", Title: "h2"}, false, `item selector "article["`},
		{"attribute on content", Select{Item: "article", Content: ".body@class"}, false, "only title, link and date read attributes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parsePage(body, "text/html", Source{URL: "https://grace.example/news/", Select: tc.sel}, "https://grace.example/news/", time.Now())
			if err == nil {
				t.Fatal("got no error")
			}
			if errors.Is(err, ErrNoMatch) != tc.noMatch || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (ErrNoMatch %v), want one containing %q (ErrNoMatch %v)", err, errors.Is(err, ErrNoMatch), tc.want, tc.noMatch)
			}
		})
	}
}

func TestPageLinks(t *testing.T) {
	const doc = `<html><head><base href="/archive/2026/"></head><body>
<ul class="posts">
 <li><h3><a href="july.html">July news</a></h3><p>Prayer: rain.</p></li>
 <li><h3><a href="https://other.example/x">Elsewhere</a></h3><p>Praise: rain came.</p></li>
 <li><h3><a href="javascript:alert(1)">Script</a></h3><p>Prayer: wisdom.</p></li>
 <li><h3>No link</h3><p>Prayer: peace.</p></li>
</ul></body></html>`
	got, err := parsePage([]byte(doc), "text/html", Source{URL: "https://grace.example/news", Select: Select{Item: "li"}}, "https://grace.example/news", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://grace.example/archive/2026/july.html", "https://other.example/x", "", ""}
	for i, w := range want {
		if got[i].Link != w {
			t.Errorf("item %d link %q, want %q", i, got[i].Link, w)
		}
		if w == "" && !strings.HasPrefix(got[i].GUID, "sha256:") {
			t.Errorf("item %d without link has GUID %q, want a fingerprint", i, got[i].GUID)
		}
	}
}

func TestPageIdentityIgnoresVolatileBits(t *testing.T) {
	page := func(views, ago string) []byte {
		return []byte(`<div class="entry"><h2>Field update</h2><p class="stats">Viewed ` + views + ` times · posted ` + ago + `</p>
<p>Prayer: pray for the new believers in the village.</p><form><input name="csrf" value="` + views + `"></form>
<script>var nonce="` + ago + `"</script></div>`)
	}
	src := Source{URL: "https://grace.example/updates", Select: Select{Item: ".entry"}}
	a, err := parsePage(page("12", "3 hours ago"), "", src, src.URL, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	b, err := parsePage(page("4711", "2 days ago"), "", src, src.URL, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if a[0].GUID != b[0].GUID {
		t.Errorf("GUID changed with counters and relative times: %q then %q", a[0].GUID, b[0].GUID)
	}
	c, _ := parsePage([]byte(strings.Replace(string(page("12", "3 hours ago")), "new believers", "old believers", 1)), "", src, src.URL, time.Now())
	if c[0].GUID == a[0].GUID {
		t.Errorf("GUID did not change with the content's words")
	}
}

func TestPageSharedLinksStayDistinct(t *testing.T) {
	const doc = `<div class="n"><h2>One</h2><p>Prayer: a.</p><a href="/news">Read more</a></div>
<div class="n"><h2>Two</h2><p>Prayer: b.</p><a href="/news">Read more</a></div>`
	got, err := parsePage([]byte(doc), "", Source{URL: "https://grace.example/", Select: Select{Item: ".n"}}, "https://grace.example/", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if got[0].GUID == got[1].GUID {
		t.Errorf("two entries share GUID %q", got[0].GUID)
	}
}
