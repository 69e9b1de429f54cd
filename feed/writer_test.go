package feed

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// render writes items in format f, failing the test on error.
func render(t testing.TB, f Format, m Meta, items []Item) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, f, m, items); err != nil {
		t.Fatalf("Write(%s): %v", f, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			got := render(t, f, testMeta("/feed"+f.Ext()), testItems())
			path := filepath.Join("testdata", "feed"+f.Ext())
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./feed -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (run go test ./feed -update and review the diff)\ngot:\n%s", path, got)
			}
		})
	}
}

// parseBack reads a document with gofeed, as the rest of prayerfeed does.
func parseBack(t *testing.T, doc []byte) *gofeed.Feed {
	t.Helper()
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("gofeed: %v\n%s", err, doc)
	}
	return parsed
}

func TestRoundTripGofeed(t *testing.T) {
	items := testItems()
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			m := testMeta("/feed" + f.Ext())
			doc := render(t, f, m, items)
			if !utf8.Valid(doc) {
				t.Fatal("output is not valid UTF-8")
			}
			parsed := parseBack(t, doc)
			if got, want := parsed.Title, m.Title; got != want {
				t.Errorf("feed title = %q, want %q", got, want)
			}
			if got, want := len(parsed.Items), len(items); got != want {
				t.Fatalf("items = %d, want %d", got, want)
			}
			for i, it := range items {
				checkParsedItem(t, f, parsed.Items[i], it, m)
			}
		})
	}
}

func checkParsedItem(t *testing.T, f Format, got *gofeed.Item, it Item, m Meta) {
	t.Helper()
	e := newEntry(it, m.HomeURL)
	if want := formatTitle(f, e.Title); got.Title != want {
		t.Errorf("item %s: title = %q, want %q", it.ID, got.Title, want)
	}
	if !strings.HasPrefix(got.Title, it.Kind.Title()+" · "+it.PartnerName+": ") {
		t.Errorf("item %s: title %q does not start with kind and partner", it.ID, got.Title)
	}
	if got.Link != e.Link {
		t.Errorf("item %s: link = %q, want %q", it.ID, got.Link, e.Link)
	}
	if want := "urn:prayerfeed:item:" + it.ID; got.GUID != want {
		t.Errorf("item %s: id = %q, want %q", it.ID, got.GUID, want)
	}
	if len(got.Categories) != 1 || got.Categories[0] != string(it.Kind) {
		t.Errorf("item %s: categories = %q, want [%s]", it.ID, got.Categories, it.Kind)
	}
	if len(got.Authors) != 1 || got.Authors[0].Name != it.PartnerName {
		t.Errorf("item %s: authors = %v, want %s", it.ID, got.Authors, it.PartnerName)
	}
	if got.PublishedParsed == nil || !got.PublishedParsed.Equal(e.Date) {
		t.Errorf("item %s: published = %v, want %v", it.ID, got.PublishedParsed, e.Date)
	}
	if strings.ContainsAny(got.Title+got.Description+got.Content, "\x01\x08\x0b") {
		t.Errorf("item %s: control character survived", it.ID)
	}
}

func TestItemIDsStable(t *testing.T) {
	items := testItems()
	edited := testItems()
	edited[0].Text += " Amen."
	edited[0].HTML = ""
	edited[0].LastSeen = edited[0].Published.Add(24 * time.Hour)
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			m := testMeta("/feed" + f.Ext())
			a := parseBack(t, render(t, f, m, items))
			b := parseBack(t, render(t, f, m, edited))
			for i := range a.Items {
				if a.Items[i].GUID != b.Items[i].GUID {
					t.Errorf("item %d: id changed from %q to %q", i, a.Items[i].GUID, b.Items[i].GUID)
				}
				if a.Items[i].Updated != b.Items[i].Updated {
					t.Errorf("item %d: updated changed from %q to %q, readers would notify again", i, a.Items[i].Updated, b.Items[i].Updated)
				}
			}
		})
	}
}

func TestFeedUpdated(t *testing.T) {
	set := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		meta  time.Time
		items []Item
		want  time.Time
	}{
		{"newest item", time.Time{}, testItems(), time.Date(2026, 7, 14, 6, 30, 0, 0, time.UTC)},
		{"meta wins", set, testItems(), set},
		{"empty feed", time.Time{}, nil, time.Unix(0, 0).UTC()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMeta("/feed.atom")
			m.Updated = tt.meta
			parsed := parseBack(t, render(t, FormatAtom, m, tt.items))
			if parsed.UpdatedParsed == nil || !parsed.UpdatedParsed.Equal(tt.want) {
				t.Errorf("updated = %v, want %v", parsed.UpdatedParsed, tt.want)
			}
		})
	}
}

