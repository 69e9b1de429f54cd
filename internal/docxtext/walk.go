package docxtext

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// errFull stops a walk whose writer holds MaxTextBytes.
var errFull = errors.New("text cap reached")

// markupCompat is the markup-compatibility namespace: an mc:Fallback
// repeats its mc:Choice (a text box twice), so it is skipped.
const markupCompat = "http://schemas.openxmlformats.org/markup-compatibility/2006"

// skipped are the Word elements whose text is not the letter's: deleted
// text of tracked changes, field codes, and the text of the paragraph mark.
var skipped = map[string]bool{"delText": true, "instrText": true, "delInstrText": true}

// walk streams document.xml's tokens into w.
func walk(ctx context.Context, dec *xml.Decoder, maxDepth int, w *writer) error {
	depth, skip, inText := 0, 0, false
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return w.endPara()
		}
		if err != nil {
			if errors.Is(err, ErrTooLarge) {
				return err
			}
			return fmt.Errorf("%w: word/document.xml: %v", ErrNotDocx, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return fmt.Errorf("%w: elements nested more than %d deep", ErrTooLarge, maxDepth)
			}
			if skip > 0 {
				continue
			}
			if (t.Name.Space == markupCompat && t.Name.Local == "Fallback") || (isWord(t.Name) && skipped[t.Name.Local]) {
				skip = depth
				continue
			}
			if isWord(t.Name) {
				inText = inText || t.Name.Local == "t"
				if err := w.start(t); err != nil {
					return err
				}
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				if depth < skip {
					skip = 0
				}
				continue
			}
			if isWord(t.Name) && t.Name.Local == "t" {
				inText = false
			}
			if isWord(t.Name) && t.Name.Local == "p" {
				if err := w.endPara(); err != nil {
					return err
				}
			}
		case xml.CharData:
			if inText && skip == 0 {
				w.text(string(t))
			}
		}
	}
}

// writer builds the HTML paragraph by paragraph.
type writer struct {
	out strings.Builder
	max int
	// The paragraph being read: its HTML, its plain text, its style.
	html, plain   strings.Builder
	heading, item bool
	inList        bool
	title, first  string
}

// start notes what a Word element says about the paragraph.
func (w *writer) start(t xml.StartElement) error {
	switch t.Name.Local {
	case "p":
		// A paragraph inside one (a text box) ends the text before it.
		if err := w.endPara(); err != nil {
			return err
		}
	case "pStyle":
		style := strings.ToLower(attr(t, "val"))
		w.heading = strings.HasPrefix(style, "heading") || style == "title" || style == "subtitle"
		w.item = w.item || strings.HasPrefix(style, "listbullet") || strings.HasPrefix(style, "listnumber")
	case "numPr":
		w.item = true
	case "tab":
		w.text(" ")
	case "br", "cr":
		w.html.WriteString("<br>")
		w.plain.WriteByte(' ')
	}
	return nil
}

// attr is the value of t's attribute named local, in any namespace.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// text adds s to the paragraph, up to the text cap: a paragraph past it
// is cut when it ends.
func (w *writer) text(s string) {
	if w.html.Len() > w.max {
		return
	}
	w.html.WriteString(escape(s))
	w.plain.WriteString(s)
}

// endPara writes the paragraph read so far, if it holds any text.
func (w *writer) endPara() error {
	plain := strings.TrimSpace(w.plain.String())
	body := strings.TrimSpace(w.html.String())
	heading, item := w.heading, w.item
	w.html.Reset()
	w.plain.Reset()
	w.heading, w.item = false, false
	if plain == "" {
		return nil
	}
	switch {
	case item:
		if !w.inList {
			w.out.WriteString("<ul>\n")
			w.inList = true
		}
		w.out.WriteString("<li>" + body + "</li>\n")
	default:
		w.closeList()
		if heading {
			w.out.WriteString("<h2>" + body + "</h2>\n")
		} else {
			w.out.WriteString("<p>" + body + "</p>\n")
		}
	}
	if heading && w.title == "" {
		w.title = trimTitle(plain, 200)
	}
	if w.first == "" {
		w.first = trimTitle(plain, 200)
	}
	if w.out.Len() > w.max {
		return errFull
	}
	return nil
}

func (w *writer) closeList() {
	if w.inList {
		w.out.WriteString("</ul>\n")
		w.inList = false
	}
}

// finish ends the document's HTML and settles its title.
func (w *writer) finish() {
	w.closeList()
	if w.title == "" {
		w.title = w.first
	}
}
