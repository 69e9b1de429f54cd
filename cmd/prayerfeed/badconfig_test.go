package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestBadConfigChangesNothing runs the commands that write or fetch over
// broken partners.yaml files: each must stop with an error naming the file,
// line and field, before opening the database or asking any partner.
func TestBadConfigChangesNothing(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
	}))
	t.Cleanup(srv.Close)
	partner := func(id, source string) string {
		return fmt.Sprintf("  - id: %s\n    name: P %s\n    sources:\n%s", id, id, source)
	}
	rss := "      - type: rss\n        url: " + srv.URL + "/feed\n"
	head := "title: T\nbase_url: https://prayer.example\npartners:\n"
	tests := []struct {
		name string
		yaml string
		want []string // in the error, beside the file name
	}{
		// yaml.v3 places an unclosed flow sequence on the line before it.
		{"syntax", head + partner("a", rss) + "  - id: [b\n", []string{":8:", "expected ',' or ']'"}},
		{"unknown key", head + partner("a", rss) + "    colour: blue\n", []string{":9:", "unknown key colour"}},
		{"duplicate id", head + partner("a", rss) + partner("a", rss), []string{":9:", "partners[1].id", "already the id of partners[0]"}},
		{"bad URL", head + partner("a", "      - type: rss\n        url: ftp://x.example/feed\n"),
			[]string{":8:", "partners[0].sources[0].url", "not an absolute http(s) URL"}},
		{"bad selector", head + partner("a", "      - type: page\n        url: "+srv.URL+"/news\n        select: {item: \"article[\"}\n"),
			[]string{":9:", "partners[0].sources[0].select.item", "not a CSS selector"}},
	}
	commands := [][]string{{"fetch", "--all"}, {"build", "--out", "OUT"}, {"check", "--live"}}
	for _, tt := range tests {
		for _, command := range commands {
			t.Run(tt.name+"/"+command[0], func(t *testing.T) {
				dir := t.TempDir()
				cfg, db, out := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db"), filepath.Join(dir, "out")
				if err := os.WriteFile(cfg, []byte(tt.yaml), 0o644); err != nil {
					t.Fatal(err)
				}
				args := []string{"--config", cfg, "--db", db}
				for _, a := range command {
					args = append(args, strings.ReplaceAll(a, "OUT", out))
				}
				before := requests.Load()
				var stdout, stderr bytes.Buffer
				err := run(context.Background(), args, &stdout, &stderr)
				if err == nil {
					t.Fatalf("%s succeeded over a bad partners.yaml", command[0])
				}
				for _, want := range append([]string{cfg}, tt.want...) {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("error %q lacks %q", err, want)
					}
				}
				if got := requests.Load() - before; got != 0 {
					t.Errorf("%d HTTP requests made, want none", got)
				}
				entries, _ := os.ReadDir(dir)
				if len(entries) != 1 {
					var names []string
					for _, e := range entries {
						names = append(names, e.Name())
					}
					t.Errorf("directory holds %v, want only partners.yaml (no database, lock or output)", names)
				}
			})
		}
	}
}
