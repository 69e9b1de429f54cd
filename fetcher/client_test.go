package fetcher

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// gzipped compresses data, as a server would.
func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// serve starts a loopback server for h, closed when the test ends.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestGetDecodesGzipWithinCap(t *testing.T) {
	const limit = 1 << 20
	small := []byte(strings.Repeat("<p>Prayer: rain</p>", 100))
	bomb := gzipped(t, make([]byte, 64<<20)) // 64 MiB of zeros in ~64 KiB
	tests := []struct {
		name    string
		body    []byte
		asked   bool // whether the handler insists the client asked for gzip
		want    []byte
		wantErr error
	}{
		{name: "gzip asked for", body: gzipped(t, small), asked: true, want: small},
		// The handler ignores Accept-Encoding: decoding follows the
		// response's Content-Encoding, not what the request asked for.
		{name: "gzip regardless of request", body: gzipped(t, small), want: small},
		{name: "gzip bomb", body: bomb, wantErr: ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.asked && !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
					t.Errorf("Accept-Encoding = %q, want gzip", r.Header.Get("Accept-Encoding"))
				}
				w.Header().Set("Content-Encoding", "gzip")
				w.Write(tt.body)
			})
			resp, err := NewClient(ClientConfig{MaxBytes: limit}).Get(context.Background(), srv.URL, Validators{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if err == nil && !bytes.Equal(resp.Body, tt.want) {
				t.Errorf("body = %d bytes %q…, want %d bytes", len(resp.Body), resp.Body[:min(20, len(resp.Body))], len(tt.want))
			}
		})
	}
}

func TestGetCapsPlainBody(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for range 100 {
			w.Write(make([]byte, 64<<10))
		}
	})
	_, err := NewClient(ClientConfig{MaxBytes: 1 << 20}).Get(context.Background(), srv.URL, Validators{})
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestGetRejectsUnknownEncoding(t *testing.T) {
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		w.Write([]byte("\x1b\x00\x00"))
	})
	_, err := NewClient(ClientConfig{}).Get(context.Background(), srv.URL, Validators{})
	if err == nil || !strings.Contains(err.Error(), "Content-Encoding") {
		t.Fatalf("err = %v, want an unsupported Content-Encoding error", err)
	}
}

func TestGetRedirects(t *testing.T) {
	var hops atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		hops.Add(1)
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		switch n := r.PathValue("n"); n {
		case "3":
			w.Write([]byte("end"))
		default:
			http.Redirect(w, r, "/chain/"+string(n[0]+1), http.StatusMovedPermanently)
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c := NewClient(ClientConfig{MaxRedirects: 3})

	t.Run("chain within limit", func(t *testing.T) {
		resp, err := c.Get(context.Background(), srv.URL+"/chain/0", Validators{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := resp.URL, srv.URL+"/chain/3"; got != want {
			t.Errorf("final URL = %q, want %q", got, want)
		}
	})
	t.Run("loop", func(t *testing.T) {
		_, err := c.Get(context.Background(), srv.URL+"/loop", Validators{})
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("err = %v, want ErrTooManyRedirects", err)
		}
		if got, want := hops.Load(), int64(4); got != want {
			t.Errorf("requests to the loop = %d, want %d (the first and 3 redirects)", got, want)
		}
	})
}

func TestGetTimeouts(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	slowHeader := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	slowBody := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<rss>"))
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	tests := []struct {
		name string
		url  string
		cfg  ClientConfig
	}{
		{"response header", slowHeader.URL, ClientConfig{ResponseHeaderTimeout: 100 * time.Millisecond}},
		{"total, in the body", slowBody.URL, ClientConfig{Timeout: 200 * time.Millisecond}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := NewClient(tt.cfg).Get(context.Background(), tt.url, Validators{})
			if err == nil {
				t.Fatal("err = nil, want a timeout")
			}
			if took := time.Since(start); took > 5*time.Second {
				t.Errorf("took %s, want the configured bound", took)
			}
		})
	}
}

func TestGetRetryAfter(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header string
		want   time.Duration
	}{
		{"429 seconds", http.StatusTooManyRequests, "120", 2 * time.Minute},
		{"503 date", http.StatusServiceUnavailable, time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Hour},
		{"500 none", http.StatusInternalServerError, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
				if tt.header != "" {
					w.Header().Set("Retry-After", tt.header)
				}
				w.WriteHeader(tt.status)
			})
			_, err := NewClient(ClientConfig{}).Get(context.Background(), srv.URL, Validators{})
			var he *HTTPError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v, want *HTTPError", err)
			}
			if he.Status != tt.status {
				t.Errorf("status = %d, want %d", he.Status, tt.status)
			}
			if d := he.RetryAfter - tt.want; d < -2*time.Second || d > 2*time.Second {
				t.Errorf("RetryAfter = %s, want about %s", he.RetryAfter, tt.want)
			}
		})
	}
}

