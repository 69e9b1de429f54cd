package fetcher

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
)

// maxFeedItems caps the entries read from one feed. gofeed builds every
// entry of a document before returning any, at about a kilobyte each
// however empty the entry: a 5 MB JSON Feed of empty items cost 1.2 GB.
// Feeds list their newest entries first and the worker keeps at most its
// MaxUpdates of them, so the entries past the cap are cut from the
// document before gofeed sees it.
const maxFeedItems = 200

// capFeedItems returns body with at most max entries, or body itself when
// it has no more than that or cannot be read as a feed (gofeed then
// reports the error).
func capFeedItems(body []byte, max int) []byte {
	trimmed := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(trimmed) > 0 && trimmed[0] == '{' {
		// Every item is an object: with no more braces than the cap there
		// is nothing to cut, and no need to read the document twice.
		if bytes.Count(body, []byte("{")) <= max {
			return body
		}
		return capJSONItems(body, max)
	}
	if bytes.Count(body, []byte("<item"))+bytes.Count(body, []byte("<entry")) <= max {
		return body
	}
	return capXMLItems(body, max)
}

// capJSONItems keeps a JSON Feed's top-level members and its first max
// items.
func capJSONItems(body []byte, max int) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return body
	}
	var out bytes.Buffer
	out.WriteByte('{')
	var raw json.RawMessage // reused: a skipped item costs no memory kept
	capped := false
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			return body
		}
		if out.Len() > 1 {
			out.WriteByte(',')
		}
		k, _ := json.Marshal(key)
		out.Write(k)
		out.WriteByte(':')
		if key != "items" {
			if err := dec.Decode(&raw); err != nil {
				return body
			}
			out.Write(raw)
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return body
		}
		out.WriteByte('[')
		for n := 0; dec.More(); n++ {
			if err := dec.Decode(&raw); err != nil {
				return body
			}
			if n >= max {
				capped = true
				continue
			}
			if n > 0 {
				out.WriteByte(',')
			}
			out.Write(raw)
		}
		if _, err := dec.Token(); err != nil {
			return body
		}
		out.WriteByte(']')
	}
	if !capped {
		return body
	}
	out.WriteByte('}')
	return out.Bytes()
}

// capXMLItems cuts an RSS or Atom document after its max-th item or
// entry, closing the elements still open there.
func capXMLItems(body []byte, max int) []byte {
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	var open []xml.Name // the elements open at this point, outermost first
	n := 0
	for {
		t, err := dec.RawToken()
		if err == io.EOF || err != nil {
			return body
		}
		switch t := t.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
		case xml.EndElement:
			if len(open) == 0 {
				return body
			}
			open = open[:len(open)-1]
			if !isEntry(t.Name, len(open)) {
				continue
			}
			if n++; n < max {
				continue
			}
			cut := dec.InputOffset()
			if !bytes.Contains(body[cut:], []byte("<"+qualified(t.Name))) {
				return body
			}
			out := append([]byte(nil), body[:cut]...)
			for i := len(open) - 1; i >= 0; i-- {
				out = append(out, "</"+qualified(open[i])+">"...)
			}
			return out
		}
	}
}

// isEntry reports whether an element named name, depth elements deep, is
// a feed entry: rss/channel/item, rdf:RDF/item, or feed/entry.
func isEntry(name xml.Name, depth int) bool {
	return depth <= 2 && (name.Local == "item" || name.Local == "entry")
}

// qualified is name as written in the document (RawToken keeps prefixes).
func qualified(name xml.Name) string {
	if name.Space == "" {
		return name.Local
	}
	return name.Space + ":" + name.Local
}
