package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// requireCommand returns name's path, or ends the test: a failure under CI
// (which installs pkg), a skip elsewhere.
func requireCommand(t *testing.T, name, pkg string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("testing.Short: %s test", name)
	}
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s not found (CI installs Debian's %s): %v", name, pkg, err)
		}
		t.Skipf("exec.LookPath(%s): %v; install Debian's %s", name, err, pkg)
	}
	return path
}

// fivePartners is a church of five partners; the rotation prays for
// "tear" this week.
const fivePartners = `title: St Aidan's missions prayer
base_url: https://prayer.staidans.example
rotation:
  start: 2020-01-06
  order: [tear]
partners:
  - {id: ijm, name: International Justice Mission, short: IJM, region: South Asia, sources: [{type: rss, url: "https://ijm.example/rss"}]}
  - {id: sim, name: Serving in Mission, short: SIM, region: West Africa, sources: [{type: rss, url: "https://sim.example/rss"}]}
  - {id: wycliffe, name: Wycliffe Bible Translators, region: Papua New Guinea, sources: [{type: rss, url: "https://wycliffe.example/rss"}]}
  - {id: omf, name: OMF International, region: East Asia, sources: [{type: rss, url: "https://omf.example/rss"}]}
  - {id: tear, name: Tearfund, region: Malawi, sources: [{type: rss, url: "https://tear.example/rss"}]}
`

// sheetPoints are five points of typical newsletter length; each partner
// gets all five, marked with its id so pdftotext can find every one.
var sheetPoints = []string{
	"Pray for the team travelling to the northern districts this week, for safe roads and open doors in the villages they visit.",
	"Pray for the local leaders being trained in March, that they would grow in wisdom and teach faithfully.",
	"Give thanks for the new clinic building, finished on time and within budget after two years of work.",
	"Pray for the families affected by the floods, and for the relief workers distributing food and clean water.",
	"Give thanks for the twelve people baptised at the Easter service, and pray for them as they grow in faith.",
}

// fillFivePartners writes the config and a store holding 5 × 5 points,
// fetched during this week.
func fillFivePartners(t *testing.T) (cfgPath, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath, dbPath = filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	if err := os.WriteFile(cfgPath, []byte(fivePartners), 0o644); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), store.Config{Path: dbPath})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var items []feed.Item
	for _, id := range []string{"ijm", "sim", "wycliffe", "omf", "tear"} {
		for i, text := range sheetPoints {
			kind := feed.KindPrayer
			if strings.HasPrefix(text, "Give thanks") {
				kind = feed.KindPraise
			}
			items = append(items, feed.Item{
				Kind: kind, Text: fmt.Sprintf("%s (%s-%d)", text, id, i), PartnerID: id, PartnerName: id,
				SourceURL: "https://" + id + ".example/rss", UpdateGUID: id + "-letter",
				UpdateLink: "https://" + id + ".example/letter", UpdateTitle: "Prayer letter",
				Published: time.Now().Add(-time.Hour), Position: i,
			})
		}
	}
	if _, err := st.SaveItems(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return cfgPath, dbPath
}

func TestPrintPDF(t *testing.T) {
	requireCommand(t, "chromium", "chromium")
	pdftotext := requireCommand(t, "pdftotext", "poppler-utils")
	pdfinfo := requireCommand(t, "pdfinfo", "poppler-utils")
	cfgPath, dbPath := fillFivePartners(t)
	for _, paper := range []string{"a4", "letter"} {
		t.Run(paper, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "sheet.pdf")
			var stdout, stderr strings.Builder
			args := []string{"--config", cfgPath, "--db", dbPath, "print", "--out", out, "--paper", paper}
			if err := run(context.Background(), args, &stdout, &stderr); err != nil {
				t.Fatalf("print: %v\n%s", err, stderr.String())
			}
			text, err := exec.Command(pdftotext, "-layout", out, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			// pdftotext breaks lines (and two columns interleave), so compare
			// with white space and hyphenation removed.
			flat := strings.Join(strings.Fields(string(text)), "")
			for _, id := range []string{"ijm", "sim", "wycliffe", "omf", "tear"} {
				for i := range sheetPoints {
					if mark := fmt.Sprintf("(%s-%d)", id, i); !strings.Contains(flat, mark) {
						t.Errorf("the PDF lacks point %s", mark)
					}
				}
			}
			// The church's name is set in capitals.
			for _, want := range []string{"St Aidan's missions prayer", "Prayer points for the week of", "This week we are praying for Tearfund"} {
				if !strings.Contains(strings.ToLower(flat), strings.ToLower(strings.Join(strings.Fields(want), ""))) {
					t.Errorf("the PDF lacks %q", want)
				}
			}
			// This week's partner comes first.
			if strings.Index(flat, "(tear-0)") > strings.Index(flat, "(ijm-0)") {
				t.Errorf("the rotation's partner is not first")
			}
			info, err := exec.Command(pdfinfo, out).Output()
			if err != nil {
				t.Fatalf("pdfinfo: %v", err)
			}
			m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info)
			if m == nil {
				t.Fatalf("pdfinfo gave no page count:\n%s", info)
			}
			if pages, _ := strconv.Atoi(string(m[1])); pages < 1 || pages > 2 {
				t.Errorf("%d pages for 5 partners × 5 points, want 1 or 2", pages)
			}
			size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`).FindSubmatch(info)
			want := map[string]float64{"a4": 595, "letter": 612}[paper]
			if size == nil {
				t.Fatalf("pdfinfo gave no page size:\n%s", info)
			}
			if w, _ := strconv.ParseFloat(string(size[1]), 64); w < want-1 || w > want+1 {
				t.Errorf("page %s pts wide, want %v for %s", size[1], want, paper)
			}
		})
	}
}

func TestPrintWithoutChromium(t *testing.T) {
	cfgPath, dbPath := fillFivePartners(t)
	t.Setenv("PATH", t.TempDir())
	t.Setenv("PRAYERFEED_CHROMIUM", "")
	out := filepath.Join(t.TempDir(), "sheet.pdf")
	var stdout, stderr strings.Builder
	err := run(context.Background(), []string{"--config", cfgPath, "--db", dbPath, "print", "--out", out}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no Chromium found") || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Fatalf("err %v, want one saying Chromium is missing and how to install it", err)
	}
	if _, statErr := os.Stat(out); !os.IsNotExist(statErr) {
		t.Errorf("a file was written without Chromium")
	}
	// --html needs no browser.
	html := filepath.Join(t.TempDir(), "sheet.html")
	if err := run(context.Background(), []string{"--config", cfgPath, "--db", dbPath, "print", "--html", "--out", html}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(html); !strings.Contains(string(b), "(tear-0)") {
		t.Errorf("--html wrote no sheet")
	}
}
