package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// scoreExtract is the corpus scorer, ../shared/tools/score-extract beside
// the repository (or $SCORE_EXTRACT); it is not a Debian package, so a
// clean clone without it skips the scoring, saying where it looked.
func scoreExtract(t *testing.T) string {
	t.Helper()
	path := os.Getenv("SCORE_EXTRACT")
	if path == "" {
		// Beside the repository's checkout, or beside the directory of
		// worktrees it is in.
		for _, up := range []string{"../../..", "../../../.."} {
			p, _ := filepath.Abs(filepath.Join(up, "shared", "tools", "score-extract"))
			if _, err := os.Stat(p); err == nil {
				path = p
				break
			}
		}
	}
	if _, err := os.Stat(path); path == "" || err != nil {
		t.Skip("score-extract not found beside the repository (../shared/tools); set SCORE_EXTRACT to the corpus scorer")
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skipf("exec.LookPath(python3): %v", err)
	}
	return path
}

var f1Line = regexp.MustCompile(`f1 ([0-9.]+) over (\d+) cases`)

// score runs the scorer over dir with cmd and returns F1 and the cases.
func score(t *testing.T, scorer, cmd, dir string) (float64, int, string) {
	t.Helper()
	out, err := exec.Command("python3", scorer, "--cmd", cmd, dir).CombinedOutput()
	m := f1Line.FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("score-extract --cmd %q: %v\n%s", cmd, err, out)
	}
	f1, _ := strconv.ParseFloat(m[1], 64)
	n, _ := strconv.Atoi(m[2])
	return f1, n, string(out)
}

func TestReviewExport(t *testing.T) {
	l := newLetters(t, letterBody(pointFamilies), "<p>Our news this month: the new van arrived.</p><p>Printer-friendly version</p>",
		letterBody(strings.Replace(pointFamilies, "Chennai", "Madurai", 1)))
	cfg, db := lettersConfig(t, l, nil, "")
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	list := reviewList(t, cfg, db)
	var first, second ReviewItemJSON
	for _, it := range list.Items {
		if strings.Contains(it.Text, "Chennai") {
			first = it
		}
		if strings.Contains(it.Text, "Madurai") {
			second = it
		}
	}
	run := func(args ...string) {
		runCmd(t, append([]string{"--config", cfg, "--db", db, "review"}, args...)...)
	}
	// Letter 0: the extractor missed a point and filed a prayer as praise.
	run("add", "--update", first.Update, "--kind", "praise", pointMissed)
	rul := ""
	for _, it := range list.Items {
		if it.Update == first.Update && it.Kind == "praise" {
			rul = it.ID
		}
	}
	run("kind", rul, "prayer")
	// Letter 2: a point that should not be published.
	run("hide", second.ID)

	dir := t.TempDir()
	out := runCmd(t, "--config", cfg, "--db", db, "review", "export", dir)
	if !strings.Contains(out, "wrote 2 corrected updates") {
		t.Fatalf("review export said %q, want 2 corrected updates", out)
	}
	expected, _ := filepath.Glob(filepath.Join(dir, "*.expected.json"))
	letters, _ := filepath.Glob(filepath.Join(dir, "*.html"))
	if len(expected) != 2 || len(letters) != 2 {
		t.Fatalf("export wrote %v and %v, want 2 cases", expected, letters)
	}
	var c corpusCase
	data, err := os.ReadFile(expected[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	if c.Partner != "International Justice Mission" || len(c.Items) != 4 || c.Items[3].Text != pointMissed ||
		c.Items[3].Kind != "praise" || c.Items[2].Kind != "prayer" {
		t.Errorf("%s = %+v, want the 3 extracted points (the praise made a prayer) and the added one", expected[0], c)
	}
	// What prayerfeed publishes for an exported letter is its case, exactly.
	for _, letter := range letters {
		got := runCmd(t, "--config", cfg, "--db", db, "extract", "--json", "--corrected", letter)
		want, _ := os.ReadFile(strings.TrimSuffix(letter, ".html") + ".expected.json")
		var g, w corpusCase
		json.Unmarshal([]byte(got), &g)
		json.Unmarshal(want, &w)
		if len(g.Items) != len(w.Items) {
			t.Fatalf("%s: extract --corrected = %+v, case = %+v", letter, g.Items, w.Items)
		}
		for i := range g.Items {
			if g.Items[i] != w.Items[i] {
				t.Errorf("%s item %d: extract --corrected %+v, case %+v", letter, i, g.Items[i], w.Items[i])
			}
		}
	}

	t.Run("score-extract", func(t *testing.T) {
		scorer := scoreExtract(t)
		exe := filepath.Join(t.TempDir(), "prayerfeed")
		if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
		f1, n, out := score(t, scorer, exe+" --db "+db+" extract --json --corrected", dir)
		if f1 != 1 || n != 2 {
			t.Errorf("corrected points scored F1 %.3f over %d cases, want 1.000 over 2\n%s", f1, n, out)
		}
		f1, _, out = score(t, scorer, exe+" extract --json", dir)
		if f1 >= 1 {
			t.Errorf("the bare extractor scored F1 %.3f on the corrected cases; the corrections should show what it missed\n%s", f1, out)
		}
		t.Logf("the extractor alone scores F1 %.3f on the exported cases", f1)
	})
}
