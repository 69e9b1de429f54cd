package feed

// Conformance tests (issue 8): every document we write is read back by the
// real parsers feed readers and CMSs use, installed from Debian. A missing
// parser fails the run when CI is set and skips it otherwise, naming the
// package to install.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

// debPython is Debian's interpreter: the python3 first on PATH may be
// another one without Debian's modules.
const debPython = "/usr/bin/python3"

// parsed is what a parser reports of one document. Titles and IDs are nil
// when the parser only counts.
type parsed struct {
	Count  int
	Titles []string
	IDs    []string
	// Problem is the parser's complaint about a document it read anyway,
	// e.g. feedparser's bozo exception; empty when it had none.
	Problem string
}

// realParser is one parser from Debian and the formats it reads.
type realParser struct {
	name    string
	pkg     string // Debian package that provides it
	formats []Format
	// probe checks that the parser is installed; its error says what is missing.
	probe func() error
	parse func(t *testing.T, path string) parsed
}

func realParsers() []realParser {
	xmlFormats := []Format{FormatRSS, FormatAtom}
	return []realParser{
		{"gofeed", "(Go module)", Formats, func() error { return nil }, parseGofeed},
		{"feedparser", "python3-feedparser", xmlFormats, probePython("feedparser"), parseFeedparser},
		{"jsonfeed-check", "python3", []Format{FormatJSON}, probePython("json"), parseJSONFeedCheck},
		{"XML::FeedPP", "libxml-feedpp-perl", xmlFormats, probeCommand("perl", "-MXML::FeedPP", "-e1"), parseFeedPP},
		{"sfeed", "sfeed", xmlFormats, probeCommand("sfeed", "-h"), parseSfeed},
		{"newsboat", "newsboat", xmlFormats, probeCommand("newsboat", "--version"), parseNewsboat},
	}
}

// requireParser fails (in CI) or skips the test when p is not installed.
func requireParser(t *testing.T, p realParser) {
	t.Helper()
	err := p.probe()
	if err == nil {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: %v; install Debian package %s", p.name, err, p.pkg)
	}
	t.Skipf("%s not usable (exec.LookPath or a trial run: %v); install Debian package %s (CI fails here)", p.name, err, p.pkg)
}

// probeCommand looks the command up on PATH and runs it once, so a broken
// install (a Perl module missing) counts as missing too.
func probeCommand(name string, args ...string) func() error {
	return func() error {
		path, err := exec.LookPath(name)
		if err != nil {
			return err
		}
		// sfeed -h exits non-zero after printing its usage; only a failure
		// to start means it is missing.
		out, err := exec.Command(path, args...).CombinedOutput()
		if _, exited := err.(*exec.ExitError); err != nil && !(exited && name == "sfeed") {
			return fmt.Errorf("%s %s: %v: %s", path, strings.Join(args, " "), err, out)
		}
		return nil
	}
}

func probePython(module string) func() error {
	return func() error {
		if _, err := exec.LookPath(debPython); err != nil {
			return err
		}
		if out, err := exec.Command(debPython, "-c", "import "+module).CombinedOutput(); err != nil {
			return fmt.Errorf("%s: import %s: %v: %s", debPython, module, err, out)
		}
		return nil
	}
}

// run runs a parser command and returns its standard output.
func run(t *testing.T, cmd *exec.Cmd) []byte {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.Bytes())
	}
	return out
}

func parseGofeed(t *testing.T, path string) parsed {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	feed, err := gofeed.NewParser().Parse(f)
	if err != nil {
		return parsed{Problem: err.Error()}
	}
	p := parsed{Count: len(feed.Items)}
	for _, it := range feed.Items {
		p.Titles = append(p.Titles, it.Title)
		p.IDs = append(p.IDs, it.GUID)
	}
	return p
}

