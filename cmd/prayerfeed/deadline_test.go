package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestFetchDeadlineEndsCycle: a cycle over sources that each take 3 s,
// two at a time on one host, ends at its deadline instead of after every
// source; the sources it did not reach stay due, and the summary says how
// many there were.
func TestFetchDeadlineEndsCycle(t *testing.T) {
	_, cfg, db := slowFarm(t, 8, 3*time.Second)
	start := time.Now()
	out := runCmd(t, "--config", cfg, "--db", db, "fetch", "--deadline", "1s")
	if took := time.Since(start); took > 2500*time.Millisecond {
		t.Errorf("fetch --deadline 1s took %v over 8 sources of 3 s each", took)
	}
	m := regexp.MustCompile(`not reached before the deadline (\d+) \(still due\)`).FindStringSubmatch(out)
	if m == nil || m[1] != "8" {
		t.Fatalf("summary does not count 8 unreached sources:\n%s", out)
	}
	if strings.Contains(out, "FAIL") {
		t.Errorf("unreached sources reported as failures:\n%s", out)
	}
	st := openTestStore(t, db)
	states, err := st.SourceStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if s.NextDue.After(time.Now()) || s.Failures > 0 {
			t.Errorf("%s after the deadline: next due %v, %d failures; want it due, not failed", s.URL, s.NextDue, s.Failures)
		}
	}
}
