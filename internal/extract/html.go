package extract

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxDepth bounds how deep the HTML walk goes; deeper content is dropped.
const maxDepth = 256

// noiseTags hold navigation, chrome and machinery, never points.
var noiseTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Head: true,
	atom.Title: true, atom.Meta: true, atom.Link: true, atom.Iframe: true, atom.Object: true,
	atom.Embed: true, atom.Svg: true, atom.Math: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Picture: true, atom.Source: true, atom.Map: true, atom.Button: true,
	atom.Input: true, atom.Select: true, atom.Textarea: true, atom.Label: true, atom.Nav: true,
	atom.Footer: true, atom.Aside: true, atom.Dialog: true, atom.Img: true, atom.Figcaption: true,
}

// chromeTags are noise tags that name a part of the page; the others hold
// no readable text at all.
var chromeTags = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Header: true, atom.Dialog: true, atom.Form: true}

// noiseRoles are ARIA roles of page chrome.
var noiseRoles = wordSet(`navigation banner contentinfo complementary search dialog alertdialog menu menubar toolbar`)

// noiseTokens are words of class and id names that page builders give to
// chrome: menus, sidebars, comments, sharing, cookie banners, buttons.
var noiseTokens = wordSet(`nav navbar navigation menu submenu breadcrumb breadcrumbs sidebar comments comment respond
	share sharing sharedaddy social likes related relatedposts newsletter subscribe subscription signup
	cookie cookies consent gdpr popup modal pagination pager skip advert ads advertisement sponsored promo
	btn button buttons preheader announcement disqus`)

// noiseClasses are whole class names of chrome.
var noiseClasses = wordSet(`widget-area screen-reader-text sr-only visually-hidden post-navigation nav-links site-header site-footer masthead colophon`)

// blockTags start a new block.
var blockTags = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Blockquote: true, atom.Center: true, atom.Dd: true,
	atom.Details: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figure: true, atom.Form: true, atom.Header: true, atom.Hgroup: true, atom.Main: true,
	atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Body: true,
	atom.Html: true, atom.Legend: true, atom.Caption: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
}

// formatTags are the inline tags a point's HTML keeps, by the name it
// writes them with.
var formatTags = map[atom.Atom]string{
	atom.B: "strong", atom.Strong: "strong", atom.I: "em", atom.Em: "em", atom.U: "u",
	atom.Sup: "sup", atom.Sub: "sub", atom.Code: "code",
}

var msoLevel = regexp.MustCompile(`level(\d)`)

// cssRule is one simple class rule of a style sheet (".c3{font-weight:700}"),
// as Google Docs and other exporters write bold; boldWeight is a bold
// font-weight declaration.
var (
	cssRule    = regexp.MustCompile(`\.([A-Za-z0-9_-]{1,40})\s*\{([^{}]*)\}`)
	boldWeight = regexp.MustCompile(`font-weight:\s*(?:bold|bolder|[6-9]00)\b`)
)

// maxCSS bounds how much of a page's style sheets is read for bold classes.
const maxCSS = 64 << 10

// boldClasses finds the classes a page's style sheets make bold.
func boldClasses(doc *goquery.Document) map[string]bool {
	var sb strings.Builder
	doc.Find("style").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		sb.WriteString(s.Text())
		return sb.Len() < maxCSS
	})
	css := sb.String()
	css = strings.ToLower(css[:min(len(css), maxCSS)])
	out := map[string]bool{}
	for _, m := range cssRule.FindAllStringSubmatch(css, 500) {
		if boldWeight.MatchString(m[2]) {
			out[m[1]] = true
		}
	}
	return out
}

// htmlBlocks turns an HTML page or fragment into blocks.
func htmlBlocks(content string) []*block {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(content))
	if err != nil {
		return nil
	}
	root := doc.Find("body")
	if root.Length() == 0 {
		root = doc.Selection
	}
	w := &walker{buf: newInline(), sizes: map[*html.Node]int{}, boldClass: boldClasses(doc)}
	for _, n := range root.Nodes {
		w.total += w.size(n, 0)
	}
	for _, n := range root.Nodes {
		w.children(n, 0)
	}
	w.flush()
	return w.blocks
}

