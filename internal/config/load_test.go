package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const good = `title: Grace Church
base_url: https://prayer.grace.example/
every: 6h
rotation:
  start: 2026-01-05
  order: [ijm, [kelu, ijm]]
partners:
  - id: ijm
    name: International Justice Mission
    tags: [justice]
    sources:
      - type: rss
        url: https://www.ijm.org/news/rss.xml
        every: 12h
  - id: kelu
    name: Kelu Bible Translation
    visibility: private
    redact: {Johanna: J.}
    markers: {prayer: ["Ombi:"]}
    sources:
      - url: https://kelu.example/news
        select: {item: article.post, title: h2, link: "h2 a@href"}
`

func TestParseGood(t *testing.T) {
	cfg, err := Parse("partners.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.BaseURL, "https://prayer.grace.example"; got != want {
		t.Errorf("BaseURL = %q, want %q (trailing slash trimmed)", got, want)
	}
	if got, want := time.Duration(cfg.Partners[0].Sources[0].Every), 12*time.Hour; got != want {
		t.Errorf("source every = %v, want %v", got, want)
	}
	kelu := cfg.Partners[1]
	if got, want := kelu.Sources[0].Type, TypePage; got != want {
		t.Errorf("type with select = %q, want %q", got, want)
	}
	if got, want := time.Duration(kelu.Sources[0].Every), 6*time.Hour; got != want {
		t.Errorf("default every = %v, want %v", got, want)
	}
	if !kelu.Private() {
		t.Error("kelu should be private")
	}
	if kelu.Review != ReviewAuto || kelu.Held() || kelu.SilentWeeks != DefaultSilentWeeks {
		t.Errorf("defaults: review %q, silent_weeks %d; want auto and %d", kelu.Review, kelu.SilentWeeks, DefaultSilentWeeks)
	}
	if got, want := len(cfg.Rotation.Order[1]), 2; got != want {
		t.Errorf("rotation entry as list: %d ids, want %d", got, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want string // substring of the error, with file and line
	}{
		{"syntax", "title: [oops\n", "partners.yaml:"},
		{"unknown top key", "titel: x\n" + good[strings.Index(good, "base_url"):], "partners.yaml:1: unknown key titel: did you mean title?"},
		{"unknown partner key", strings.Replace(good, "    tags: [justice]", "    tagz: [justice]", 1), "partners.yaml:10: unknown key tagz: did you mean tags?"},
		{"transposed letters", strings.Replace(good, "    tags: [justice]", "    regoin: South Asia", 1), "unknown key regoin: did you mean region?"},
		{"key at the wrong depth", strings.Replace(good, "        every: 12h", "        every: 12h\n        region: Asia", 1), "unknown key region here (region belongs elsewhere: check its indentation)"},
		{"unknown key, nothing near", strings.Replace(good, "    tags: [justice]", "    colour: blue", 1), "unknown key colour (check its spelling and indentation)"},
		{"missing id", strings.Replace(good, "  - id: kelu\n    name:", "  - name:", 1), "partners[1].id: missing"},
		{"missing url", strings.Replace(good, "        url: https://www.ijm.org/news/rss.xml\n", "", 1), "partners[0].sources[0].url: missing"},
		{"bad url", strings.Replace(good, "https://www.ijm.org/news/rss.xml", "www.ijm.org/rss", 1), `partners.yaml:13: partners[0].sources[0].url: "www.ijm.org/rss": not an absolute http(s) URL`},
		{"duplicate id", strings.Replace(good, "id: kelu", "id: ijm", 1), `partners.yaml:15: partners[1].id: "ijm" is already the id of partners[0]`},
		{"bad id", strings.Replace(good, "id: kelu", "id: Kelu Bible", 1), `partners.yaml:15: partners[1].id`},
		{"bad selector", strings.Replace(good, "item: article.post", "item: 'article..post'", 1), `partners.yaml:22: partners[1].sources[0].select.item: "article..post": not a CSS selector`},
		{"too often", strings.Replace(good, "every: 12h", "every: 1s", 1), "partners.yaml:14: partners[0].sources[0].every: 1s is too often"},
		{"bad duration", strings.Replace(good, "every: 12h", "every: soon", 1), `partners.yaml:14: duration "soon"`},
		{"rotation not monday", strings.Replace(good, "2026-01-05", "2026-01-06", 1), "partners.yaml:5: rotation.start: 2026-01-06 is a Tuesday"},
		{"rotation unknown id", strings.Replace(good, "order: [ijm,", "order: [imj,", 1), `rotation.order[0]: "imj" is not a partner id: did you mean ijm?`},
		{"missing name", strings.Replace(good, "    name: Kelu Bible Translation\n", "", 1), "partners.yaml:15: partners[1].name: missing"},
		{"no sources", "partners:\n  - id: a\n    name: A\n", "partners.yaml:2: partners[0].sources: missing"},
		{"empty", "", "partners.yaml: empty config"},
		{"bad review", strings.Replace(good, "    visibility: private\n", "    visibility: private\n    review: later\n", 1), `partners.yaml:18: partners[1].review: "later": want auto`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("partners.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse: no error, want one containing %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

// TestRepoPartnersYAML keeps the example config a church copies loadable.
func TestRepoPartnersYAML(t *testing.T) {
	path := filepath.Join("..", "..", "partners.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the repository's partners.yaml: %v", err)
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Partners) < 3 {
		t.Errorf("partners.yaml has %d partners; the example should show several", len(cfg.Partners))
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("partners:\n  - id: a\n"))
	f.Add([]byte("rotation: {order: [[a, [b]]]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("fuzz.yaml", data)
		if err == nil && len(cfg.Partners) == 0 {
			t.Fatal("a config without partners was accepted")
		}
	})
}

// TestValidateReportsEveryProblem: a config built in code gets every
// problem at once, as a file gets them from Load, each naming its field.
func TestValidateReportsEveryProblem(t *testing.T) {
	cfg, err := Parse("partners.yaml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Partners[0].Name = ""
	cfg.Partners[1].Sources[0].URL = "ftp://kelu.example"
	err = cfg.Validate()
	if err == nil {
		t.Fatal("Validate: no error for a config with two problems")
	}
	for _, want := range []string{"partners.yaml: partners[0].name: missing", `partners.yaml: partners[1].sources[0].url: "ftp://kelu.example"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %q\nwant it to contain %q", err, want)
		}
	}
}
