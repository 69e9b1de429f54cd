package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/prayerfeed/prayerfeed/internal/hostile"
)

// unsafeElements can run script, load another document, submit data or
// restyle the page they are embedded in.
var unsafeElements = map[string]bool{
	"script": true, "style": true, "iframe": true, "frame": true, "frameset": true, "object": true,
	"embed": true, "applet": true, "form": true, "input": true, "button": true, "textarea": true,
	"select": true, "base": true, "meta": true, "link": true, "svg": true, "math": true,
	"noscript": true, "template": true,
}

// urlAttrs hold URLs a browser follows or loads.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "data": true, "poster": true,
	"background": true, "cite": true, "xlink:href": true, "srcset": true,
}

// checkBuiltFiles walks a static build and fails on anything a hostile
// partner could use to run script or restyle a page that shows it.
func checkBuiltFiles(t *testing.T, out string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		if !utf8.Valid(data) {
			t.Errorf("%s: not valid UTF-8", rel)
		}
		switch filepath.Ext(path) {
		case ".xml", ".atom", ".json":
			checkFeedFile(t, rel, path)
		case ".html", "":
			checkPage(t, rel, data)
		case ".js":
			if filepath.Base(path) == "embed-data.js" {
				checkEmbedData(t, rel, data)
			} else if bytes.Contains(data, []byte(hostile.Marker)) {
				t.Errorf("%s: carries a partner's script payload", rel)
			}
		default:
			if bytes.Contains(data, []byte(hostile.Marker)) {
				t.Errorf("%s: carries a partner's script payload", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("the build wrote no files")
	}
}

// checkEmbedData checks a script widget data file: one push of one JSON
// value, whose strings hold partner text as data only: no "<" that could
// end a script element, no raw U+2028 or U+2029 (line ends to JavaScript).
func checkEmbedData(t *testing.T, rel string, data []byte) {
	t.Helper()
	const prefix = "/* prayerfeed widget data: read by embed.js */\n(window.prayerfeedData = window.prayerfeedData || []).push("
	body, ok := bytes.CutPrefix(data, []byte(prefix))
	if ok {
		body, ok = bytes.CutSuffix(body, []byte(");\n"))
	}
	if !ok || !json.Valid(body) {
		t.Errorf("%s: not one push of one JSON value", rel)
		return
	}
	if bytes.ContainsAny(body, "<>\u2028\u2029") {
		t.Errorf("%s: JSON holds a raw <, > or line separator", rel)
	}
}

// checkFeedFile parses a feed and checks every item's HTML, title and link.
func checkFeedFile(t *testing.T, rel, path string) {
	t.Helper()
	parsed := parseFile(t, path)
	if l := parsed.Link; l != "" && !absHTTP(l) {
		t.Errorf("%s: feed link %q is not absolute http(s)", rel, l)
	}
	for _, it := range parsed.Items {
		for _, frag := range []string{it.Content, it.Description, it.Title} {
			for _, p := range unsafeHTML(frag) {
				t.Errorf("%s: item %q: %s", rel, it.Title, p)
			}
		}
		if !absHTTP(it.Link) {
			t.Errorf("%s: item link %q is not absolute http(s)", rel, it.Link)
		}
	}
}

// checkPage checks a page the site itself renders (the prayer wall, the
// embed): it may carry its own markup, but nothing a partner sent.
func checkPage(t *testing.T, rel string, data []byte) {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: %v", rel, err)
		return
	}
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if unsafeElements[n.Data] && strings.Contains(render(n), hostile.Marker) {
			t.Errorf("%s: partner payload in <%s>", rel, n.Data)
		}
		for _, a := range n.Attr {
			if strings.Contains(a.Val, hostile.Marker) && (strings.HasPrefix(a.Key, "on") || urlAttrs[a.Key] || a.Key == "style") {
				t.Errorf("%s: partner payload in <%s %s=%q>", rel, n.Data, a.Key, a.Val)
			}
			if urlAttrs[a.Key] && hasScheme(a.Val, "javascript:", "data:", "vbscript:") {
				t.Errorf("%s: <%s %s=%q>: a URL that runs or embeds content", rel, n.Data, a.Key, a.Val)
			}
		}
	})
}

// unsafeHTML lists what in an HTML fragment from a partner could run
// script, load or submit elsewhere, or restyle the embedding page.
func unsafeHTML(fragment string) []string {
	var problems []string
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return []string{"unparsable HTML: " + err.Error()}
	}
	for _, root := range nodes {
		walk(root, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			if unsafeElements[n.Data] {
				problems = append(problems, "<"+n.Data+"> element")
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(key, "on"), key == "style", key == "srcdoc":
					problems = append(problems, "<"+n.Data+" "+key+"> attribute")
				case urlAttrs[key] && !absHTTP(a.Val) && !strings.HasPrefix(a.Val, "mailto:"):
					problems = append(problems, "<"+n.Data+" "+key+"="+a.Val+">: not an absolute http(s) URL")
				}
			}
		})
	}
	return problems
}

// absHTTP reports whether u is an absolute http or https URL.
func absHTTP(u string) bool { return hasScheme(u, "https://", "http://") }

// hasScheme reports whether u starts with one of prefixes, ignoring case
// and the white space and control characters browsers ignore in a scheme.
func hasScheme(u string, prefixes ...string) bool {
	u = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, u))
	for _, p := range prefixes {
		if strings.HasPrefix(u, p) {
			return true
		}
	}
	return false
}

func walk(n *html.Node, fn func(*html.Node)) {
	fn(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func render(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	return b.String()
}

// TestHostileWall publishes only the XSS partner, so that its points fill
// the prayer wall and the embed page, and checks every built file.
func TestHostileWall(t *testing.T) {
	h := hostile.New(hostile.Config{})
	h.Break()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg, db, out := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db"), filepath.Join(dir, "out")
	yaml := "title: Wall\nbase_url: https://prayer.example\npartners:\n  - id: " + hostile.BadID("xss") +
		"\n    name: XSS partner\n    sources:\n      - type: rss\n        url: " + srv.URL + "/bad/xss\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	for _, page := range []string{"index.html", "embed/index.html"} {
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("xss-one")) {
			t.Errorf("%s does not show the hostile partner's points, so it tests nothing", page)
		}
	}
	checkBuiltFiles(t, out)
}

// TestUnsafeHTMLFindsPayloads keeps the checker honest: each payload the
// hostile feed carries must be caught when it is left in.
func TestUnsafeHTMLFindsPayloads(t *testing.T) {
	tests := []struct{ name, fragment string }{
		{"script", `<p>x<script>alert(1)</script></p>`},
		{"handler", `<img src="https://a.example/i.png" onerror="alert(1)">`},
		{"javascript link", `<a href=" JaVaScRiPt:alert(1)">x</a>`},
		{"relative link", `<a href="/news">x</a>`},
		{"iframe", `<iframe src="https://evil.example/"></iframe>`},
		{"form", `<form action="https://evil.example/"><input name=a></form>`},
		{"style element", `<style>body{display:none}</style>`},
		{"style attribute", `<span style="position:fixed">x</span>`},
		{"svg", `<svg onload="alert(1)"></svg>`},
		{"data url", `<a href="data:text/html,x">x</a>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := unsafeHTML(tt.fragment); len(got) == 0 {
				t.Errorf("unsafeHTML(%q) found nothing", tt.fragment)
			}
		})
	}
	if got := unsafeHTML(`<p>Pray for <a href="https://ok.example/x">the team</a> &lt;script&gt;</p>`); len(got) != 0 {
		t.Errorf("safe fragment flagged: %v", got)
	}
}