// feedparserScript prints what feedparser made of a file as JSON; a bozo
// document is one feedparser had to repair or could not read strictly.
const feedparserScript = `
import sys, json, feedparser
d = feedparser.parse(sys.argv[1])
problem = ""
if d.bozo:
    problem = "bozo: %s" % d.get("bozo_exception")
elif d.version not in ("rss20", "atom10"):
    problem = "version %r, want rss20 or atom10" % d.version
print(json.dumps({"Count": len(d.entries), "Problem": problem,
    "Titles": [e.get("title") for e in d.entries], "IDs": [e.get("id") for e in d.entries]}))
`

func parseFeedparser(t *testing.T, path string) parsed {
	return decodeParsed(t, run(t, exec.Command(debPython, "-c", feedparserScript, path)))
}

// jsonFeedCheckScript checks a document against JSON Feed 1.1 with
// Python's own JSON parser. Debian's feedparser (6.0) predates JSON Feed
// support, and newsboat 2.21 reads only RSS and Atom, so this independent
// reading stands beside gofeed for the JSON format.
const jsonFeedCheckScript = `
import sys, json, re
rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
with open(sys.argv[1], encoding="utf-8") as f:
    d = json.load(f)
errs = []
if d.get("version") != "https://jsonfeed.org/version/1.1":
    errs.append("version %r" % d.get("version"))
for k in ("title", "home_page_url", "feed_url"):
    if not isinstance(d.get(k), str) or not d[k]:
        errs.append("%s missing" % k)
items = d.get("items")
if not isinstance(items, list):
    errs.append("items not a list")
    items = []
for i, it in enumerate(items):
    if not isinstance(it.get("id"), str) or not it["id"]:
        errs.append("items[%d].id not a string" % i)
    if not (it.get("content_html") or it.get("content_text")):
        errs.append("items[%d] has no content" % i)
    for k in ("date_published", "date_modified"):
        if not rfc3339.match(it.get(k, "")):
            errs.append("items[%d].%s %r not RFC 3339" % (i, k, it.get(k)))
    a = it.get("authors")
    if not (isinstance(a, list) and a and all(isinstance(x, dict) and x.get("name") for x in a)):
        errs.append("items[%d].authors %r" % (i, a))
    tags = it.get("tags")
    if not (isinstance(tags, list) and all(isinstance(x, str) for x in tags)):
        errs.append("items[%d].tags %r" % (i, tags))
print(json.dumps({"Count": len(items), "Problem": "; ".join(errs),
    "Titles": [it.get("title") for it in items], "IDs": [it.get("id") for it in items]}))
`

func parseJSONFeedCheck(t *testing.T, path string) parsed {
	return decodeParsed(t, run(t, exec.Command(debPython, "-c", jsonFeedCheckScript, path)))
}

func decodeParsed(t *testing.T, out []byte) parsed {
	t.Helper()
	var p parsed
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("parser output %q: %v", out, err)
	}
	return p
}

// feedPPScript prints one line per item: its id and title, tab-separated.
const feedPPScript = `
use strict; use warnings; use XML::FeedPP;
my $feed = XML::FeedPP->new($ARGV[0], -type => "file");
print $_->guid(), "\t", $_->title(), "\n" for $feed->get_item();
`

func parseFeedPP(t *testing.T, path string) parsed {
	return tabLines(run(t, exec.Command("perl", "-e", feedPPScript, path)), 0, 1)
}

// parseSfeed reads sfeed's TSV: one line per item, title in field 2 and
// id in field 6.
func parseSfeed(t *testing.T, path string) parsed {
	in, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	cmd := exec.Command("sfeed")
	cmd.Stdin = in
	return tabLines(run(t, cmd), 5, 1)
}

// tabLines turns tab-separated lines, one per item, into a parsed.
func tabLines(out []byte, idField, titleField int) parsed {
	p := parsed{Titles: []string{}, IDs: []string{}}
	for line := range strings.Lines(string(out)) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		if len(fields) <= max(idField, titleField) {
			p.Problem = fmt.Sprintf("short line %q", line)
			continue
		}
		p.Count++
		p.Titles = append(p.Titles, fields[titleField])
		p.IDs = append(p.IDs, fields[idField])
	}
	return p
}

