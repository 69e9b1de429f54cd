package extract

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the expected.json files in testdata/cases from the extractor's output")

// goldenCase is a hand-labelled update in testdata/cases, in the same form
// as the shared corpus: NAME.{html,md,txt} beside NAME.expected.json.
type goldenCase struct {
	Partner string       `json:"partner,omitempty"`
	Note    string       `json:"note,omitempty"`
	Markers *Markers     `json:"markers,omitempty"`
	Items   []goldenItem `json:"items"`
}

type goldenItem struct {
	Kind string `json:"kind"`
	Text string `json:"text"`
}

// caseFiles lists the inputs in testdata/cases.
func caseFiles(t testing.TB) []string {
	t.Helper()
	var out []string
	for _, ext := range []string{"html", "md", "txt"} {
		m, err := filepath.Glob(filepath.Join("testdata", "cases", "*."+ext))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no cases in testdata/cases")
	}
	return out
}

func TestGolden(t *testing.T) {
	for _, in := range caseFiles(t) {
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			expPath := strings.TrimSuffix(in, filepath.Ext(in)) + ".expected.json"
			var want goldenCase
			if b, err := os.ReadFile(expPath); err == nil {
				if err := json.Unmarshal(b, &want); err != nil {
					t.Fatalf("%s: %v", expPath, err)
				}
			} else if !*update {
				t.Fatal(err)
			}
			var opts Options
			if want.Markers != nil {
				opts.Markers = *want.Markers
			}
			content := string(raw)
			got := []goldenItem{}
			for _, p := range Points(content, FormatForFile(in, content), opts) {
				got = append(got, goldenItem{Kind: string(p.Kind), Text: p.Text})
			}
			if *update {
				want.Items = got
				b, _ := json.MarshalIndent(want, "", "  ")
				if err := os.WriteFile(expPath, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for i := 0; i < max(len(got), len(want.Items)); i++ {
				var g, w goldenItem
				if i < len(got) {
					g = got[i]
				}
				if i < len(want.Items) {
					w = want.Items[i]
				}
				if g != w {
					t.Errorf("item %d:\n got %s %q\nwant %s %q", i, g.Kind, g.Text, w.Kind, w.Text)
				}
			}
		})
	}
}
