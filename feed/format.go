package feed

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// Format is one of the feed document formats prayerfeed publishes.
type Format string

// The formats, named as they appear in logs and flags.
const (
	FormatRSS  Format = "rss"
	FormatAtom Format = "atom"
	FormatJSON Format = "json"
)

// Formats lists every format, in the order routes are usually listed.
var Formats = []Format{FormatRSS, FormatAtom, FormatJSON}

// ErrUnknownFormat is returned for an extension or format prayerfeed does not
// publish; servers answer it with 404.
var ErrUnknownFormat = errors.New("unknown feed format")

// ContentType is the media type a server sends with the format.
func (f Format) ContentType() string {
	switch f {
	case FormatRSS:
		return "application/rss+xml; charset=utf-8"
	case FormatAtom:
		return "application/atom+xml; charset=utf-8"
	case FormatJSON:
		return "application/feed+json; charset=utf-8"
	}
	return "application/octet-stream"
}

// mediaType is ContentType without parameters, for link type attributes.
func (f Format) mediaType() string {
	mt, _, _ := strings.Cut(f.ContentType(), ";")
	return mt
}

// Ext is the file extension of the format's route, with its dot.
func (f Format) Ext() string {
	switch f {
	case FormatRSS:
		return ".xml"
	case FormatAtom:
		return ".atom"
	case FormatJSON:
		return ".json"
	}
	return ""
}

// FormatFromExt maps a route's extension (".xml", ".atom", ".json", with or
// without the dot) to its format.
func FormatFromExt(ext string) (Format, error) {
	want := "." + strings.TrimPrefix(ext, ".")
	for _, f := range Formats {
		if f.Ext() == want {
			return f, nil
		}
	}
	return "", fmt.Errorf("extension %q: %w", ext, ErrUnknownFormat)
}

// Write writes items as a feed document in format f.
func Write(w io.Writer, f Format, m Meta, items []Item) error {
	switch f {
	case FormatRSS:
		return WriteRSS(w, m, items)
	case FormatAtom:
		return WriteAtom(w, m, items)
	case FormatJSON:
		return WriteJSON(w, m, items)
	}
	return fmt.Errorf("write feed %q: %w", f, ErrUnknownFormat)
}
