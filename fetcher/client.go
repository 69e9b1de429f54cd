package fetcher

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/pdftext"
)

// ErrNotModified is returned when the source answered 304 to our
// conditional request: nothing new since the validators we sent.
var ErrNotModified = errors.New("not modified")

// ErrTooLarge is returned when a body exceeds the client's size cap.
var ErrTooLarge = errors.New("body too large")

// ErrTooManyRedirects is returned when a source redirects more often than
// the client allows, which is also how a redirect loop ends.
var ErrTooManyRedirects = errors.New("too many redirects")

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
	if e.RetryAfter > 0 {
		return fmt.Sprintf("HTTP %d %s (retry after %s)", e.Status, http.StatusText(e.Status), e.RetryAfter)
	}
	return fmt.Sprintf("HTTP %d %s", e.Status, http.StatusText(e.Status))
}

// ClientConfig bounds what one request may cost. Every zero value means
// its default.
type ClientConfig struct {
	// UserAgent defaults to UserAgent.
	UserAgent string
	// Timeout bounds a whole request, redirects and body included; default 20s.
	Timeout time.Duration
	// DialTimeout bounds opening one TCP connection; default 10s.
	DialTimeout time.Duration
	// TLSHandshakeTimeout bounds the TLS handshake; default 10s.
	TLSHandshakeTimeout time.Duration
	// ResponseHeaderTimeout bounds the wait for the response headers
	// after the request is sent; default 15s.
	ResponseHeaderTimeout time.Duration
	// MaxBytes caps a body after decoding; default 5 MiB.
	MaxBytes int64
	// MaxRedirects defaults to 5.
	MaxRedirects int
	// DenyPrivate refuses to connect to loopback, private, link-local,
	// unspecified and multicast addresses, for source URLs and for every
	// redirect. It is checked on the address actually dialled, so a host
	// name that resolves (or re-resolves) to such an address is refused too.
	DenyPrivate bool
	// PDF bounds reading a PDF letter (pdf.go); its MaxBytes, default
	// 50 MiB, is the body cap of a type: pdf source.
	PDF pdftext.Config
	// Transport replaces the client's own transport. The client's dial
	// bounds and DenyPrivate do not apply to a replacement.
	Transport http.RoundTripper
}

// Client fetches partner sources politely and within bounds.
type Client struct {
	cfg    ClientConfig
	http   *http.Client
	robots robotsCache
}

// NewClient returns a Client with cfg's bounds, defaults filled.
func NewClient(cfg ClientConfig) *Client {
	return newClient(cfg, forbiddenAddr)
}

// newClient is NewClient with the predicate DenyPrivate applies, which
// tests narrow so that loopback test servers stay reachable.
func newClient(cfg ClientConfig, forbidden func(net.IP) bool) *Client {
	cfg = withDefaults(cfg)
	if cfg.Transport == nil {
		cfg.Transport = newTransport(cfg, forbidden)
	}
	c := &Client{cfg: cfg}
	c.http = &http.Client{
		Transport: cfg.Transport,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, cfg.MaxRedirects)
			}
			return nil
		},
	}
	return c
}

func withDefaults(cfg ClientConfig) ClientConfig {
	if cfg.UserAgent == "" {
		cfg.UserAgent = UserAgent
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.Timeout, 20*time.Second)
	def(&cfg.DialTimeout, 10*time.Second)
	def(&cfg.TLSHandshakeTimeout, 10*time.Second)
	def(&cfg.ResponseHeaderTimeout, 15*time.Second)
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 5 << 20
	}
	if cfg.MaxRedirects <= 0 {
		cfg.MaxRedirects = 5
	}
	return cfg
}

// newTransport is a transport with every phase bounded. It leaves
// compression to Get, which asks for gzip itself and caps the decoded size
// whether or not it asked.
func newTransport(cfg ClientConfig, forbidden func(net.IP) bool) *http.Transport {
	d := &net.Dialer{Timeout: cfg.DialTimeout, KeepAlive: 30 * time.Second}
	if cfg.DenyPrivate {
		d.Control = denyControl(forbidden)
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = d.DialContext
	if cfg.DenyPrivate {
		// Through a proxy the dial check would see only the proxy's
		// address, and the proxy would reach the internal target for us.
		t.Proxy = nil
	}
	t.TLSHandshakeTimeout = cfg.TLSHandshakeTimeout
	t.ResponseHeaderTimeout = cfg.ResponseHeaderTimeout
	t.ExpectContinueTimeout = time.Second
	t.DisableCompression = true
	t.MaxResponseHeaderBytes = 64 << 10
	return t
}

// Get fetches url, sending v as conditional headers. It returns
// ErrNotModified on 304 and *HTTPError on other non-2xx statuses.
func (c *Client) Get(ctx context.Context, url string, v Validators) (*Response, error) {
	return c.get(ctx, url, v, c.cfg.MaxBytes)
}

// get is Get with the body capped at maxBytes.
func (c *Client) get(ctx context.Context, url string, v Validators, maxBytes int64) (*Response, error) {
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, fmt.Errorf("get %s: not an http(s) URL", url)
	}
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip")
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
	body, err := readBody(resp, maxBytes)
	if err != nil {
		return nil, err
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
		return time.Duration(min(secs, int(maxRetryAfter/time.Second))) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return min(t.Sub(now), maxRetryAfter)
	}
	return 0
}

// maxRetryAfter bounds how long a server can ask us to stay away: a week,
// the longest backoff prayerfeed applies on its own, so a typo or a hostile
// "Retry-After: 99999999" cannot silence a partner for years.
const maxRetryAfter = 7 * 24 * time.Hour

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
