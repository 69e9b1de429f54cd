package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildWritesPages checks that the static build holds the wall, the
// iframe widget and the script widget beside the feeds, as serve does.
func TestBuildWritesPages(t *testing.T) {
	_, cfg, db := farmSetup(t, 2, 3)
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	tests := []struct {
		file string
		want []string
	}{
		{"index.html", []string{`<link rel="alternate" type="application/atom+xml"`, "https://prayer.example/feed.atom", "Partner 1"}},
		{"embed/index.html", []string{`<base target="_blank">`, `class="point`}},
		{"embed.js", []string{"data-prayerfeed", "embed-data.js"}},
		{"embed-data.js", []string{"(window.prayerfeedData = window.prayerfeedData || []).push(", "Partner 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(out, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range tt.want {
				if !strings.Contains(string(data), want) {
					t.Errorf("%s lacks %q", tt.file, want)
				}
			}
		})
	}
}
