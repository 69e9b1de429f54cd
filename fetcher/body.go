package fetcher

import (
	"compress/flate"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// readBody reads resp's body, undoing its Content-Encoding, and fails with
// ErrTooLarge once the decoded body passes max bytes. The cap holds on the
// decoded size whether or not we asked for compression, so neither a gzip
// bomb nor a server compressing unasked can exhaust memory.
func readBody(resp *http.Response, max int64) ([]byte, error) {
	r, err := decoder(resp)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return body, nil
}

// decoder undoes resp's Content-Encoding: gzip and deflate, possibly
// stacked; identity passes through. Anything else is an error rather
// than bytes no parser can read.
func decoder(resp *http.Response) (io.Reader, error) {
	var r io.Reader = resp.Body
	if resp.Uncompressed {
		return r, nil
	}
	codings := strings.Split(resp.Header.Get("Content-Encoding"), ",")
	// Encodings are listed in the order applied, so undo them backwards.
	for i := len(codings) - 1; i >= 0; i-- {
		switch c := strings.ToLower(strings.TrimSpace(codings[i])); c {
		case "", "identity":
		case "gzip", "x-gzip":
			zr, err := gzip.NewReader(r)
			if err != nil {
				return nil, fmt.Errorf("read body: gzip: %w", err)
			}
			r = zr
		case "deflate":
			r = flate.NewReader(r)
		default:
			return nil, fmt.Errorf("read body: unsupported Content-Encoding %q", c)
		}
	}
	return r, nil
}
