package pdftext

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Page is one page of a PDF as pdftotext lays it out.
type Page struct {
	Width, Height float64
	Blocks        []Block
}

// Block is a run of lines poppler keeps together: a paragraph, a heading,
// a running header.
type Block struct {
	Box   Box
	Lines []string
}

// Box is a rectangle in PDF points, y growing down the page.
type Box struct{ X0, Y0, X1, Y1 float64 }

// Text is the block's lines, one a line.
func (b Block) Text() string { return strings.Join(b.Lines, "\n") }

// Parse reads pdftotext -bbox-layout's XHTML into pages.
func Parse(raw string) ([]Page, error) {
	d := xml.NewDecoder(strings.NewReader(raw))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	var pages []Page
	var block *Block
	var line, word []string
	inWord := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return pages, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read pdftotext output: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "page":
				pages = append(pages, Page{Width: attr(t, "width"), Height: attr(t, "height")})
			case "block":
				block = &Block{Box: Box{attr(t, "xMin"), attr(t, "yMin"), attr(t, "xMax"), attr(t, "yMax")}}
			case "line":
				line = line[:0]
			case "word":
				inWord, word = true, word[:0]
			}
		case xml.CharData:
			if inWord {
				word = append(word, string(bytes.TrimSpace(t)))
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "word":
				inWord = false
				if w := strings.Join(word, ""); w != "" {
					line = append(line, w)
				}
			case "line":
				if block != nil && len(line) > 0 {
					block.Lines = append(block.Lines, strings.Join(line, " "))
				}
			case "block":
				if block != nil && len(pages) > 0 && len(block.Lines) > 0 {
					p := &pages[len(pages)-1]
					p.Blocks = append(p.Blocks, *block)
				}
				block = nil
			}
		}
	}
}

func attr(e xml.StartElement, name string) float64 {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			f, _ := strconv.ParseFloat(a.Value, 64)
			return f
		}
	}
	return 0
}

// Join returns the pages' text in reading order, blocks separated by
// blank lines, with running headers, footers and page numbers dropped.
func Join(pages []Page) string {
	pages = dropFurniture(pages)
	var b strings.Builder
	for _, p := range pages {
		for _, blk := range Order(p.Blocks) {
			b.WriteString(blk.Text())
			b.WriteString("\n\n")
		}
	}
	return strings.TrimSpace(b.String()) + "\n"
}