// walker walks the DOM, gathering inline content into blocks.
type walker struct {
	blocks []*block
	buf    *inline
	// item is true while walking inside a list item, where block elements
	// only separate words and nested lists become sub-items.
	item     bool
	subItems [][]tok
	// listLevel is the nesting level a flat list states by its class or
	// indentation (Google Docs writes nested lists as sibling lists).
	listLevel int
	// article is true inside article, main or section, where a header
	// holds the post's own title rather than the site's.
	article bool
	// sizes holds the text length of each element; total is the page's.
	sizes map[*html.Node]int
	total int
	// boldClass holds the classes the page's style sheets make bold.
	boldClass map[string]bool
}

// size measures the text under n.
func (w *walker) size(n *html.Node, depth int) int {
	if n.Type == html.TextNode {
		return len(strings.TrimFunc(n.Data, isSpace))
	}
	if depth > maxDepth || n.Type != html.ElementNode && n.Type != html.DocumentNode {
		return 0
	}
	if noiseTags[n.DataAtom] && !chromeTags[n.DataAtom] {
		return 0
	}
	total := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		total += w.size(c, depth+1)
	}
	w.sizes[n] = total
	return total
}

// mainPart reports an element that holds most of the page's text: a
// page's content is never chrome, whatever its wrapper is called.
func (w *walker) mainPart(n *html.Node) bool {
	return w.total > 0 && w.sizes[n]*2 > w.total
}

func (w *walker) children(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.node(c, depth+1)
	}
}

func (w *walker) node(n *html.Node, depth int) {
	if depth > maxDepth {
		return
	}
	switch n.Type {
	case html.TextNode:
		w.buf.text(n.Data)
		return
	case html.ElementNode:
	default:
		return
	}
	if w.noise(n) {
		return
	}
	a := n.DataAtom
	name, ok := formatTags[a]
	if !ok && a == atom.Span && w.styledBold(n) {
		name, ok = "strong", true
	}
	if ok {
		w.buf.open(name, "")
		if name == "strong" {
			w.buf.bold++
		}
		w.children(n, depth)
		if name == "strong" {
			w.buf.bold--
		}
		w.buf.close(name)
		return
	}
	switch a {
	case atom.Br:
		w.buf.brk()
		return
	case atom.A:
		if href := safeHref(attr(n, "href")); href != "" {
			w.buf.open("a", href)
			w.children(n, depth)
			w.buf.close("a")
			return
		}
		w.children(n, depth)
		return
	case atom.Hr:
		if !w.item {
			w.flush()
			w.blocks = append(w.blocks, &block{kind: bRule})
		}
		return
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		if w.item {
			w.spaced(n, depth)
			return
		}
		w.flush()
		toks := w.sub(n, depth).toks
		level := int(n.Data[1] - '0')
		w.blocks = append(w.blocks, &block{kind: bHeading, level: level, toks: toks})
		return
	case atom.Ul, atom.Ol, atom.Menu:
		w.list(n, depth)
		return
	case atom.Li:
		w.listItem(n, depth)
		return
	case atom.Table:
		if w.item {
			w.spaced(n, depth)
			return
		}
		w.table(n, depth)
		return
	case atom.Article, atom.Main, atom.Section:
		saved := w.article
		w.article = true
		w.block(n, depth)
		w.article = saved
		return
	case atom.P:
		if !w.item && isWordListPara(n) {
			w.flush()
			sub := w.sub(n, depth)
			level := 1
			if m := msoLevel.FindStringSubmatch(attr(n, "style")); m != nil {
				level, _ = strconv.Atoi(m[1])
			}
			w.blocks = append(w.blocks, &block{kind: bItem, depth: level, toks: sub.toks})
			return
		}
	}
	if blockTags[a] {
		w.block(n, depth)
		return
	}
	w.children(n, depth)
}

