package main

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/hostile"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// fetchTimeout is the per-source bound the hostile run uses; the slow
// cases stall far longer.
const fetchTimeout = time.Second

// TestHostileSources stores a good fetch of every source, breaks the bad
// ones in every way the hostile server knows, and checks that one cycle
// over all of them ends within its bound, records each failure on its own
// source, keeps the failing sources' items, stores the odd-but-readable
// ones sanely, and publishes every good partner's items, sanitized.
func TestHostileSources(t *testing.T) {
	const good = 5
	h := hostile.New(hostile.Config{Good: good, Slow: 30 * time.Second})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg, db, out := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db"), filepath.Join(dir, "out")
	if err := os.WriteFile(cfg, []byte(h.PartnersYAML(srv.URL)), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := h.Cases()
	if len(cases) < 25 {
		t.Fatalf("hostile server has %d cases, want at least 25", len(cases))
	}
	fetch := func() time.Duration {
		start := time.Now()
		runCmd(t, "--config", cfg, "--db", db, "fetch", "--all", "--timeout", fetchTimeout.String())
		return time.Since(start)
	}

	fetch()
	before := itemsByPartner(t, db)
	for _, c := range cases {
		if got := before[hostile.BadID(c.Name)]; got != 4 {
			t.Fatalf("%s: %d items before breaking, want 4", c.Name, got)
		}
	}

	h.Break()
	took := fetch()
	t.Logf("hostile cycle over %d sources took %s", len(cases)+good, took)
	// Slow sources each cost one timeout, two at a time on this one host;
	// everything else is quick. Twice that is a generous bound.
	if bound := 2 * time.Duration(countSlow(cases)) * fetchTimeout; took > max(bound, 10*time.Second) {
		t.Errorf("hostile cycle took %s, want within %s", took, max(bound, 10*time.Second))
	}
	states := statesByPartner(t, db)
	after := itemsByPartner(t, db)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			st := states[hostile.BadID(c.Name)]
			switch c.Want {
			case hostile.Fails:
				if st.Failures != 1 || st.LastError == "" || st.LastStatus != c.Status {
					t.Errorf("state = failures %d, status %d, error %q; want 1 failure, status %d, an error",
						st.Failures, st.LastStatus, st.LastError, c.Status)
				}
				if got, want := after[hostile.BadID(c.Name)], before[hostile.BadID(c.Name)]; got != want {
					t.Errorf("items after failure = %d, want the %d stored before", got, want)
				}
			case hostile.Succeeds:
				if st.Failures != 0 || st.LastError != "" {
					t.Errorf("state = failures %d, error %q; want success", st.Failures, st.LastError)
				}
			}
		})
	}
	for i := range good {
		if st := states[hostile.GoodID(i)]; st.Failures != 0 {
			t.Errorf("%s: %d failures (%s), want none", hostile.GoodID(i), st.Failures, st.LastError)
		}
	}
	checkOddSources(t, db)

	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	for i := range good {
		checkPartnerFeed(t, out, hostile.GoodID(i), 4)
	}
	for _, c := range cases {
		if c.Want == hostile.Fails {
			checkPartnerFeed(t, out, hostile.BadID(c.Name), 4)
		}
	}
	checkBuiltFiles(t, out)

	// A second failure waits longer, and Retry-After is honoured.
	fetch()
	states = statesByPartner(t, db)
	for _, c := range cases {
		if c.Want != hostile.Fails {
			continue
		}
		st := states[hostile.BadID(c.Name)]
		wait := st.NextDue.Sub(st.LastFetch)
		want := 2 * time.Hour
		switch c.Name {
		case "429":
			want = 72 * time.Hour
		case "503":
			want = 47 * time.Hour
		}
		if st.Failures != 2 || wait < want {
			t.Errorf("%s after 2 cycles: failures %d, next due in %s; want 2, at least %s", c.Name, st.Failures, wait, want)
		}
	}
}

func countSlow(cases []hostile.Case) int {
	n := 0
	for _, c := range cases {
		if c.Name == "slow-headers" || c.Name == "trickle" {
			n++
		}
	}
	return n
}

func openTestStore(t *testing.T, db string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func statesByPartner(t *testing.T, db string) map[string]store.SourceState {
	t.Helper()
	states, err := openTestStore(t, db).SourceStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]store.SourceState{}
	for _, s := range states {
		out[s.PartnerID] = s
	}
	return out
}

func itemsByPartner(t *testing.T, db string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for id, st := range statesByPartner(t, db) {
		out[id] = st.Items
	}
	return out
}

