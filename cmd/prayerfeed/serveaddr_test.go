package main

import (
	"net"
	"strings"
	"testing"
)

func TestWarnAddr(t *testing.T) {
	for _, tc := range []struct {
		name, baseURL, listen string
		warn                  bool
	}{
		{"default base_url, other port", "http://localhost:8080", "127.0.0.1:9090", true},
		{"default base_url, same port", "http://localhost:8080", "127.0.0.1:8080", false},
		{"loopback address, no port", "http://127.0.0.1", "127.0.0.1:8080", true},
		{"public host behind a proxy", "https://prayer.example", "127.0.0.1:9090", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			addr, err := net.ResolveTCPAddr("tcp", tc.listen)
			if err != nil {
				t.Fatal(err)
			}
			var logs syncBuffer
			warnAddr(newLogger(&logs), tc.baseURL, addr)
			if got := strings.Contains(logs.String(), "base_url does not match --addr"); got != tc.warn {
				t.Errorf("warned = %v, want %v:\n%s", got, tc.warn, logs.String())
			}
		})
	}
}
