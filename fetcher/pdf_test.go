package fetcher_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/pdftext"
	"github.com/prayerfeed/prayerfeed/internal/pdftext/pdftexttest"
)

// TestPDFSource serves a two-column letter Chromium printed, as a type:
// pdf source and as an rss source whose address answers with a PDF, and
// reads its points in order from both.
func TestPDFSource(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	letter := pdftexttest.Print(t, pdftexttest.Letter(14), true)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/letter.pdf":
			w.Header().Set("Content-Type", "application/pdf")
			w.Header().Set("Last-Modified", "Mon, 02 Mar 2026 09:00:00 GMT")
			w.Write(letter)
		case "/download":
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(letter)
		}
	}))
	defer srv.Close()
	c := fetcher.NewClient(fetcher.ClientConfig{})
	for _, tc := range []struct{ name, typ, path string }{
		{"type pdf", fetcher.TypePDF, "/letter.pdf"},
		{"an rss source answering application/pdf", fetcher.TypeRSS, "/letter.pdf"},
		{"a page source answering a PDF as octet-stream", fetcher.TypePage, "/download"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, err := c.Fetch(context.Background(), fetcher.Source{PartnerID: "okafor", URL: srv.URL + tc.path, Type: tc.typ,
				Select: fetcher.Select{Item: "article"}}, fetcher.Validators{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Updates) != 1 {
				t.Fatalf("%d updates, want 1", len(res.Updates))
			}
			u := res.Updates[0]
			if u.Title != "The Okafor Family: Spring Prayer Letter" {
				t.Errorf("title %q", u.Title)
			}
			if tc.path == "/letter.pdf" && u.Published.Format("2006-01-02") != "2026-03-02" {
				t.Errorf("published %v, want the Last-Modified date", u.Published)
			}
			var got []string
			for _, it := range extract.Update(u, extract.Options{}) {
				got = append(got, it.Text)
			}
			if strings.Join(got, "\n") != strings.Join(pdftexttest.LetterPoints, "\n") {
				t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(pdftexttest.LetterPoints, "\n"))
			}
		})
	}
	t.Run("missing pdftotext is the source's error", func(t *testing.T) {
		c := fetcher.NewClient(fetcher.ClientConfig{PDF: pdftext.Config{Program: "no-such-pdftotext"}})
		_, err := c.Fetch(context.Background(), fetcher.Source{PartnerID: "okafor", URL: srv.URL + "/letter.pdf", Type: fetcher.TypePDF}, fetcher.Validators{})
		var be *fetcher.BodyError
		if !errors.As(err, &be) || !errors.Is(err, pdftext.ErrNoPdftotext) || !strings.Contains(err.Error(), "/letter.pdf") {
			t.Fatalf("err = %v, want a BodyError naming the URL and the missing pdftotext", err)
		}
	})
}