// block walks a block element: its content stands apart from what is
// before and after it.
func (w *walker) block(n *html.Node, depth int) {
	if w.item {
		w.spaced(n, depth)
		return
	}
	w.flush()
	w.children(n, depth)
	w.flush()
}

// spaced walks n inside a list item, keeping its words apart from their
// neighbours.
func (w *walker) spaced(n *html.Node, depth int) {
	w.buf.text(" ")
	w.children(n, depth)
	w.buf.text(" ")
}

// sub walks n's children into a fresh inline buffer.
func (w *walker) sub(n *html.Node, depth int) *inline {
	saved, savedItem := w.buf, w.item
	w.buf, w.item = newInline(), true
	w.children(n, depth)
	out := w.buf
	w.buf, w.item = saved, savedItem
	return out
}

// flush ends the current paragraph.
func (w *walker) flush() {
	if w.buf.empty() {
		w.buf = newInline()
		return
	}
	w.blocks = append(w.blocks, &block{kind: bPara, toks: w.buf.toks, allBold: w.buf.allBold()})
	w.buf = newInline()
}

// list walks a list; inside an item its entries become sub-items.
func (w *walker) list(n *html.Node, depth int) {
	if !w.item {
		w.flush()
		saved := w.listLevel
		w.listLevel = flatListLevel(n)
		defer func() { w.listLevel = saved }()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			w.listItem(c, depth+1)
			continue
		}
		w.node(c, depth+1)
	}
	if !w.item {
		w.flush()
	}
}

// listItem turns an li into an item with its sub-items, or, when it is a
// card holding headings and several paragraphs, walks it as a container.
func (w *walker) listItem(n *html.Node, depth int) {
	if w.noise(n) {
		return
	}
	if w.item {
		// A nested entry: its text, with its own sub-entries, is one sub-item.
		saved, savedSubs := w.buf, w.subItems
		w.buf, w.subItems = newInline(), nil
		w.children(n, depth)
		toks := joinToks(append([][]tok{w.buf.toks}, w.subItems...)...)
		w.buf, w.subItems = saved, savedSubs
		if len(toks) > 0 {
			w.subItems = append(w.subItems, toks)
		}
		return
	}
	if isContainer(n) {
		w.flush()
		w.children(n, depth)
		w.flush()
		return
	}
	w.flush()
	saved, savedSubs := w.buf, w.subItems
	w.buf, w.subItems, w.item = newInline(), nil, true
	w.children(n, depth)
	b := &block{kind: bItem, depth: 1 + w.listLevel, toks: w.buf.toks}
	for _, s := range w.subItems {
		b.children = append(b.children, &block{kind: bItem, depth: 2, toks: s})
	}
	w.buf, w.subItems, w.item = saved, savedSubs, false
	if len(b.toks) > 0 || len(b.children) > 0 {
		w.blocks = append(w.blocks, b)
	}
}

// gdocsLevel is the level suffix of a Google Docs list class
// ("lst-kix_q8w2m1x7c3-2"); marginLeft is an indentation in points.
var (
	gdocsLevel = regexp.MustCompile(`\blst-kix_[a-z0-9]+-(\d)\b`)
	marginLeft = regexp.MustCompile(`margin-left:\s*(\d{1,4})(?:\.\d+)?(pt|px)`)
)

// flatListLevel is the nesting level of a list that is not nested in the
// markup: the level a Google Docs class names, or its left margin in steps
// of 36pt (48px) beyond the first.
func flatListLevel(n *html.Node) int {
	if m := gdocsLevel.FindStringSubmatch(attr(n, "class")); m != nil {
		return int(m[1][0] - '0')
	}
	if m := marginLeft.FindStringSubmatch(strings.ToLower(attr(n, "style"))); m != nil {
		v, _ := strconv.Atoi(m[1])
		step := 36
		if m[2] == "px" {
			step = 48
		}
		return min(max(v/step-1, 0), 8)
	}
	return 0
}

