package server

import (
	"net/http"
	"testing"
)

// discardWriter is the least a ResponseWriter can do, so the benchmark
// measures the handler and not a recorder.
type discardWriter struct {
	h    http.Header
	code int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(code int)        { d.code = code }

// BenchmarkFeedAtom answers /feed.atom with 50 items from the cache: the
// full body, the 304 to a matching ETag, and the gzip body.
func BenchmarkFeedAtom(b *testing.B) {
	e := newEnv(b, envOptions{})
	e.save(manyItems(50)...)
	s := New(Config{Site: e.server.cfg.Site, Store: e.store, Metrics: NewMetrics()})
	first, _ := http.NewRequest("GET", "/feed.atom", nil)
	w := &discardWriter{h: http.Header{}}
	s.ServeHTTP(w, first)
	etag := w.h.Get("ETag")
	for _, bc := range []struct {
		name   string
		header http.Header
		want   int
	}{
		{"full", http.Header{}, 200},
		{"304", http.Header{"If-None-Match": {etag}}, 304},
		{"gzip", http.Header{"Accept-Encoding": {"gzip, deflate"}}, 200},
	} {
		b.Run(bc.name, func(b *testing.B) {
			req, _ := http.NewRequest("GET", "/feed.atom", nil)
			req.Header = bc.header
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				w := &discardWriter{h: make(http.Header, 16)}
				for pb.Next() {
					clear(w.h)
					w.code = 200
					s.ServeHTTP(w, req)
					if w.code != bc.want {
						b.Errorf("status %d, want %d", w.code, bc.want)
						return
					}
				}
			})
		})
	}
}