func TestForbiddenAddr(t *testing.T) {
	tests := []struct {
		ip   string
		want bool
	}{
		{"127.0.0.1", true},
		{"::1", true},
		{"10.1.2.3", true},
		{"172.16.0.1", true},
		{"192.168.1.1", true},
		{"169.254.169.254", true}, // cloud metadata
		{"fe80::1", true},
		{"fc00::1", true},
		{"0.0.0.0", true},
		{"::", true},
		{"100.64.0.1", true},
		{"224.0.0.1", true},
		{"::ffff:127.0.0.1", true},
		{"::ffff:10.0.0.1", true},
		{"0.1.2.3", true},        // "this network"
		{"198.18.0.1", true},     // benchmarking
		{"240.0.0.1", true},      // reserved
		{"64:ff9b::a00:1", true}, // NAT64 of 10.0.0.1
		{"2002:7f00:1::1", true}, // 6to4 of 127.0.0.1
		{"93.184.216.34", false},
		{"2606:4700::1111", false},
		{"100.128.0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			if got := forbiddenAddr(net.ParseIP(tt.ip)); got != tt.want {
				t.Errorf("forbiddenAddr(%s) = %v, want %v", tt.ip, got, tt.want)
			}
		})
	}
}

func TestDenyPrivate(t *testing.T) {
	var hits atomic.Int64
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/to-internal" {
			// 127.0.0.2 stands in for an internal address: it is
			// loopback too, but the narrowed predicate below forbids only it.
			_, port, _ := net.SplitHostPort(r.Host)
			http.Redirect(w, r, "http://127.0.0.2:"+port+"/secret", http.StatusFound)
			return
		}
		w.Write([]byte("ok"))
	})
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	only := func(bad string) func(net.IP) bool {
		return func(ip net.IP) bool { return ip.Equal(net.ParseIP(bad)) }
	}
	tests := []struct {
		name    string
		client  *Client
		url     string
		wantErr error
		hits    int64
	}{
		{"off by default", NewClient(ClientConfig{}), srv.URL + "/", nil, 1},
		{"loopback refused", NewClient(ClientConfig{DenyPrivate: true}), srv.URL + "/", ErrForbiddenAddress, 0},
		{"name resolving to loopback refused", NewClient(ClientConfig{DenyPrivate: true}), "http://localhost:" + port + "/", ErrForbiddenAddress, 0},
		{"redirect to internal refused", newClient(ClientConfig{DenyPrivate: true}, only("127.0.0.2")), srv.URL + "/to-internal", ErrForbiddenAddress, 1},
		{"allowed address passes", newClient(ClientConfig{DenyPrivate: true}, only("127.0.0.2")), srv.URL + "/", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := hits.Load()
			_, err := tt.client.Get(context.Background(), tt.url, Validators{})
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got := hits.Load() - before; got != tt.hits {
				t.Errorf("requests reaching the server = %d, want %d", got, tt.hits)
			}
		})
	}
}

func TestGetRefusesOtherSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/feed", "gopher://x/"} {
		t.Run(u, func(t *testing.T) {
			if _, err := NewClient(ClientConfig{}).Get(context.Background(), u, Validators{}); err == nil {
				t.Fatal("err = nil, want a refusal")
			}
		})
	}
}

func TestRetryAfterBounded(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		value string
		want  time.Duration
	}{
		{"120", 2 * time.Minute},
		{"99999999", maxRetryAfter},
		{"9223372036854775807", maxRetryAfter}, // would overflow time.Duration
		{now.Add(3 * time.Hour).Format(http.TimeFormat), 3 * time.Hour},
		{now.AddDate(3, 0, 0).Format(http.TimeFormat), maxRetryAfter},
		{"-5", 0},
		{"soon", 0},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			h := http.Header{"Retry-After": {tt.value}}
			if got := retryAfter(h, now); got != tt.want {
				t.Errorf("retryAfter(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}