func TestEmptyJSONHasItems(t *testing.T) {
	doc := render(t, FormatJSON, testMeta("/feed.json"), nil)
	if !bytes.Contains(doc, []byte(`"items": []`)) {
		t.Errorf("empty JSON feed has no items array:\n%s", doc)
	}
}

func TestTruncateWords(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"short", "Pray for rain.", "Pray for rain."},
		{"exactly n", strings.Repeat("a", 10), strings.Repeat("a", 10)},
		{"word boundary", "pray for the team, and the families", "pray for the …"},
		{"cut at space", "pray for the team and", "pray for the …"},
		{"one long word", strings.Repeat("ä", 20), strings.Repeat("ä", 14) + "…"},
		{"trailing comma", "pray for them, please do", "pray for them …"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateWords(tt.in, 14); got != tt.want {
				t.Errorf("truncateWords(%q, 14) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestItemTitle(t *testing.T) {
	text := "On July 9th, IJM and local police rescued 14 people from a brick kiln in the south; pray for them."
	got := itemTitle(KindPrayer, "International Justice Mission", text)
	want := "Prayer · International Justice Mission: On July 9th, IJM and local police rescued 14 people from a brick kiln in the …"
	if got != want {
		t.Errorf("itemTitle = %q, want %q", got, want)
	}
}

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Grüße 🙏 & <b>", "Grüße 🙏 & <b>"},
		{"tab newline kept", "a\tb\nc\r", "a\tb\nc\r"},
		{"c0 controls", "a\x00b\x01c\x1fd", "abcd"},
		{"c1 and del", "a\u0085b\x7fc", "abc"},
		{"nonchars", "a\ufffeb\uffffc", "abc"},
		{"invalid utf8", "a\xffb\xc3", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := clean(tt.in); got != tt.want {
				t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestItemLink(t *testing.T) {
	const home = "https://prayer.example/"
	tests := []struct{ in, want string }{
		{"https://www.ijm.org/news/1", "https://www.ijm.org/news/1"},
		{"", home},
		{"/news/1", home},
		{"javascript:alert(1)", home},
		{"http:///nohost", home},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := itemLink(tt.in, home); got != tt.want {
				t.Errorf("itemLink(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			for _, ext := range []string{f.Ext(), strings.TrimPrefix(f.Ext(), ".")} {
				got, err := FormatFromExt(ext)
				if err != nil || got != f {
					t.Errorf("FormatFromExt(%q) = %q, %v; want %q", ext, got, err, f)
				}
			}
			if !strings.HasSuffix(f.ContentType(), "; charset=utf-8") {
				t.Errorf("ContentType() = %q, want a charset", f.ContentType())
			}
		})
	}
	if _, err := FormatFromExt(".html"); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("FormatFromExt(.html) error = %v, want ErrUnknownFormat", err)
	}
	if err := Write(&bytes.Buffer{}, Format("csv"), testMeta("/feed.csv"), nil); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("Write(csv) error = %v, want ErrUnknownFormat", err)
	}
}

func TestWriteRejects(t *testing.T) {
	noKind := testItems()[:1]
	noKind[0].Kind = ""
	tests := []struct {
		name  string
		meta  func(*Meta)
		items []Item
		want  error
	}{
		{"no title", func(m *Meta) { m.Title = "" }, nil, ErrInvalidMeta},
		{"relative home", func(m *Meta) { m.HomeURL = "/" }, nil, ErrInvalidMeta},
		{"feed url scheme", func(m *Meta) { m.FeedURL = "ftp://x.example/feed" }, nil, ErrInvalidMeta},
		{"invalid item", func(*Meta) {}, noKind, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMeta("/feed.xml")
			tt.meta(&m)
			for _, f := range Formats {
				err := Write(&bytes.Buffer{}, f, m, tt.items)
				if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
					t.Errorf("%s: error = %v, want %v", f, err, tt.want)
				}
			}
		})
	}
}

// formatTitle is the title a parser reports for an entry titled title in
// format f: RSS titles are HTML text (htmlText).
func formatTitle(f Format, title string) string {
	if f == FormatRSS {
		return htmlText(title)
	}
	return title
}
