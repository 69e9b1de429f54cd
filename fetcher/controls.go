package fetcher

import (
	"bytes"
	"regexp"
	"strconv"
)

// charRef matches a numeric character reference, decimal or hex.
var charRef = regexp.MustCompile(`&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));`)

// dropControls removes from a feed body what XML 1.0 forbids and a
// partner's CMS lets through: raw C0 control bytes other than tab,
// newline and carriage return, and character references to such
// characters (&#x1b;). One of them made the whole feed fail to parse;
// without them the rest of it reads as the partner meant.
func dropControls(body []byte) []byte {
	if bytes.IndexFunc(body, func(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }) >= 0 {
		body = bytes.Map(func(r rune) rune {
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				return -1
			}
			return r
		}, body)
	}
	if !bytes.Contains(body, []byte("&#")) {
		return body
	}
	return charRef.ReplaceAllFunc(body, func(ref []byte) []byte {
		m := charRef.FindSubmatch(ref)
		var n uint64
		var err error
		if m[1] != nil {
			n, err = strconv.ParseUint(string(m[1]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(m[2]), 10, 32)
		}
		if err != nil || !xmlChar(rune(n)) || n > 0x10ffff {
			return nil
		}
		return ref
	})
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0xd800 && r <= 0xdfff, r == 0xfffe, r == 0xffff:
		return false
	}
	return true
}
