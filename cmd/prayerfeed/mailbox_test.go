package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/mailbox/dovecottest"
	"github.com/prayerfeed/prayerfeed/internal/pdftext/pdftexttest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// storedPoints are every point in db (published or held) as
// "partner state kind text", sorted.
func storedPoints(t *testing.T, db string) []string {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	items, err := st.ReviewItems(context.Background(), store.ReviewQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, it := range items {
		out = append(out, fmt.Sprintf("%s %s %s %s", it.PartnerID, it.State, it.Kind, it.Text))
	}
	slices.Sort(out)
	return out
}

// TestMailboxAndIngestAgree polls a real Dovecot with prayerfeed fetch,
// then pipes the same messages to prayerfeed ingest, and compares.
func TestMailboxAndIngestAgree(t *testing.T) {
	pdftexttest.Require(t, "pdftotext", "poppler-utils")
	letter := pdftexttest.Print(t, pdftexttest.Letter(14), true)
	msgs := [][]byte{inboxtest.HTMLWithPDF(letter), inboxtest.Forwarded(), inboxtest.Stranger(), inboxtest.Nested(10000), inboxtest.Forged()}
	srv := dovecottest.Start(t)
	srv.Append(t, msgs...)

	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "partners.yaml")
	cfg := inboxtest.Config + fmt.Sprintf("    sources:\n      - type: imap\n        url: %s\n        password_env: PRAYERFEED_TEST_IMAP_PASSWORD\n", srv.URL())
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PRAYERFEED_TEST_IMAP_PASSWORD", dovecottest.Password)
	// check --live shows what a poll would make of each message and
	// changes nothing: the fetch below still reads all five.
	live := runCmd(t, "--config", cfgPath, "check", "--live")
	for _, want := range []string{"opened INBOX read-only: 5 new message(s)", `"Spring news from Jos" from jo@okafor.example: okafor, published: 7 point(s)`,
		"from office@gracechurch.example: kelu, published: 2 point(s)", "from someone@elsewhere.example: unmatched",
		"nested more than 20 deep (a poll leaves it unread", "okafor, held for review (from jo@okafor.example, but neither DKIM nor SPF passed", "    prayer: Pray for the nurses' exams on Friday."} {
		if !strings.Contains(live, want) {
			t.Errorf("check --live printed:\n%s\nwant %q", live, want)
		}
	}
	polled := filepath.Join(dir, "polled.db")
	fetch := func() string {
		var out, errb bytes.Buffer
		if err := run(context.Background(), []string{"--config", cfgPath, "--db", polled, "fetch", "--all"}, &out, &errb); err != nil {
			t.Fatalf("fetch: %v\n%s", err, errb.String())
		}
		return out.String()
	}
	out := fetch()
	if !strings.Contains(out, "unreadable messages left unread: 1 in INBOX") || !strings.Contains(out, "nested more than 20 deep") {
		t.Errorf("first fetch printed %q: want the malformed message reported", out)
	}
	if !strings.Contains(out, fmt.Sprintf("%d new items", 2+len(pdftexttest.LetterPoints)+2+1)) {
		t.Errorf("first fetch printed %q: want the points of the letter, its PDF, the forward and the forged one", out)
	}
	if out := fetch(); !strings.Contains(out, "0 new items") || strings.Contains(out, "FAIL") {
		t.Errorf("second fetch printed %q: want nothing read again", out)
	}

	piped := filepath.Join(dir, "piped.db")
	for _, m := range msgs {
		ingest(t, cfgPath, piped, m)
	}
	got, want := storedPoints(t, polled), storedPoints(t, piped)
	if !slices.Equal(got, want) {
		t.Errorf("polled:\n%s\npiped:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "okafor pending") && strings.Contains(s, "gift card") }) {
		t.Errorf("the forged letter's point is not pending:\n%s", strings.Join(got, "\n"))
	}
	if slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "visa") }) {
		t.Errorf("the stranger's point was stored:\n%s", strings.Join(got, "\n"))
	}
}
