package docxtext_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/docxtext"
	"github.com/prayerfeed/prayerfeed/internal/docxtext/docxtexttest"
)

func TestReadLetter(t *testing.T) {
	doc, err := docxtext.Read(context.Background(), docxtext.Config{}, docxtexttest.Letter())
	if err != nil {
		t.Fatal(err)
	}
	if doc.HTML != docxtexttest.LetterHTML {
		t.Errorf("HTML:\n%s\nwant:\n%s", doc.HTML, docxtexttest.LetterHTML)
	}
	if want := "Okafor family: prayer letter, March 2026"; doc.Title != want || doc.Cut {
		t.Errorf("title %q cut %v, want %q, not cut", doc.Title, doc.Cut, want)
	}
}

// bomb is a .docx whose document.xml inflates to n bytes of one
// paragraph's text.
func bomb(n int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	fmt.Fprintf(w, `<w:document %s><w:body><w:p><w:r><w:t>`, docxtexttest.Namespaces)
	chunk := bytes.Repeat([]byte("pray "), 1<<16)
	for written := 0; written < n; written += len(chunk) {
		w.Write(chunk)
	}
	fmt.Fprint(w, `</w:t></w:r></w:p></w:body></w:document>`)
	zw.Close()
	return buf.Bytes()
}

// forgedCount is a zip of 70,000 entries (a bomb for archive/zip's
// directory) in the plain format, its end record stating 4,464 entries:
// 70,000 modulo 65,536, which is all archive/zip compares.
func forgedCount() []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range 70_000 {
		zw.CreateHeader(&zip.FileHeader{Name: fmt.Sprint(i), Method: zip.Store})
	}
	zw.Close()
	data := buf.Bytes()
	// Go wrote zip64 end records before the plain one; drop them.
	z64 := data[len(data)-22-20-56:]
	size, offset := binary.LittleEndian.Uint64(z64[40:]), binary.LittleEndian.Uint64(z64[48:])
	eocd := bytes.Clone(data[len(data)-22:])
	binary.LittleEndian.PutUint16(eocd[8:], 4464)
	binary.LittleEndian.PutUint16(eocd[10:], 4464)
	binary.LittleEndian.PutUint32(eocd[12:], uint32(size))
	binary.LittleEndian.PutUint32(eocd[16:], uint32(offset))
	return append(data[:offset+size:offset+size], eocd...)
}

func TestReadHostile(t *testing.T) {
	manyEntries := map[string]string{"word/document.xml": "<x/>"}
	for i := range 20_000 {
		manyEntries[fmt.Sprintf("e/%d", i)] = ""
	}
	deep := strings.Repeat(`<w:sdt>`, 10_000) + strings.Repeat(`</w:sdt>`, 10_000)
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>` +
		`<w:document ` + docxtexttest.Namespaces + `><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>`
	many := strings.Repeat(docxtexttest.P("", docxtexttest.R("Pray for the harvest in the north this year.")), 50_000)
	for _, tc := range []struct {
		name string
		data []byte
		cfg  docxtext.Config
		want error
	}{
		{"not a zip", []byte("%PDF-1.7 not a docx"), docxtext.Config{}, docxtext.ErrNotDocx},
		{"a zip without document.xml", docxtexttest.Zip(map[string]string{"a.txt": "hi"}), docxtext.Config{}, docxtext.ErrNotDocx},
		{"broken XML", docxtexttest.Zip(map[string]string{"word/document.xml": "<w:document><w:p>"}), docxtext.Config{}, docxtext.ErrNotDocx},
		{"compression bomb", bomb(64 << 20), docxtext.Config{}, docxtext.ErrTooLarge},
		{"70,000 zip entries stated as 4,464", forgedCount(), docxtext.Config{}, docxtext.ErrTooLarge},
		{"20,000 zip entries", docxtexttest.Zip(manyEntries), docxtext.Config{}, docxtext.ErrTooLarge},
		{"nested 10,000 deep", docxtexttest.Build(deep), docxtext.Config{}, docxtext.ErrTooLarge},
		{"entity expansion", docxtexttest.Zip(map[string]string{"word/document.xml": laughs}), docxtext.Config{}, docxtext.ErrNotDocx},
		{"text past the cap", docxtexttest.Build(many), docxtext.Config{MaxTextBytes: 64 << 10}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := docxtext.Read(context.Background(), tc.cfg, tc.data)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
			if tc.want == nil && (!doc.Cut || len(doc.HTML) > 65<<10) {
				t.Errorf("text past the cap: %d bytes, cut %v; want about 64 KiB, cut", len(doc.HTML), doc.Cut)
			}
		})
	}
}

func TestReadStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := docxtext.Read(ctx, docxtext.Config{}, docxtexttest.Letter())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func BenchmarkReadBomb(b *testing.B) {
	data := bomb(64 << 20)
	b.SetBytes(8 << 20)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docxtext.Read(context.Background(), docxtext.Config{}, data); !errors.Is(err, docxtext.ErrTooLarge) {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadLetter(b *testing.B) {
	data := docxtexttest.Letter()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docxtext.Read(context.Background(), docxtext.Config{}, data); err != nil {
			b.Fatal(err)
		}
	}
}
