package server

import (
	"bufio"
	"bytes"
	"errors"
	"net"
	"strings"
	"time"

	"golang.org/x/net/http/httpguts"
)

// errNotFast says a request is for net/http, not the fast path.
var errNotFast = errors.New("not a fast-path request")

// fastRequest is what the fast path reads from a request head.
type fastRequest struct {
	path                                         string
	head                                         bool
	ifNoneMatch, ifModifiedSince, acceptEncoding []string
}

var crlfcrlf = []byte("\r\n\r\n")

// readHead returns the next request head in br (request line and headers,
// through the blank line) without consuming it, reading from c as needed.
// A head longer than the buffer is errNotFast.
func readHead(br *bufio.Reader, c net.Conn) ([]byte, error) {
	if br.Buffered() == 0 {
		if _, err := br.Peek(1); err != nil {
			return nil, err
		}
	}
	for slow := false; ; {
		b, _ := br.Peek(br.Buffered())
		i := bytes.Index(b, crlfcrlf)
		end := len(b)
		if i >= 0 {
			end = i + len(crlfcrlf)
		}
		if bareLF(b[:end]) {
			return nil, errNotFast // net/http accepts bare LF line ends
		}
		if i >= 0 {
			return b[:end], nil
		}
		if len(b) >= br.Size() {
			return nil, errNotFast
		}
		if !slow {
			// The head came in pieces: from now on it gets the header
			// timeout, not the idle one.
			slow = true
			c.SetReadDeadline(time.Now().Add(fastHeaderTimeout))
		}
		if _, err := br.Peek(len(b) + 1); err != nil {
			return nil, err
		}
	}
}

// bareLF reports whether b has a line feed without a carriage return
// before it.
func bareLF(b []byte) bool {
	for i, c := range b {
		if c == '\n' && (i == 0 || b[i-1] != '\r') {
			return true
		}
	}
	return false
}

// parseFast reads a request head the fast path can answer: GET or HEAD of
// a path without a query, HTTP/1.1, with a Host header, and no header that
// changes framing or connection handling. Anything else is errNotFast.
func parseFast(head []byte) (fastRequest, error) {
	var req fastRequest
	lines := head[:len(head)-len(crlfcrlf)]
	line, rest, _ := bytes.Cut(lines, []byte("\r\n"))
	method, line, ok1 := bytes.Cut(line, []byte(" "))
	target, proto, ok2 := bytes.Cut(line, []byte(" "))
	switch {
	case !ok1 || !ok2 || string(proto) != "HTTP/1.1":
		return req, errNotFast
	case string(method) == "HEAD":
		req.head = true
	case string(method) != "GET":
		return req, errNotFast
	}
	if !plainPath(target) {
		return req, errNotFast
	}
	hosts := 0
	for len(rest) > 0 {
		var h []byte
		h, rest, _ = bytes.Cut(rest, []byte("\r\n"))
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok || !validName(name) || !validValue(value) {
			return req, errNotFast // includes obsolete line folding
		}
		v := strings.Trim(string(value), " \t")
		switch {
		case bytes.EqualFold(name, []byte("Host")):
			hosts++
			if !httpguts.ValidHostHeader(v) {
				return req, errNotFast
			}
		case bytes.EqualFold(name, []byte("If-None-Match")):
			req.ifNoneMatch = append(req.ifNoneMatch, v)
		case bytes.EqualFold(name, []byte("If-Modified-Since")):
			req.ifModifiedSince = append(req.ifModifiedSince, v)
		case bytes.EqualFold(name, []byte("Accept-Encoding")):
			req.acceptEncoding = append(req.acceptEncoding, v)
		case bytes.EqualFold(name, []byte("Connection")):
			if !strings.EqualFold(v, "keep-alive") {
				return req, errNotFast
			}
		case bytes.EqualFold(name, []byte("Content-Length")), bytes.EqualFold(name, []byte("Transfer-Encoding")),
			bytes.EqualFold(name, []byte("Expect")), bytes.EqualFold(name, []byte("Upgrade")),
			bytes.EqualFold(name, []byte("Trailer")), bytes.EqualFold(name, []byte("Te")):
			return req, errNotFast
		}
	}
	if hosts != 1 {
		return req, errNotFast
	}
	req.path = string(target)
	return req, nil
}

// plainPath reports whether target is an absolute path made only of the
// characters the fast routes use. Anything else (a query, a %-escape, a
// "..") goes to net/http, which alone decides how to read it: the fuzz
// test found "/%" accepted here but refused there.
func plainPath(target []byte) bool {
	if len(target) == 0 || target[0] != '/' || bytes.Contains(target, []byte("..")) {
		return false
	}
	for _, c := range target {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '.' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// validName reports whether b is an HTTP token (RFC 9110 field-name).
func validName(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

// validValue reports whether b holds no control characters but tab.
func validValue(b []byte) bool {
	for _, c := range b {
		if (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}
