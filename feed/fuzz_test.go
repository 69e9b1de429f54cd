package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

// FuzzWrite feeds arbitrary partner text through every writer: whatever a
// partner publishes, each document must be valid UTF-8, well-formed XML or
// JSON, and read back by gofeed as one item with the same id.
func FuzzWrite(f *testing.F) {
	for _, it := range testItems() {
		f.Add(it.ID, it.Text, it.HTML, it.PartnerName, it.UpdateLink)
	}
	f.Add("a b", "]]>\x00\xff<![CDATA[", "<p>\x1b]]]]>", "&amp;\u0085", "https://x.example/?a=1&b=<2>")
	f.Fuzz(func(t *testing.T, id, text, body, partner, link string) {
		it := Item{ID: id, Kind: KindPraise, Text: text, HTML: body, PartnerID: "p", PartnerName: partner,
			UpdateLink: link, Published: time.Date(2026, 7, 14, 9, 30, 0, 0, time.UTC)}
		for _, format := range Formats {
			var buf bytes.Buffer
			err := Write(&buf, format, testMeta("/feed"+format.Ext()), []Item{it})
			if it.Validate() != nil {
				if err == nil {
					t.Fatalf("%s: invalid item written", format)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			parsed := checkWellFormed(t, format, buf.Bytes())
			if want := newEntry(it, "").ID; parsed.GUID != want {
				t.Fatalf("%s: id = %q, want %q", format, parsed.GUID, want)
			}
		}
	})
}

// checkWellFormed fails unless doc is well-formed and holds one item, which
// it returns as gofeed read it.
func checkWellFormed(t *testing.T, format Format, doc []byte) *gofeed.Item {
	t.Helper()
	if !utf8.Valid(doc) {
		t.Fatalf("%s: invalid UTF-8:\n%q", format, doc)
	}
	if format == FormatJSON {
		if !json.Valid(doc) {
			t.Fatalf("json: invalid:\n%s", doc)
		}
	} else if err := xmlTokens(doc); err != nil {
		t.Fatalf("%s: not well-formed: %v\n%q", format, err, doc)
	}
	parsed := parseBack(t, doc)
	if len(parsed.Items) != 1 {
		t.Fatalf("%s: gofeed read %d items, want 1", format, len(parsed.Items))
	}
	return parsed.Items[0]
}

// xmlTokens reads the whole document with the strict decoder, which also
// rejects characters outside XML 1.0's range.
func xmlTokens(doc []byte) error {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
