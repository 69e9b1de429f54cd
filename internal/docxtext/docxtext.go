// Package docxtext reads the text of a Word prayer letter (.docx) as
// simple HTML: headings, paragraphs and list items, which is what the
// extractor needs to find the points.
//
// It is written here on archive/zip and encoding/xml rather than taken
// from a library: no well-kept Go library for .docx could be had (gooxml
// is abandoned and not served by the module proxy, unioffice is
// commercial, the others have no tagged release), and reading the text is
// small: a .docx is a zip whose word/document.xml holds the paragraphs
// (w:p) of runs (w:r) of text (w:t). Streaming that one entry through
// encoding/xml keeps memory and time bounded whatever a sender attaches:
//   - the zip's directory is checked before archive/zip reads it, as a
//     zip of a million entries costs archive/zip hundreds of megabytes;
//   - word/document.xml is read through a cap on its inflated bytes (a
//     compression bomb stops there, whatever its header claims);
//   - elements may nest only so deep, the text kept is capped, and
//     encoding/xml expands no DTD entities (no "billion laughs").
package docxtext

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
)

// ErrNotDocx is returned for data that is not a Word document.
var ErrNotDocx = errors.New("not a Word document (.docx)")

// ErrTooLarge is returned when a document passes a cap.
var ErrTooLarge = errors.New("Word document too large")

// ErrNotZip and ErrZipTooLarge are CheckZip's refusals.
var (
	ErrNotZip      = errors.New("not a zip archive")
	ErrZipTooLarge = errors.New("zip archive too large")
)

// Config bounds one reading; every zero value means its default.
type Config struct {
	// MaxXMLBytes caps word/document.xml once inflated; default 8 MiB
	// (a long letter is well under 1 MiB; images are separate entries).
	// encoding/xml holds a paragraph's text whole, so memory is a few
	// times this at most.
	MaxXMLBytes int64
	// MaxTextBytes caps the HTML kept; default 1 MiB.
	MaxTextBytes int
	// MaxDepth caps how deeply elements nest; default 256 (Word writes
	// about 10).
	MaxDepth int
	// MaxEntries caps the zip's entries; default 10,000.
	MaxEntries int
}

func (c Config) withDefaults() Config {
	if c.MaxXMLBytes <= 0 {
		c.MaxXMLBytes = 8 << 20
	}
	if c.MaxTextBytes <= 0 {
		c.MaxTextBytes = 1 << 20
	}
	if c.MaxDepth <= 0 {
		c.MaxDepth = 256
	}
	if c.MaxEntries <= 0 {
		c.MaxEntries = 10_000
	}
	return c
}

// Document is a .docx letter's text.
type Document struct {
	// HTML is its headings, paragraphs and lists, text escaped.
	HTML string
	// Title is its first heading, else its first paragraph, cut short.
	Title string
	// Cut is set when the text passed MaxTextBytes and the rest was left.
	Cut bool
}

// Read reads the Word document data within cfg's bounds; ctx ends it
// early.
func Read(ctx context.Context, cfg Config, data []byte) (Document, error) {
	cfg = cfg.withDefaults()
	if err := CheckZip(data, cfg.MaxEntries); errors.Is(err, ErrZipTooLarge) {
		return Document{}, fmt.Errorf("%w: %w", ErrTooLarge, err)
	} else if err != nil {
		return Document{}, fmt.Errorf("%w: %w", ErrNotDocx, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	var body *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			body = f
			break
		}
	}
	if body == nil {
		return Document{}, fmt.Errorf("%w: no word/document.xml", ErrNotDocx)
	}
	rc, err := body.Open()
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrNotDocx, err)
	}
	defer rc.Close()
	w := &writer{max: cfg.MaxTextBytes}
	err = walk(ctx, xml.NewDecoder(&capReader{r: rc, left: cfg.MaxXMLBytes}), cfg.MaxDepth, w)
	if err != nil && !errors.Is(err, errFull) {
		return Document{}, err
	}
	w.finish()
	return Document{HTML: w.out.String(), Title: w.title, Cut: errors.Is(err, errFull)}, nil
}

// CheckZip reads the zip's end-of-central-directory record and
// refuses, before archive/zip allocates a record per directory entry
// (measured: 238 MB for a 100 MiB zip of a million empty entries), a zip
// with more than max entries, in the zip64 format no Word letter needs, or
// whose directory is not the contiguous block before that record that
// every zip writer makes: archive/zip reads entries from the directory's
// start until one fails to parse, and checks their count only modulo
// 65536, so the stated count alone could be forged.
// The inbox checks a zip attachment with it too.
func CheckZip(data []byte, max int) error {
	const eocdLen, sig = 22, "PK\x05\x06"
	if len(data) < eocdLen {
		return fmt.Errorf("%w: too short", ErrNotZip)
	}
	start := max0(len(data) - (eocdLen + 0xffff))
	at := bytes.LastIndex(data[start:], []byte(sig))
	if at < 0 || len(data)-(start+at) < eocdLen {
		return fmt.Errorf("%w: no directory", ErrNotZip)
	}
	eocd := data[start+at:]
	n := int(binary.LittleEndian.Uint16(eocd[10:]))
	size, offset := int64(binary.LittleEndian.Uint32(eocd[12:])), int64(binary.LittleEndian.Uint32(eocd[16:]))
	switch {
	case n == 0xffff || offset == 0xffffffff:
		return fmt.Errorf("%w: in the zip64 format", ErrZipTooLarge)
	case n > max:
		return fmt.Errorf("%w: %d entries, more than %d", ErrZipTooLarge, n, max)
	case offset+size != int64(start+at):
		return fmt.Errorf("%w: its directory is not where it says", ErrNotZip)
	case size > int64(max)*maxEntryBytes:
		return fmt.Errorf("%w: a directory of %d bytes", ErrZipTooLarge, size)
	}
	return nil
}

// maxEntryBytes is about the most one directory entry of a Word document
// takes (46 bytes and a name such as word/media/image12.jpeg): with
// MaxEntries, it bounds the entries archive/zip reads to about 55,000
// of the smallest kind, whatever the end record says.
const maxEntryBytes = 256

func max0(n int) int { return max(n, 0) }

// capReader reads at most left bytes from r, then fails with ErrTooLarge.
type capReader struct {
	r    io.Reader
	left int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		return 0, fmt.Errorf("%w: word/document.xml inflates past the cap", ErrTooLarge)
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// escape escapes s for the document's HTML.
func escape(s string) string { return html.EscapeString(s) }

// isWord reports whether name is in the WordprocessingML namespace,
// transitional or strict.
func isWord(name xml.Name) bool {
	return name.Space == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
		name.Space == "http://purl.oclc.org/ooxml/wordprocessingml/main"
}

// trimTitle cuts a title to about n bytes at a word.
func trimTitle(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && s[cut]&0xc0 == 0x80 {
			cut--
		}
	}
	return s[:cut] + "…"
}
