package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Limits of every connection serve accepts. A feed is polled a few times
// an hour, so nothing is gained by holding an idle connection long, and a
// request that is not all in after ReadHeaderTimeout is a slow client or
// an attack.
const (
	ReadHeaderTimeout = 10 * time.Second
	ReadTimeout       = 30 * time.Second
	// WriteTimeout bounds writing one response, so a client that
	// pipelines requests and never reads cannot hold a goroutine (and a
	// shutdown) forever.
	WriteTimeout = 30 * time.Second
	IdleTimeout  = 10 * time.Second
	// MaxHeaderBytes bounds a request head; no feed reader sends more
	// than a few hundred bytes.
	MaxHeaderBytes = 16 << 10
)

// HTTPServer returns the plain net/http server for s: every phase of a
// connection has a deadline, request heads are bounded, and net/http's
// own handling covers the rest (a panic while answering loses one
// connection, a failed accept such as running out of file descriptors is
// retried). Its error log goes to logger at error level.
func (s *Server) HTTPServer(logger *slog.Logger) *http.Server {
	if logger == nil {
		logger = s.cfg.Logger
	}
	return &http.Server{
		Handler:           s,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelError),
	}
}

// Shutdown stops hs: it stops accepting, lets in-flight requests finish
// until ctx ends, then closes every connection still open (a client that
// never reads its answer). It returns nil when hs stopped either way, so
// that a SIGTERM ends serve cleanly; drained reports whether every request
// finished.
func Shutdown(ctx context.Context, hs *http.Server) (drained bool, err error) {
	err = hs.Shutdown(ctx)
	if err == nil || errors.Is(err, http.ErrServerClosed) {
		return true, nil
	}
	if ctx.Err() == nil {
		return false, err
	}
	if cerr := hs.Close(); cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		return false, cerr
	}
	return false, nil
}
