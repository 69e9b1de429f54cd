package main

import (
	"testing"
	"time"
)

// TestNewHTTPServerTimeouts checks that every phase of a handed-over
// connection has a deadline: without WriteTimeout a client that pipelines
// requests and never reads holds its goroutine forever.
func TestNewHTTPServerTimeouts(t *testing.T) {
	hs := newHTTPServer()
	for _, tt := range []struct {
		name string
		got  time.Duration
	}{
		{"ReadHeaderTimeout", hs.ReadHeaderTimeout},
		{"ReadTimeout", hs.ReadTimeout},
		{"WriteTimeout", hs.WriteTimeout},
		{"IdleTimeout", hs.IdleTimeout},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got <= 0 {
				t.Errorf("%s = %v, want a positive timeout", tt.name, tt.got)
			}
		})
	}
}
