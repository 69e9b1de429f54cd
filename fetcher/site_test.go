package fetcher

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// page is one route of a test site: a file from testdata (or a literal
// body) served with a Content-Type.
type page struct {
	file, body, contentType string
	status                  int
}

// newSite serves routes over loopback, like a partner's web server.
func newSite(t testing.TB, routes map[string]page) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, p := range routes {
		body := []byte(p.body)
		if p.file != "" {
			b, err := os.ReadFile(filepath.Join("testdata", p.file))
			if err != nil {
				t.Fatal(err)
			}
			body = b
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != path {
				http.NotFound(w, r)
				return
			}
			if p.contentType != "" {
				w.Header().Set("Content-Type", p.contentType)
			}
			if p.status != 0 {
				w.WriteHeader(p.status)
			}
			w.Write(body)
		})
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func readTestdata(name string) ([]byte, error) { return os.ReadFile(filepath.Join("testdata", name)) }
