package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/prayerfeed/prayerfeed/internal/farm"
)

// runCmd runs the prayerfeed command line in-process.
func runCmd(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, &out, &errOut); err != nil {
		t.Fatalf("prayerfeed %s: %v\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), err, out.String(), errOut.String())
	}
	return out.String()
}

// farmSetup serves a farm on loopback and writes its partners.yaml.
func farmSetup(t *testing.T, partners, updates int) (f *farm.Farm, cfgPath, dbPath string) {
	t.Helper()
	f = farm.New(farm.Config{Partners: partners, Updates: updates})
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfgPath = filepath.Join(dir, "partners.yaml")
	if err := os.WriteFile(cfgPath, []byte(f.PartnersYAML(srv.URL, "https://prayer.example")), 0o644); err != nil {
		t.Fatal(err)
	}
	return f, cfgPath, filepath.Join(dir, "prayerfeed.db")
}

func parseFile(t *testing.T, path string) *gofeed.Feed {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("gofeed cannot read %s: %v", path, err)
	}
	return parsed
}

func TestPipelineFetchBuild(t *testing.T) {
	f, cfg, db := farmSetup(t, 2, 3)
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)

	for _, ext := range []string{"xml", "atom", "json"} {
		t.Run("combined."+ext, func(t *testing.T) {
			parsed := parseFile(t, filepath.Join(out, "feed."+ext))
			if got, want := len(parsed.Items), 2*3*2; got != want {
				t.Fatalf("items = %d, want %d (2 partners × 3 updates × 2 points)", got, want)
			}
			kinds := map[string]int{}
			partners := map[string]int{}
			for _, it := range parsed.Items {
				for _, c := range it.Categories {
					kinds[c]++
				}
				if len(it.Authors) > 0 {
					partners[it.Authors[0].Name]++
				}
			}
			if kinds["prayer"] != 6 || kinds["praise"] != 6 {
				t.Errorf("kinds = %v, want 6 prayer and 6 praise", kinds)
			}
			if partners["Partner 0"] != 6 || partners["Partner 1"] != 6 {
				t.Errorf("authors = %v, want 6 items from each partner", partners)
			}
		})
		t.Run("partner."+ext, func(t *testing.T) {
			parsed := parseFile(t, filepath.Join(out, "partners", farm.ID(1), "feed."+ext))
			if got, want := len(parsed.Items), 3*2; got != want {
				t.Fatalf("items = %d, want %d", got, want)
			}
			for _, it := range parsed.Items {
				if !strings.Contains(it.Title, "Partner 1") {
					t.Errorf("title %q does not name its partner", it.Title)
				}
			}
		})
	}

	// A second run against unchanged sources sends the validators, gets 304
	// and stores nothing new.
	before := f.NotModified.Load()
	second := runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	if got, want := f.NotModified.Load()-before, int64(2); got != want {
		t.Errorf("304 answers on the second run = %d, want %d", got, want)
	}
	if !strings.Contains(second, "0 new items") {
		t.Errorf("second run summary = %q, want 0 new items", second)
	}
	// Not yet due: a plain fetch asks nothing at all.
	reqs := f.Requests.Load()
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	if got := f.Requests.Load() - reqs; got != 0 {
		t.Errorf("fetch of sources not yet due made %d requests, want 0", got)
	}
}

func TestPipelineFiveHundredPartners(t *testing.T) {
	if testing.Short() {
		t.Skip("testing.Short: 500 loopback partners")
	}
	const partners, updates = 500, 20
	_, cfg, db := farmSetup(t, partners, updates)
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	for i := range partners {
		parsed := parseFile(t, filepath.Join(out, "partners", farm.ID(i), "feed.json"))
		if got, want := len(parsed.Items), 2*updates; got != want {
			t.Fatalf("%s: %d items, want %d", farm.ID(i), got, want)
		}
	}
	if got, want := len(parseFile(t, filepath.Join(out, "feed.atom")).Items), 50; got != want {
		t.Errorf("combined feed: %d items, want the default limit %d", got, want)
	}
}

func TestExtractCommandSeedExample(t *testing.T) {
	seed := filepath.Join("testdata", "001-church-page-ijm-south-asia.txt")
	out := runCmd(t, "extract", "--json", seed)
	for _, want := range []string{`"kind": "prayer"`, "On July 9th, IJM", "Pray for an ongoing series of webinars", `"kind": "praise"`} {
		if !strings.Contains(out, want) {
			t.Errorf("extract output lacks %q:\n%s", want, out)
		}
	}
	if got := strings.Count(out, `"kind"`); got != 3 {
		t.Errorf("extract found %d points, want 3:\n%s", got, out)
	}
}
