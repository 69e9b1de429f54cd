package feed

// A point that came in several letters is published once and links to
// each of them (issue 17): its own update stays the item's link, and the
// other letters are related links and a paragraph of the content, as real
// parsers read them.

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed/atom"
)

// copiesWant are the links testItems' first item must carry besides its
// own: the hostile title escaped, its own link and the javascript: copy
// left out.
var copiesWant = []string{"https://mailchi.mp/ijm/july?x=1&y=2", "https://kelu.example/joint"}

const copiesOwn = "https://www.ijm.org/news/brick-kiln-rescue"

// writeDoc renders testItems in f to a file and returns its path.
func writeDoc(t *testing.T, f Format) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "feed"+f.Ext())
	if err := os.WriteFile(path, render(t, f, testMeta("/feed"+f.Ext()), testItems()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCopiesGofeed(t *testing.T) {
	for _, f := range Formats {
		t.Run(string(f), func(t *testing.T) {
			got := parseBack(t, render(t, f, testMeta("/feed"+f.Ext()), testItems()))
			first := got.Items[0]
			if first.Link != copiesOwn {
				t.Errorf("link %q, want the item's own update %q", first.Link, copiesOwn)
			}
			for _, href := range copiesWant {
				escaped := strings.ReplaceAll(href, "&", "&amp;")
				if !strings.Contains(first.Content, `href="`+escaped+`"`) {
					t.Errorf("content lacks a link to %s:\n%s", href, first.Content)
				}
			}
			if strings.Contains(first.Content, "javascript:") || strings.Contains(first.Content, "<b>") {
				t.Errorf("content carries a hostile copy's link or markup:\n%s", first.Content)
			}
			if strings.Count(first.Content, copiesOwn) != 0 {
				t.Errorf("content links the item's own update again:\n%s", first.Content)
			}
			if f == FormatAtom {
				checkAtomRelated(t, render(t, f, testMeta("/feed.atom"), testItems()))
			}
			for _, it := range got.Items[1:] {
				if strings.Contains(it.Content, "Also in") {
					t.Errorf("item %s without copies says %q", it.GUID, it.Content)
				}
			}
		})
	}
}

// checkAtomRelated reads the Atom document with gofeed's Atom parser,
// which keeps each link's rel (its universal Item lists alternates only).
func checkAtomRelated(t *testing.T, doc []byte) {
	t.Helper()
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var related []string
	for _, l := range f.Entries[0].Links {
		if l.Rel == "related" {
			related = append(related, l.Href)
		}
	}
	if !slices.Equal(related, copiesWant) {
		t.Errorf("atom related links %q, want %q", related, copiesWant)
	}
}

// feedparserLinksScript prints each entry's link and related links.
const feedparserLinksScript = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
print(json.dumps([{"link": e.get("link"), "related": [l["href"] for l in e.get("links", []) if l.get("rel") == "related"],
    "titles": [l.get("title", "") for l in e.get("links", []) if l.get("rel") == "related"]} for e in d.entries]))
`

func TestCopiesFeedparser(t *testing.T) {
	p := realParsers()[1]
	requireParser(t, p)
	for _, f := range []Format{FormatRSS, FormatAtom} {
		t.Run(string(f), func(t *testing.T) {
			var entries []struct {
				Link    string
				Related []string
				Titles  []string
			}
			out := run(t, exec.Command(debPython, "-c", feedparserLinksScript, writeDoc(t, f)))
			if err := json.Unmarshal(out, &entries); err != nil {
				t.Fatalf("%v: %s", err, out)
			}
			if entries[0].Link != copiesOwn {
				t.Errorf("link %q, want %q", entries[0].Link, copiesOwn)
			}
			if !slices.Equal(entries[0].Related, copiesWant) {
				t.Errorf("related links %q, want %q", entries[0].Related, copiesWant)
			}
			if want := "Kelu Bible Translation: Joint <b>letter</b> & ]]> news"; len(entries[0].Titles) != 2 || entries[0].Titles[1] != want {
				t.Errorf("related titles %q, want the joint letter's as %q", entries[0].Titles, want)
			}
			for _, e := range entries[1:] {
				if len(e.Related) != 0 {
					t.Errorf("entry %s has related links %q", e.Link, e.Related)
				}
			}
		})
	}
}

// TestCopiesSfeed checks that a line-based reader still takes the item's
// own update as its link, not a copy's atom:link.
func TestCopiesSfeed(t *testing.T) {
	p := realParsers()[4]
	requireParser(t, p)
	for _, f := range []Format{FormatRSS, FormatAtom} {
		t.Run(string(f), func(t *testing.T) {
			in, err := os.Open(writeDoc(t, f))
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			cmd := exec.Command("sfeed")
			cmd.Stdin = in
			line, _, _ := strings.Cut(string(run(t, cmd)), "\n")
			fields := strings.Split(line, "\t")
			if len(fields) < 3 || fields[2] != copiesOwn {
				t.Errorf("sfeed's first line %q: link field want %q", line, copiesOwn)
			}
			if !strings.Contains(line, "kelu.example/joint") {
				t.Errorf("sfeed's content lacks the joint letter's link: %q", line)
			}
		})
	}
}

func TestCopiesJSONExtension(t *testing.T) {
	var doc struct {
		Items []struct {
			URL        string `json:"url"`
			Prayerfeed *struct {
				Copies []struct{ URL, Title string }
			} `json:"_prayerfeed"`
		}
	}
	if err := json.Unmarshal(render(t, FormatJSON, testMeta("/feed.json"), testItems()), &doc); err != nil {
		t.Fatal(err)
	}
	x := doc.Items[0].Prayerfeed
	if x == nil || len(x.Copies) != 2 || x.Copies[0].URL != copiesWant[0] || x.Copies[1].Title != "Kelu Bible Translation: Joint <b>letter</b> & ]]> news" {
		t.Fatalf("_prayerfeed %+v, want the two readable copies", x)
	}
	if doc.Items[1].Prayerfeed != nil {
		t.Errorf("an item without copies has _prayerfeed %+v", doc.Items[1].Prayerfeed)
	}
}
