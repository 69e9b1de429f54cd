package fetcher

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrNotModified is returned when the source answered 304 to our
// conditional request: nothing new since the validators we sent.
var ErrNotModified = errors.New("not modified")

// ErrTooLarge is returned when a body exceeds the client's size cap.
var ErrTooLarge = errors.New("body too large")

// UserAgent names prayerfeed to partners' web servers and robots.txt.
const UserAgent = "prayerfeed/1.0 (+https://github.com/prayerfeed/prayerfeed)"

// Validators are what a source told us last time, sent back so it can
// answer 304 Not Modified.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched body and what the server said about it.
type Response struct {
	// URL is the final URL after redirects.
	URL         string
	Status      int
	ContentType string
	Body        []byte
	Validators  Validators
	// RetryAfter and MaxAge are the server's wishes about the next poll;
	// zero when it expressed none.
	RetryAfter time.Duration
	MaxAge     time.Duration
}

// HTTPError is a response with a status other than 2xx or 304.
type HTTPError struct {
	Status     int
	RetryAfter time.Duration
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

// ClientConfig bounds what one request may cost.
type ClientConfig struct {
	// UserAgent defaults to UserAgent.
	UserAgent string
	// Timeout bounds a whole request, body included; default 20s.
	Timeout time.Duration
	// MaxBytes caps a decoded body; default 5 MiB.
	MaxBytes int64
	// MaxRedirects defaults to 5.
	MaxRedirects int
	// Transport defaults to a clone of http.DefaultTransport.
	Transport http.RoundTripper
}

// Client fetches partner sources politely and within bounds.
type Client struct {
	cfg  ClientConfig
	http *http.Client
}

// NewClient returns a Client with cfg's bounds, defaults filled.
func NewClient(cfg ClientConfig) *Client {
	if cfg.UserAgent == "" {
		cfg.UserAgent = UserAgent
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 5 << 20
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = 5
	}
	if cfg.Transport == nil {
		cfg.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	c := &Client{cfg: cfg}
	c.http = &http.Client{
		Transport: cfg.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= cfg.MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", len(via))
			}
			return nil
		},
	}
	return c
}

// Get fetches url, sending v as conditional headers. It returns
// ErrNotModified on 304 and *HTTPError on other non-2xx statuses.
// The transport undoes gzip itself, and the cap applies to the decoded
// body, so a compressed bomb cannot exhaust memory.
func (c *Client) Get(ctx context.Context, url string, v Validators) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return nil, ErrNotModified
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, &HTTPError{Status: resp.StatusCode, RetryAfter: retryAfter(resp.Header, time.Now())}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.cfg.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(body)) > c.cfg.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, c.cfg.MaxBytes)
	}
	return &Response{
		URL:         resp.Request.URL.String(),
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        body,
		Validators:  Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
		RetryAfter:  retryAfter(resp.Header, time.Now()),
		MaxAge:      maxAge(resp.Header),
	}, nil
}

// retryAfter reads Retry-After as seconds or an HTTP date.
func retryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// maxAge reads Cache-Control max-age, which a server uses to say how
// long its answer stays fresh.
func maxAge(h http.Header) time.Duration {
	for _, part := range strings.Split(h.Get("Cache-Control"), ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(part), "max-age="); ok {
			if secs, err := strconv.Atoi(v); err == nil && secs > 0 {
				return time.Duration(secs) * time.Second
			}
		}
	}
	return 0
}