// partnerItems returns every stored item of a partner.
func partnerItems(t *testing.T, db, id string) []feed.Item {
	t.Helper()
	items, err := openTestStore(t, db).Items(context.Background(), feed.Query{Partners: []string{id}, Limit: feed.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// checkOddSources checks what the odd-but-readable sources stored.
func checkOddSources(t *testing.T, db string) {
	t.Helper()
	now := time.Now()
	texts := func(id string) string {
		var b strings.Builder
		for _, it := range partnerItems(t, db, id) {
			b.WriteString(it.Text + "\n" + it.HTML + "\n" + it.UpdateTitle + "\n")
		}
		return b.String()
	}
	t.Run("billion-laughs expands nothing", func(t *testing.T) {
		if s := texts(hostile.BadID("billion-laughs")); strings.Contains(s, "lollol") {
			t.Errorf("entities expanded: %.200q", s)
		}
	})
	t.Run("xxe reads no file", func(t *testing.T) {
		if s := texts(hostile.BadID("xxe")); strings.Contains(s, "root:") {
			t.Errorf("external entity read: %.200q", s)
		}
	})
	t.Run("latin1 decoded", func(t *testing.T) {
		if s := texts(hostile.BadID("latin1")); !strings.Contains(s, "café in Zürich, latin1") {
			t.Errorf("latin1 items = %q, want the decoded text", s)
		}
	})
	t.Run("wrong charset stays valid UTF-8", func(t *testing.T) {
		if s := texts(hostile.BadID("wrong-charset")); !utf8.ValidString(s) || !strings.Contains(s, "wrong-charset") {
			t.Errorf("wrong-charset items = %q, want valid UTF-8 naming the source", s)
		}
	})
	t.Run("invalid UTF-8 stored valid", func(t *testing.T) {
		if s := texts(hostile.BadID("invalid-utf8")); !utf8.ValidString(s) || !strings.Contains(s, "invalid-utf8 team") {
			t.Errorf("invalid-utf8 items = %q, want valid UTF-8 naming the source", s)
		}
	})
	t.Run("duplicate guids stored once", func(t *testing.T) {
		n := 0
		for _, it := range partnerItems(t, db, hostile.BadID("duplicate-guids")) {
			if strings.Contains(it.Text, "duplicate-guids, once") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("the repeated entry's point is stored %d times, want once", n)
		}
	})
	t.Run("absurd dates settled", func(t *testing.T) {
		items := partnerItems(t, db, hostile.BadID("absurd-dates"))
		if len(items) < 4 {
			t.Fatalf("%d items, want the 4 good ones and 4 odd ones", len(items))
		}
		for _, it := range items {
			if it.Published.After(now) || it.Published.Year() < 1990 {
				t.Errorf("%q published %s, want a date in [1990, now]", it.Text, it.Published)
			}
		}
	})
	t.Run("many items capped", func(t *testing.T) {
		if n := len(partnerItems(t, db, hostile.BadID("many-items"))); n > 4+100 {
			t.Errorf("%d items, want at most 4 + 100 (MaxUpdates)", n)
		}
	})
	t.Run("huge item cut", func(t *testing.T) {
		s := texts(hostile.BadID("huge-item"))
		if !strings.Contains(s, "huge-item, written first") || strings.Contains(s, "past the cap") {
			t.Errorf("huge-item items: %.300q; want the first point and not the one past the cap", s)
		}
	})
	t.Run("lying content type read", func(t *testing.T) {
		if s := texts(hostile.BadID("lying-content-type")); !strings.Contains(s, "lying-content-type readers") {
			t.Errorf("items = %q, want the feed read", s)
		}
	})
	t.Run("xss points kept", func(t *testing.T) {
		s := texts(hostile.BadID("xss"))
		for _, want := range []string{"xss-one", "xss-two", "xss-three", "xss-four"} {
			if !strings.Contains(s, want) {
				t.Errorf("xss items lack %q", want)
			}
		}
	})
}

// checkPartnerFeed checks that id's built JSON feed holds want items of
// that partner's own good feed.
func checkPartnerFeed(t *testing.T, out, id string, want int) {
	t.Helper()
	parsed := parseFile(t, filepath.Join(out, "partners", id, "feed.json"))
	n := 0
	for _, it := range parsed.Items {
		if strings.Contains(it.Content, id+" letter") || strings.Contains(it.Content, id+" and letter") {
			n++
		}
	}
	if n != want {
		t.Errorf("%s: built feed holds %d of its good items, want %d", id, n, want)
	}
}