var newsboatUnread = regexp.MustCompile(`(?m)^(\d+) unread articles?$`)

// parseNewsboat subscribes a fresh newsboat to the file and counts unread
// articles. newsboat reports a document it cannot parse as 0 articles,
// which the count comparison catches.
func parseNewsboat(t *testing.T, path string) parsed {
	dir := t.TempDir()
	urls := filepath.Join(dir, "urls")
	config := filepath.Join(dir, "config")
	if err := os.WriteFile(urls, []byte("file://"+path+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(config, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("newsboat", "-u", urls, "-C", config, "-c", filepath.Join(dir, "cache.db"),
		"-x", "reload", "-x", "print-unread")
	cmd.Env = append(os.Environ(), "HOME="+dir, "XDG_CONFIG_HOME="+dir, "XDG_DATA_HOME="+dir)
	out := run(t, cmd)
	m := newsboatUnread.FindSubmatch(out)
	if m == nil {
		return parsed{Problem: fmt.Sprintf("no unread count in %q", out)}
	}
	n, _ := strconv.Atoi(string(m[1]))
	return parsed{Count: n}
}

// conformanceSet is one feed the server publishes: its path and items.
type conformanceSet struct {
	name  string
	path  string // route without extension, query after it
	query string
	items []Item
}

func conformanceSets() []conformanceSet {
	all := benchItems(50)
	var kelu, praise []Item
	for _, it := range all {
		if it.PartnerID == "kelu" {
			kelu = append(kelu, it)
		}
		if it.Kind == KindPraise && it.PartnerID == "ijm" {
			praise = append(praise, it)
		}
	}
	return []conformanceSet{
		{"combined", "/feed", "", all},
		{"partner", "/partners/kelu/feed", "", kelu},
		{"filtered", "/feed", "?kind=praise&partner=ijm&limit=20", praise},
		{"empty", "/feed", "?partner=nobody", nil},
	}
}

func TestConformance(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: runs external parsers")
	}
	dir := t.TempDir()
	for _, set := range conformanceSets() {
		for _, f := range Formats {
			m := testMeta(set.path + f.Ext() + set.query)
			path := filepath.Join(dir, set.name+f.Ext())
			if err := os.WriteFile(path, render(t, f, m, set.items), 0o600); err != nil {
				t.Fatal(err)
			}
			want := wantParsed(f, m, set.items)
			for _, p := range realParsers() {
				if !slices.Contains(p.formats, f) {
					continue
				}
				t.Run(set.name+"/"+string(f)+"/"+p.name, func(t *testing.T) {
					requireParser(t, p)
					checkParsed(t, p.parse(t, path), want)
				})
			}
		}
	}
}

func wantParsed(f Format, m Meta, items []Item) parsed {
	want := parsed{Count: len(items), Titles: []string{}, IDs: []string{}}
	for _, it := range items {
		e := newEntry(it, m.HomeURL)
		want.Titles = append(want.Titles, formatTitle(f, e.Title))
		want.IDs = append(want.IDs, e.ID)
	}
	return want
}

func checkParsed(t *testing.T, got, want parsed) {
	t.Helper()
	if got.Problem != "" {
		t.Errorf("parser complained: %s", got.Problem)
	}
	if got.Count != want.Count {
		t.Errorf("items = %d, want %d", got.Count, want.Count)
	}
	if got.Titles != nil && !slices.Equal(got.Titles, want.Titles) {
		t.Errorf("titles differ:\n got %q\nwant %q", got.Titles, want.Titles)
	}
	if got.IDs != nil && !slices.Equal(got.IDs, want.IDs) {
		t.Errorf("ids differ:\n got %q\nwant %q", got.IDs, want.IDs)
	}
}
