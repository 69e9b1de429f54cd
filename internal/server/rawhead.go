package server

import "strconv"

// Indexes of entry.raw: the response head for each answer.
const (
	rawFull = iota
	rawFullGzip
	rawNotModified
	rawNotModifiedGzip
)

// prepareRaw writes e's four possible response heads (200 or 304, identity
// or gzip) as bytes once, for the frontend's fast path. They hold the same
// headers write sets through net/http, less Date, which the frontend adds,
// and end without the blank line.
func (e *entry) prepareRaw() {
	for i := range e.raw {
		gz := (i == rawFullGzip || i == rawNotModifiedGzip) && e.gz != nil
		full := i == rawFull || i == rawFullGzip
		b := make([]byte, 0, 512)
		if full {
			b = append(b, "HTTP/1.1 200 OK\r\n"...)
		} else {
			b = append(b, "HTTP/1.1 304 Not Modified\r\n"...)
		}
		b = appendHeader(b, "Cache-Control", publicCache[0])
		b = appendHeader(b, "Vary", varyAE[0])
		b = appendHeader(b, "Last-Modified", e.lastModified[0])
		if e.cors {
			b = appendHeader(b, "Access-Control-Allow-Origin", anyOrigin[0])
		}
		if gz {
			b = appendHeader(b, "Etag", e.etagGz)
		} else {
			b = appendHeader(b, "Etag", e.etag)
		}
		if full {
			b = appendHeader(b, "Content-Type", e.contentType[0])
			b = appendHeader(b, "X-Content-Type-Options", nosniff[0])
			if e.contentSecurity != nil {
				b = appendHeader(b, "Content-Security-Policy", e.contentSecurity[0])
			}
			if gz {
				b = appendHeader(b, "Content-Encoding", gzipCoding[0])
				b = appendHeader(b, "Content-Length", strconv.Itoa(len(e.gz)))
			} else {
				b = appendHeader(b, "Content-Length", strconv.Itoa(len(e.body)))
			}
		}
		e.raw[i] = b
	}
}

func appendHeader(b []byte, name, value string) []byte {
	b = append(b, name...)
	b = append(b, ": "...)
	b = append(b, value...)
	return append(b, "\r\n"...)
}
