// Package docxtexttest builds Word documents (.docx) for tests: the parts
// Word writes, with the body's XML given.
package docxtexttest

import (
	"archive/zip"
	"bytes"
	"html"
	"strings"
)

// Namespaces declares the prefixes Word writes on w:document.
const Namespaces = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
	`xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
	`xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ` +
	`xmlns:v="urn:schemas-microsoft-com:vml" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" mc:Ignorable="wps"`

// Build is a .docx whose word/document.xml has body inside w:body.
func Build(body string) []byte {
	return Zip(map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<w:document ` + Namespaces + `><w:body>` + body +
			`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`,
	})
}

// Zip is a zip archive of files, deflated, in name order.
func Zip(files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedKeys(files) {
		w, err := zw.Create(name)
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func sortedKeys(m map[string]string) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if keys[j] < keys[i] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

// P is a paragraph of runs, with a style when style is not "".
func P(style string, runs ...string) string {
	var b strings.Builder
	b.WriteString(`<w:p w:rsidR="00A1">`)
	if style != "" {
		b.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	for _, r := range runs {
		b.WriteString(r)
	}
	b.WriteString(`</w:p>`)
	return b.String()
}

// Item is a numbered-list paragraph (w:numPr) of runs.
func Item(runs ...string) string {
	return `<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>` +
		strings.Join(runs, "") + `</w:p>`
}

// R is a run of text, its spaces kept.
func R(text string) string {
	return `<w:r><w:rPr><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">` + html.EscapeString(text) + `</w:t></w:r>`
}

// Bold is a bold run.
func Bold(text string) string {
	return `<w:r><w:rPr><w:b/></w:rPr><w:t>` + html.EscapeString(text) + `</w:t></w:r>`
}

// Letter is a Word prayer letter with what Word puts in one: a title, a
// run split by formatting and a spelling mark, a tracked deletion, a
// field, a text box (written twice, as Word does, in mc:Choice and
// mc:Fallback), a table, a hyperlink, a tab and a line break, and a
// bulleted list of prayer requests.
func Letter() []byte {
	return Build(P("Title", R("Okafor family: prayer letter, March 2026")) +
		P("", R("Dear friends, "), `<w:proofErr w:type="spellStart"/>`, R("greetings"), `<w:proofErr w:type="spellEnd"/>`,
			R(" from Jos."), `<w:del w:id="1" w:author="Jo"><w:r><w:delText>Deleted words.</w:delText></w:r></w:del>`) +
		P("", R("Page "), `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		P("", `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>`+
			P("", R("Thank you for standing with us."))+`</w:txbxContent></wps:txbx></w:drawing></mc:Choice>`+
			`<mc:Fallback><w:pict><v:textbox><w:txbxContent>`+P("", R("Thank you for standing with us."))+
			`</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>`) +
		`<w:tbl><w:tr><w:tc>` + P("", R("Clinic: 40 patients a day")) + `</w:tc></w:tr></w:tbl>` +
		P("Heading1", R("Prayer requests")) +
		Item(R("Pray for the "), Bold("nurses'"), R(" exams on Friday.")) +
		Item(R("Pray for safe roads between Jos and Bukuru."), `<w:r><w:br/></w:r>`, R("The rains have started.")) +
		P("Heading1", R("Praise")) +
		Item(R("Praise God for rain"), `<w:r><w:tab/></w:r>`, R("in the north.")) +
		P("", `<w:hyperlink r:id="rId9">`+R("okafor.example/news")+`</w:hyperlink>`, R(" & <more>")))
}

// LetterHTML is what Letter reads as.
const LetterHTML = `<h2>Okafor family: prayer letter, March 2026</h2>
<p>Dear friends, greetings from Jos.</p>
<p>Page</p>
<p>Thank you for standing with us.</p>
<p>Clinic: 40 patients a day</p>
<h2>Prayer requests</h2>
<ul>
<li>Pray for the nurses&#39; exams on Friday.</li>
<li>Pray for safe roads between Jos and Bukuru.<br>The rains have started.</li>
</ul>
<h2>Praise</h2>
<ul>
<li>Praise God for rain in the north.</li>
</ul>
<p>okafor.example/news &amp; &lt;more&gt;</p>
`
