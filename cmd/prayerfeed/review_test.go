package main

import (
	"encoding/json"
	"flag"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func reviewList(t *testing.T, cfg, db string, args ...string) ReviewJSON {
	t.Helper()
	out := runCmd(t, append([]string{"--config", cfg, "--db", db, "review", "list", "--json"}, args...)...)
	var got ReviewJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("review list --json: %v\n%s", err, out)
	}
	return got
}

func findItem(t *testing.T, list ReviewJSON, prefix string) ReviewItemJSON {
	t.Helper()
	for _, it := range list.Items {
		if strings.HasPrefix(it.ExtractedText, prefix) {
			return it
		}
	}
	t.Fatalf("no item starting %q in %+v", prefix, list.Items)
	return ReviewItemJSON{}
}

// builtTexts is every item text of the static build's combined JSON feed.
func builtTexts(t *testing.T, cfg, db string) []string {
	t.Helper()
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	var texts []string
	for _, it := range parseFile(t, filepath.Join(out, "feed.json")).Items {
		texts = append(texts, it.Categories[0]+": "+it.Description)
	}
	slices.Sort(texts)
	return texts
}

func TestReviewCommandCorrectionsLast(t *testing.T) {
	l := newLetters(t, letterBody(pointFamilies))
	cfg, db := lettersConfig(t, l, nil, "")
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	list := reviewList(t, cfg, db)
	if len(list.Items) != 3 {
		t.Fatalf("review list = %+v, want 3 items", list.Items)
	}
	fam, law, rul := findItem(t, list, "Pray for the families"), findItem(t, list, "Pray for the lawyers"),
		findItem(t, list, "Praise God")
	if fam.State != "published" || fam.Partner != "ijm" || fam.Update == "" || fam.Kind != "prayer" {
		t.Errorf("listed item = %+v", fam)
	}
	run := func(args ...string) string {
		return runCmd(t, append([]string{"--config", cfg, "--db", db, "review"}, args...)...)
	}
	run("hide", fam.ID)
	run("kind", rul.ID, "prayer")
	run("edit", law.ID, "Pray for the lawyers preparing the appeal.")
	run("add", "--update", fam.Update, "--kind", "praise", pointMissed)
	want := []string{"prayer: Praise God for the new court ruling protecting survivors of forced labour.",
		"prayer: Pray for the lawyers preparing the appeal.", "praise: " + pointMissed}
	slices.Sort(want)
	if got := builtTexts(t, cfg, db); !slices.Equal(got, want) {
		t.Fatalf("built feed after corrections = %q\nwant %q", got, want)
	}

	// The partner changes a word in the hidden point: it stays hidden,
	// and every other correction stands.
	l.set(0, letterBody(strings.Replace(pointFamilies, "this week", "this month", 1)))
	runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
	if got := builtTexts(t, cfg, db); !slices.Equal(got, want) {
		t.Fatalf("built feed after a re-fetch with a word changed = %q\nwant %q", got, want)
	}
	after := reviewList(t, cfg, db)
	if got := findItem(t, after, "Pray for the families"); got.ID != fam.ID || got.State != "hidden" ||
		!strings.Contains(got.ExtractedText, "this month") {
		t.Errorf("hidden item after re-fetch = %+v, want id %s, hidden, the new words", got, fam.ID)
	}
	if len(after.Items) != 4 {
		t.Errorf("review list after re-fetch has %d items, want 4 (3 extracted, 1 added)", len(after.Items))
	}

	// Restore brings the extractor's version back.
	run("restore", fam.ID, law.ID, rul.ID)
	if got := builtTexts(t, cfg, db); len(got) != 4 {
		t.Errorf("after restore: %q, want 4 items", got)
	}
}

func TestReviewCommandHoldForReview(t *testing.T) {
	l := newLetters(t, letterBody(pointFamilies))
	cfg, db := lettersConfig(t, l, newLetters(t, keluBody+"<ul><li>Praise God for the new school building opened in Kelu town.</li></ul>"), "")
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	if got := builtTexts(t, cfg, db); len(got) != 3 {
		t.Fatalf("before approval: %q, want only ijm's 3 points (kelu is on hold)", got)
	}
	pending := reviewList(t, cfg, db, "--pending")
	if len(pending.Items) != 3 || pending.Items[0].Partner != "kelu" || pending.Items[0].State != "pending" {
		t.Fatalf("pending = %+v, want kelu's 3 points", pending.Items)
	}
	runCmd(t, "--config", cfg, "--db", db, "review", "approve", pending.Items[0].ID)
	if got := builtTexts(t, cfg, db); len(got) != 4 {
		t.Fatalf("after approving one: %q, want 4 items", got)
	}
	out := runCmd(t, "--config", cfg, "--db", db, "review", "approve", "--partner", "kelu")
	if !strings.Contains(out, "approved 2 waiting points") {
		t.Errorf("approve --partner said %q", out)
	}
	if got := builtTexts(t, cfg, db); len(got) != 6 {
		t.Fatalf("after approving the partner: %q, want 6 items", got)
	}
	if got := reviewList(t, cfg, db, "--pending"); len(got.Items) != 0 {
		t.Errorf("still pending: %+v", got.Items)
	}
}

func TestReviewCommandErrors(t *testing.T) {
	l := newLetters(t, letterBody(pointFamilies))
	cfg, db := lettersConfig(t, l, nil, "")
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	for name, args := range map[string][]string{
		"unknown id":   {"hide", "nosuchid"},
		"bad kind":     {"kind", "x", "thanks"},
		"no verb":      {},
		"approve none": {"approve"},
		"add no text":  {"add", "--update", "u"},
	} {
		t.Run(name, func(t *testing.T) {
			var out, errOut strings.Builder
			err := run(t.Context(), append([]string{"--config", cfg, "--db", db, "review"}, args...), &out, &errOut)
			if err == nil {
				t.Fatalf("review %v: no error", args)
			}
		})
	}
}

// TestReviewParseDashIDs: item ids are base64url, so one in sixteen
// starts with "-"; the review verbs must take it as an id, not a flag.
func TestReviewParseDashIDs(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string
		kind string
	}{
		{"plain id", []string{"AbCdEfGhIjKlMnOp"}, []string{"AbCdEfGhIjKlMnOp"}, ""},
		{"dash id", []string{"-bCdEfGhIjKlMnOp"}, []string{"-bCdEfGhIjKlMnOp"}, ""},
		{"dash id before a flag", []string{"-bCdEfGhIjKlMnOp", "--kind", "praise"}, []string{"-bCdEfGhIjKlMnOp"}, "praise"},
		{"flag before dash id", []string{"--kind=praise", "-bCdEfGhIjKlMnOp", "more"}, []string{"-bCdEfGhIjKlMnOp", "more"}, "praise"},
		{"double dash", []string{"--", "--kind"}, []string{"--kind"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("review", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			kind := fs.String("kind", "", "")
			r := &reviewCmd{fs: fs}
			got, err := r.parse(tt.args)
			if err != nil {
				t.Fatalf("parse(%q): %v", tt.args, err)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || *kind != tt.kind {
				t.Errorf("parse(%q) = %q, kind %q; want %q, kind %q", tt.args, got, *kind, tt.want, tt.kind)
			}
		})
	}
}
