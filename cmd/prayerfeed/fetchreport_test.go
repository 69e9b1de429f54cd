package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestFetchReportsSourcesAsTheyFinish runs fetch over a quick source and
// one that answers only when released: the quick one's line is printed
// while the slow one is still being fetched.
func TestFetchReportsSourcesAsTheyFinish(t *testing.T) {
	quick := newLetters(t, letterBody(pointFamilies))
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		quick.serve(w, r)
	}))
	t.Cleanup(slow.Close)
	cfg, db := lettersConfig(t, quick, nil, "")
	writeFile(t, cfg, readFile(t, cfg)+"  - id: slow\n    name: Slow Partner\n    sources:\n      - type: rss\n        url: "+slow.URL+"/feed.xml\n")

	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(context.Background(), []string{"--config", cfg, "--db", db, "fetch"}, &stdout, &stderr)
	}()
	waitFor(t, "the quick source's line", func() bool { return strings.Contains(stdout.String(), "ok   ijm ") })
	if strings.Contains(stdout.String(), "slow") || strings.Contains(stdout.String(), "fetched ") {
		t.Fatalf("printed more than the quick source before the slow one answered:\n%s", stdout.String())
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatalf("fetch: %v\n%s", err, stderr.String())
	}
	out := stdout.String()
	for _, want := range []string{"ok   ijm ", "ok   slow ", "fetched 2, not modified 0, failed 0"} {
		if strings.Count(out, want) != 1 {
			t.Errorf("fetch output has %q %d times, want once:\n%s", want, strings.Count(out, want), out)
		}
	}
}
