// Package pdftexttest makes the PDFs the tests read: prayer letters
// printed by headless Chromium from HTML, and hostile files written by
// hand. Nothing is downloaded.
package pdftexttest

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Require returns the path of program name, or ends the test: a failure
// under CI (which installs Debian's pkg), a skip elsewhere.
func Require(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found (CI installs Debian's %s): %v", name, pkg, err)
		}
		t.Skipf("exec.LookPath(%s): %v; install Debian's %s", name, err, pkg)
	}
	return path
}

// Print prints html to PDF with headless Chromium. With furniture set,
// Chromium adds its running header (date, title) and footer (address,
// "1/3"), which a reader must drop.
func Print(t testing.TB, html string, furniture bool) []byte {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: prints a PDF with Chromium")
	}
	bin := Require(t, "chromium", "chromium")
	dir := t.TempDir()
	page := filepath.Join(dir, "letter.html")
	if err := os.WriteFile(page, []byte(html), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "letter.pdf")
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir=" + filepath.Join(dir, "profile"), "--print-to-pdf=" + out}
	if !furniture {
		args = append(args, "--no-pdf-header-footer")
	}
	cmd := exec.Command(bin, append(args, "file://"+page)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium --print-to-pdf: %v: %s", err, b)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return pdf
}

// Letter is a two-column prayer letter in HTML. Its text runs over more
// than one A4 page when filler paragraphs are added, so that running
// headers and footers repeat.
func Letter(filler int) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html><head><meta charset="utf-8"><title>Okafor Spring Letter</title><style>
@page { size: A4; margin: 20mm 15mm; }
body { font: 11pt serif; }
.cols { column-count: 2; column-gap: 10mm; }
</style></head><body>
<h1>The Okafor Family: Spring Prayer Letter</h1>
<div class="cols">
<p>Dear friends, greetings from Jos. The rains have come early this year and the clinic has been busier than ever.</p>
<p>In March we welcomed two new nurses to the clinic, and the maternity ward reopened after the repairs to its roof.</p>
`)
	for i := range filler {
		fmt.Fprintf(&b, "<p>Week %d at the clinic was much like the others: patients from the villages, long queues in the morning, and the generator running through the afternoon while the town supply was off.</p>\n", i+1)
	}
	b.WriteString(`<h2>Prayer requests</h2>
<ul>
<li>Pray for Ada as she sits her nursing exams in May.</li>
<li>Pray for safe roads between Jos and Bukuru during the rains.</li>
<li>Pray for the new translation team meeting in June.</li>
</ul>
<h2>Praise</h2>
<ul>
<li>Praise God for the new well at Bukuru school.</li>
<li>Praise God that the clinic roof was finished before the rains.</li>
</ul>
<p>With love and thanks, Emeka and Grace.</p>
</div></body></html>`)
	return b.String()
}

// LetterPoints are Letter's points in reading order.
var LetterPoints = []string{
	"Pray for Ada as she sits her nursing exams in May.",
	"Pray for safe roads between Jos and Bukuru during the rains.",
	"Pray for the new translation team meeting in June.",
	"Praise God for the new well at Bukuru school.",
	"Praise God that the clinic roof was finished before the rains.",
}

// Pages writes a valid PDF of n pages that all share one small content
// stream: a few hundred bytes a page on disk, n pages to a reader.
func Pages(n int) []byte {
	content := "BT /F1 12 Tf 72 400 Td (Pray for the team.) Tj ET"
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, filled below
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
	}
	kids := make([]string, n)
	for i := range n {
		kids[i] = fmt.Sprintf("%d 0 R", len(objs)+1)
		objs = append(objs, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	objs[1] = fmt.Sprintf("<< /Type /Pages /Count %d /Kids [%s] >>", n, strings.Join(kids, " "))
	return write(objs)
}

// Bomb writes a one-page PDF whose content stream inflates to about
// inflated bytes of text-showing operators from a far smaller file.
func Bomb(inflated int) []byte {
	var z bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	zw.Write([]byte("BT /F1 12 Tf 72 720 Td "))
	chunk := bytes.Repeat([]byte("(AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA) Tj 0 -1 Td "), 1<<14)
	for n := 0; n < inflated; n += len(chunk) {
		zw.Write(chunk)
	}
	zw.Write([]byte("ET"))
	zw.Close()
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Count 1 /Kids [5 0 R] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
	}
	return write(objs)
}

// write lays objs out as PDF objects 1..n with a cross-reference table.
func write(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}