// isContainer reports an li used as a layout box (a card with a heading,
// or several paragraphs) rather than a list entry.
func isContainer(n *html.Node) bool {
	paras := 0
	found := anyElement(n, func(c *html.Node) (bool, bool) {
		switch c.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Table:
			return true, false
		case atom.Ul, atom.Ol:
			return false, false
		case atom.P:
			if hasText(c) {
				paras++
			}
		}
		return false, true
	})
	return found || paras > 1
}

// anyElement walks the elements under n, at most 32 deep, until match
// reports one found; match also says whether to look inside the element.
func anyElement(n *html.Node, match func(*html.Node) (found, descend bool)) bool {
	var visit func(*html.Node, int) bool
	visit = func(m *html.Node, depth int) bool {
		if depth > 32 {
			return false
		}
		for c := m.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			found, descend := match(c)
			if found || descend && visit(c, depth+1) {
				return true
			}
		}
		return false
	}
	return visit(n, 0)
}

func hasText(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode && strings.TrimFunc(c.Data, isSpace) != "" {
			return true
		}
		if c.Type == html.ElementNode && hasText(c) {
			return true
		}
	}
	return false
}

// table reads a data table row by row; a layout table (cells holding
// paragraphs and lists, as in e-mail templates) is walked cell by cell.
func (w *walker) table(n *html.Node, depth int) {
	w.flush()
	for r, tr := range rows(n) {
		cells := cellsOf(tr)
		if len(cells) >= 2 && !anyBlocks(cells) {
			b := &block{kind: bRow}
			header := tr.Parent != nil && tr.Parent.DataAtom == atom.Thead
			allTh, bold := true, r == 0
			for _, c := range cells {
				sub := w.sub(c, depth)
				b.cells = append(b.cells, sub.toks)
				if c.DataAtom != atom.Th {
					allTh = false
				}
				bold = bold && sub.allBold()
			}
			// Word and e-mail editors write a header row as bold cells.
			if header || allTh || bold {
				b.kind = bHeaderRow
			}
			w.blocks = append(w.blocks, b)
			continue
		}
		for _, c := range cells {
			w.flush()
			w.children(c, depth+2)
			w.flush()
		}
	}
	w.flush()
}

// rows lists the rows of a table, not of tables nested in it.
func rows(table *html.Node) []*html.Node {
	var out []*html.Node
	for c := table.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			out = append(out, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.DataAtom == atom.Tr {
					out = append(out, r)
				}
			}
		}
	}
	return out
}

func cellsOf(tr *html.Node) []*html.Node {
	var out []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.DataAtom == atom.Td || c.DataAtom == atom.Th {
			out = append(out, c)
		}
	}
	return out
}

// anyBlocks reports cells that hold block content: lists, tables,
// headings, or more than one paragraph. Word wraps each cell's text in a
// paragraph of its own, which leaves the cell a plain one.
func anyBlocks(cells []*html.Node) bool {
	for _, c := range cells {
		paras := 0
		if anyElement(c, func(e *html.Node) (bool, bool) {
			switch e.DataAtom {
			case atom.P, atom.Div:
				paras++
				return paras > 1, true
			case atom.Ul, atom.Ol, atom.Table, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote:
				return true, false
			}
			return false, true
		}) {
			return true
		}
	}
	return false
}

// noise reports an element that is page chrome or hidden.
func (w *walker) noise(n *html.Node) bool {
	a := n.DataAtom
	if noiseTags[a] && !chromeTags[a] {
		return true
	}
	if w.mainPart(n) {
		return false
	}
	switch {
	case a == atom.Header:
		return !w.article
	case a == atom.Form:
		return !holdsContent(n)
	case chromeTags[a]:
		return true
	}
	for _, at := range n.Attr {
		switch at.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if at.Val == "true" {
				return true
			}
		case "role":
			if noiseRoles[strings.ToLower(at.Val)] {
				return true
			}
		case "style":
			st := strings.ToLower(strings.ReplaceAll(at.Val, " ", ""))
			if strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") || strings.Contains(st, "mso-list:ignore") {
				return true
			}
		case "class", "id":
			if noiseName(at.Val) {
				return true
			}
		}
	}
	return false
}

