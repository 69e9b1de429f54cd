package fetcher

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/internal/pdftext"
)

// fetchPDF reads a type: pdf source: one prayer letter as a PDF file,
// with robots.txt honoured as for a page and the PDF's own byte cap.
func (c *Client) fetchPDF(ctx context.Context, src Source, v Validators) (*Result, error) {
	if err := c.checkRobots(ctx, src.URL); err != nil {
		return nil, err
	}
	maxBytes := c.cfg.PDF.MaxBytes
	if maxBytes <= 0 {
		maxBytes = 50 << 20
	}
	resp, err := c.get(ctx, src.URL, v, maxBytes)
	if err != nil {
		return nil, err
	}
	return c.pdfResult(ctx, resp, src)
}

// isPDF reports whether a response is a PDF, by its Content-Type or, for
// servers that send application/octet-stream, by its first bytes.
func isPDF(resp *Response) bool {
	mt, _, _ := mime.ParseMediaType(resp.ContentType)
	return mt == "application/pdf" || (mt != "text/html" && pdftext.IsPDF(resp.Body) && !LooksLikeFeed(resp.Body))
}

// pdfResult reads a PDF response as one update. A missing pdftotext or
// an unreadable PDF is that source's error, shown on /status.
func (c *Client) pdfResult(ctx context.Context, resp *Response, src Source) (*Result, error) {
	u, err := PDFUpdate(ctx, c.cfg.PDF, resp.Body, src)
	if err != nil {
		return nil, &BodyError{Status: resp.Status, Err: fmt.Errorf("read PDF %s: %w", resp.URL, err)}
	}
	u.Link = resp.URL
	if t, err := http.ParseTime(resp.Validators.LastModified); err == nil {
		u.Published = t
	}
	return &Result{Updates: []Update{u}, Status: resp.Status, Validators: resp.Validators, FeedURL: resp.URL,
		RetryAfter: resp.RetryAfter, MaxAge: resp.MaxAge}, nil
}

// PDFUpdate is the update a PDF letter makes: its text in reading order,
// titled by its first line. Its GUID is the source and a hash of the
// text, so a letter replaced at the same address (latest-letter.pdf) is a
// new update and the last one's points stay.
func PDFUpdate(ctx context.Context, cfg pdftext.Config, pdf []byte, src Source) (Update, error) {
	text, err := pdftext.Text(ctx, cfg, pdf)
	if err != nil {
		return Update{}, err
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return Update{
		PartnerID: src.PartnerID,
		SourceURL: src.URL,
		GUID:      src.URL + "#" + hex.EncodeToString(sum[:8]),
		Link:      src.URL,
		Title:     firstLine(text, 200),
		Text:      text,
	}, nil
}

// firstLine is s's first non-blank line, cut to at most n bytes.
func firstLine(s string, n int) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			if len(l) > n {
				l = l[:n]
				for !utf8.ValidString(l) {
					l = l[:len(l)-1]
				}
			}
			return l
		}
	}
	return ""
}
