package pdftext_test

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/extract"
	"github.com/prayerfeed/prayerfeed/internal/pdftext"
	"github.com/prayerfeed/prayerfeed/internal/pdftext/pdftexttest"
)

// oneLine joins wrapped lines so a sentence can be found whatever the
// column width did to it.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestTwoColumnLetterInReadingOrder(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	pdf := pdftexttest.Print(t, pdftexttest.Letter(14), true)
	text, err := pdftext.Text(context.Background(), pdftext.Config{}, pdf)
	if err != nil {
		t.Fatal(err)
	}
	flat := oneLine(text)
	// Reading order: the greeting, every week in turn, then the points.
	last := -1
	want := []string{"Dear friends, greetings from Jos.", "Week 1 at", "Week 7 at", "Week 14 at"}
	want = append(want, pdftexttest.LetterPoints...)
	for _, w := range want {
		i := strings.Index(flat, w)
		if i < 0 {
			t.Fatalf("%q missing from the text:\n%s", w, text)
		}
		if i < last {
			t.Errorf("%q out of reading order:\n%s", w, text)
		}
		last = i
	}
	// Chromium's running header (title) and footer (address, "1/2").
	for _, furniture := range []string{"Okafor Spring Letter", "file://", "letter.html"} {
		if strings.Contains(text, furniture) {
			t.Errorf("running header or footer %q kept:\n%s", furniture, text)
		}
	}
	if m := regexp.MustCompile(`(?m)^\s*\d+\s*/\s*\d+\s*$`).FindString(text); m != "" {
		t.Errorf("page number %q kept:\n%s", m, text)
	}
	items := extract.Update(fetcher.Update{PartnerID: "okafor", GUID: "spring", Text: text}, extract.Options{})
	var got []string
	for _, it := range items {
		got = append(got, it.Text)
	}
	if strings.Join(got, "\n") != strings.Join(pdftexttest.LetterPoints, "\n") {
		t.Errorf("points:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(pdftexttest.LetterPoints, "\n"))
	}
}

func TestHostilePDFsStayWithinCaps(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	cfg := pdftext.Config{MaxPages: 50, MaxTextBytes: 4 << 20, Timeout: 20 * time.Second}
	t.Run("10000 pages", func(t *testing.T) {
		pdf := pdftexttest.Pages(10000)
		start := time.Now()
		text, err := pdftext.Text(context.Background(), cfg, pdf)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(text, "Pray for the team."); n != cfg.MaxPages {
			t.Errorf("read %d pages, want the first %d", n, cfg.MaxPages)
		}
		t.Logf("%d-byte PDF of 10000 pages: first %d read in %s", len(pdf), cfg.MaxPages, time.Since(start))
	})
	t.Run("compression bomb", func(t *testing.T) {
		// 256 MiB of text operators from a file of under a megabyte:
		// pdftotext streams it in about 11 MB of memory (measured with
		// /usr/bin/time), but takes some 15 s, so the timeout ends it.
		pdf := pdftexttest.Bomb(256 << 20)
		cfg := cfg
		cfg.Timeout = 2 * time.Second
		start := time.Now()
		_, err := pdftext.Text(context.Background(), cfg, pdf)
		took := time.Since(start)
		if err == nil || !strings.Contains(err.Error(), "stopped after") {
			t.Fatalf("err = %v, want the timeout", err)
		}
		if took > cfg.Timeout+2*time.Second {
			t.Errorf("took %s with a %s timeout", took, cfg.Timeout)
		}
		t.Logf("%d-byte PDF inflating to 256 MiB: %v after %s", len(pdf), err, took)
	})
	t.Run("text past the cap", func(t *testing.T) {
		cfg := cfg
		cfg.MaxTextBytes, cfg.MaxPages = 64<<10, 1000
		_, err := pdftext.Text(context.Background(), cfg, pdftexttest.Pages(200))
		if !errors.Is(err, pdftext.ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
	t.Run("over the byte cap", func(t *testing.T) {
		_, err := pdftext.Raw(context.Background(), pdftext.Config{MaxBytes: 1000}, pdftexttest.Pages(20))
		if !errors.Is(err, pdftext.ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
	})
	t.Run("not a PDF", func(t *testing.T) {
		_, err := pdftext.Raw(context.Background(), cfg, []byte("<html>hello</html>"))
		if !errors.Is(err, pdftext.ErrNotPDF) {
			t.Fatalf("err = %v, want ErrNotPDF", err)
		}
	})
	t.Run("broken PDF", func(t *testing.T) {
		_, err := pdftext.Raw(context.Background(), cfg, []byte("%PDF-1.4\ngarbage"))
		if err == nil {
			t.Fatal("no error for a broken PDF")
		}
	})
}

func TestMissingPdftotextIsAClearError(t *testing.T) {
	_, err := pdftext.Text(context.Background(), pdftext.Config{Program: "pdftotext-not-installed"}, pdftexttest.Pages(1))
	if !errors.Is(err, pdftext.ErrNoPdftotext) || !strings.Contains(err.Error(), "poppler-utils") {
		t.Fatalf("err = %v, want ErrNoPdftotext naming poppler-utils", err)
	}
}

// blk is a one-line block at the given box.
func blk(text string, x0, y0, x1, y1 float64) pdftext.Block {
	return pdftext.Block{Box: pdftext.Box{X0: x0, Y0: y0, X1: x1, Y1: y1}, Lines: []string{text}}
}

func page(blocks ...pdftext.Block) pdftext.Page {
	return pdftext.Page{Width: 600, Height: 800, Blocks: blocks}
}

func TestJoin(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages []pdftext.Page
		want  string
	}{
		{"columns whose paragraphs line up are read one after the other", []pdftext.Page{page(
			blk("Title across both columns", 50, 100, 550, 120),
			blk("left one", 50, 130, 280, 170), blk("right one", 320, 130, 550, 170),
			blk("left two", 50, 180, 280, 220), blk("right two", 320, 180, 550, 220),
			blk("Footnote across both", 50, 700, 550, 710),
		)}, "Title across both columns\n\nleft one\n\nleft two\n\nright one\n\nright two\n\nFootnote across both\n"},
		{"a lone page number in the margin is dropped, a number in the text kept", []pdftext.Page{page(
			blk("Pray for rain.", 50, 100, 550, 120), blk("42", 50, 400, 70, 410), blk("- 1 -", 290, 760, 310, 770),
		)}, "Pray for rain.\n\n42\n"},
		{"running header and footer dropped, digits aside", []pdftext.Page{
			page(blk("Spring letter 1", 50, 20, 550, 30), blk("Dear friends", 50, 100, 550, 120), blk("gracechurch.example", 50, 770, 550, 780)),
			page(blk("Spring letter 2", 50, 20, 550, 30), blk("Pray for rain.", 50, 100, 550, 120), blk("gracechurch.example", 50, 770, 550, 780)),
		}, "Dear friends\n\nPray for rain.\n"},
		{"a margin line on one page of two stays", []pdftext.Page{
			page(blk("Okafor family", 50, 20, 550, 30), blk("Dear friends", 50, 100, 550, 120)),
			page(blk("Pray for rain.", 50, 100, 550, 120)),
		}, "Okafor family\n\nDear friends\n\nPray for rain.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := pdftext.Join(tc.pages); got != tc.want {
				t.Errorf("Join = %q, want %q", got, tc.want)
			}
		})
	}
}
