package fetcher

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// sniffLen is how far into a body we look for an in-document charset
// declaration. HTML's prescan stops at 1024 bytes, but real pages often put
// <meta charset> after a long block of scripts, so we look further.
const sniffLen = 4096

var (
	xmlPrologRe = regexp.MustCompile(`^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)
	metaCharRe  = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)
	boms        = []struct {
		prefix []byte
		label  string
	}{
		{[]byte("\xef\xbb\xbf"), "utf-8"},
		{[]byte("\xfe\xff"), "utf-16be"},
		{[]byte("\xff\xfe"), "utf-16le"},
	}
)

// toUTF8 decodes a fetched body to valid UTF-8. It trusts, in order, a
// byte-order mark, the Content-Type header's charset, and the document's
// own declaration (XML prolog or HTML <meta>); but declarations are often
// wrong, so the bytes decide between them: a body that is valid UTF-8 with
// non-ASCII text is UTF-8 whatever it claims (Latin-1 text almost never
// forms valid UTF-8 by accident), and a body that declares another
// charset the decoder knows is decoded from it. A body that claims UTF-8,
// or nothing, keeps every valid UTF-8 sequence: only its invalid bytes are
// repaired (repairUTF8), so one stray Windows-1252 apostrophe does not
// re-decode every "ö" of the document as "Ã¶". The result never holds
// invalid UTF-8.
func toUTF8(body []byte, contentType string) []byte {
	for _, b := range boms {
		if bytes.HasPrefix(body, b.prefix) {
			return decodeWith(body[len(b.prefix):], b.label)
		}
	}
	labels := declaredCharsets(body, contentType)
	for _, l := range labels {
		if isUTF16(l) {
			return decodeWith(body, l)
		}
	}
	if utf8.Valid(body) {
		return body
	}
	for _, l := range labels {
		if !isUTF8(l) {
			if e, _ := charset.Lookup(l); e != nil {
				return decodeWith(body, l)
			}
		}
	}
	return repairUTF8(body)
}

// repairUTF8 keeps body's valid UTF-8 and replaces each invalid byte with
// the character it is in Windows-1252 (what a stray byte in a UTF-8 page
// nearly always is: a curly quote or a Latin-1 letter pasted from a word
// processor), or with U+FFFD where Windows-1252 reads it as no text (a C1
// control or an unassigned byte).
func repairUTF8(body []byte) []byte {
	out := make([]byte, 0, len(body)+len(body)/8)
	for len(body) > 0 {
		r, n := utf8.DecodeRune(body)
		if r != utf8.RuneError || n > 1 {
			out = append(out, body[:n]...)
			body = body[n:]
			continue
		}
		out = utf8.AppendRune(out, windows1252Rune(body[0]))
		body = body[1:]
	}
	return out
}

// windows1252Rune is the text byte b reads as in Windows-1252, or U+FFFD.
func windows1252Rune(b byte) rune {
	r := charmap.Windows1252.DecodeByte(b)
	if r == utf8.RuneError || r < 0x20 || (r >= 0x7f && r < 0xa0) {
		return utf8.RuneError
	}
	return r
}

// declaredCharsets lists the charsets body claims, the header's first.
func declaredCharsets(body []byte, contentType string) []string {
	var out []string
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		out = append(out, params["charset"])
	}
	head := body[:min(len(body), sniffLen)]
	if m := xmlPrologRe.FindSubmatch(head); m != nil {
		out = append(out, string(m[1]))
	} else if m := metaCharRe.FindSubmatch(head); m != nil {
		out = append(out, string(m[1]))
	}
	return out
}

func isUTF8(label string) bool {
	_, name := charset.Lookup(label)
	return name == "utf-8"
}

func isUTF16(label string) bool {
	_, name := charset.Lookup(label)
	return strings.HasPrefix(name, "utf-16")
}

// decodeWith decodes body from the named charset, replacing what cannot
// be decoded, and guarantees valid UTF-8 out.
func decodeWith(body []byte, label string) []byte {
	var e encoding.Encoding = charmap.Windows1252
	if found, _ := charset.Lookup(label); found != nil {
		e = found
	}
	out, _, err := transform.Bytes(e.NewDecoder(), body)
	if err != nil {
		out = body
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD"))
}

// feedUTF8 decodes a feed body to UTF-8 and makes its XML prolog say so,
// since the XML decoder would otherwise decode it a second time from the
// charset the prolog still names.
func feedUTF8(body []byte, contentType string) []byte {
	out := toUTF8(body, contentType)
	loc := xmlPrologRe.FindSubmatchIndex(out[:min(len(out), sniffLen)])
	if loc == nil || isUTF8(string(out[loc[2]:loc[3]])) {
		return out
	}
	fixed := make([]byte, 0, len(out))
	fixed = append(fixed, out[:loc[2]]...)
	fixed = append(fixed, "UTF-8"...)
	return append(fixed, out[loc[3]:]...)
}