// styledBold reports a span made bold by its style or its class, the way
// exporters that write no <b> mark bold text.
func (w *walker) styledBold(n *html.Node) bool {
	if boldWeight.MatchString(strings.ToLower(attr(n, "style"))) {
		return true
	}
	if len(w.boldClass) == 0 {
		return false
	}
	for _, c := range strings.Fields(strings.ToLower(attr(n, "class"))) {
		if w.boldClass[c] {
			return true
		}
	}
	return false
}

// noiseName reports a class or id attribute naming page chrome.
func noiseName(v string) bool {
	for _, cls := range strings.Fields(strings.ToLower(v)) {
		if noiseClasses[cls] {
			return true
		}
		for _, t := range strings.FieldsFunc(cls, func(r rune) bool { return r == '-' || r == '_' }) {
			if noiseTokens[t] {
				return true
			}
		}
	}
	return false
}

// holdsContent reports a form wrapped around a whole page (as some site
// builders do) rather than a sign-up or comment form.
func holdsContent(n *html.Node) bool {
	count := 0
	return anyElement(n, func(e *html.Node) (bool, bool) {
		switch e.DataAtom {
		case atom.P, atom.Li, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Article:
			count++
		}
		return count >= 3, true
	})
}

// isWordListPara reports a paragraph Word exported from a bulleted or
// numbered list.
func isWordListPara(n *html.Node) bool {
	if strings.HasPrefix(strings.ToLower(attr(n, "class")), "msolistparagraph") {
		return true
	}
	st := strings.ToLower(attr(n, "style"))
	return strings.Contains(st, "mso-list:") && !strings.Contains(st, "mso-list:ignore")
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// safeHref keeps only absolute http(s) links.
func safeHref(href string) string {
	href = strings.TrimSpace(href)
	u, err := url.Parse(href)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// regroup splits HTML paragraphs that hold several lines (text set off by
// <br>, as in Blogger posts and pasted e-mails) or start with a typed
// bullet into blocks, by the same rules as plain text. Word list
// paragraphs of a deeper level become sub-items of the entry above.
func regroup(blocks []*block, labels *markerSet) []*block {
	out := make([]*block, 0, len(blocks))
	for _, b := range blocks {
		if b.kind == bItem && b.depth > 1 && len(out) > 0 && out[len(out)-1].kind == bItem && out[len(out)-1].depth < b.depth {
			parent := out[len(out)-1]
			if k := len(parent.children); k > 0 && parent.children[k-1].depth < b.depth {
				// Deeper still: the entry goes on in its sub-entries.
				last := parent.children[k-1]
				last.toks = joinToks(last.toks, b.toks)
				continue
			}
			parent.children = append(parent.children, b)
			continue
		}
		if b.kind != bPara || !needsRegroup(b) {
			out = append(out, b)
			continue
		}
		g := &grouper{labels: labels, inline: plainInline}
		ls := lines(balance(b.toks))
		texts := make([]string, len(ls))
		for i, l := range ls {
			ls[i] = trimLeft(l)
			texts[i] = plain(ls[i], " ")
		}
		brk := lineBreaks(texts, labels)
		for i, l := range ls {
			g.add(line{text: texts[i], toks: l, brk: brk[i]})
		}
		out = append(out, g.blocks()...)
	}
	return out
}

func needsRegroup(b *block) bool {
	for _, t := range b.toks {
		if t.kind == tokBreak {
			return true
		}
	}
	_, _, ok := marker(plain(b.toks, " "))
	return ok
}
