package server

import "net/http"

// adminRoutes mount the admin area (cfg.Admin) at /admin. Its forms
// correct items, so after each POST the cache checks the store at once:
// the next public request shows the correction, under a new ETag.
func (s *Server) adminRoutes() []route {
	if s.cfg.Admin == nil {
		return nil
	}
	handle := func(w http.ResponseWriter, r *http.Request) int {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		s.cfg.Admin.ServeHTTP(sw, r)
		if r.Method == http.MethodPost {
			s.cache.invalidate()
		}
		return sw.code
	}
	return []route{
		{pattern: "/admin", name: "admin", handle: handle},
		{pattern: "/admin/", name: "admin", handle: handle},
	}
}

// statusWriter remembers the status a handler sent, for the metrics.
type statusWriter struct {
	http.ResponseWriter
	code  int
	wrote bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.code, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
