package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/pgtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// keptMailConfig is the inbox fixture's partners.yaml with a partner
// whose points always wait for review, and an admin token.
const keptMailConfig = "admin_token: s3cret-admin\n" + inboxtest.Config + `  - id: quiet
    name: Quiet Partner
    review: hold
    email: [letters@quiet.example]
`

// strangerAgain is another letter from the stranger (its own Message-ID).
func strangerAgain() []byte {
	return bytes.Replace(bytes.Replace(inboxtest.Stranger(), []byte("<stranger@"), []byte("<stranger-2@"), 1),
		[]byte("cousin's visa interview"), []byte("neighbour's long surgery on Thursday"), 1)
}

// keptMail is review mail --json's list.
func keptMail(t *testing.T, cfg, db string) []KeptMailJSON {
	t.Helper()
	var got MailJSON
	out := runCmd(t, "--config", cfg, "--db", db, "review", "mail", "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("review mail --json: %v\n%s", err, out)
	}
	return got.Mail
}

// keptID is the id of the kept message whose preview or reason holds s.
func keptID(t *testing.T, kept []KeptMailJSON, s string) string {
	t.Helper()
	for _, k := range kept {
		if strings.Contains(k.Preview+k.Reason, s) {
			return fmt.Sprint(k.ID)
		}
	}
	t.Fatalf("no kept mail says %q in %+v", s, kept)
	return ""
}

// TestReviewMailOnTheCommandLine: mail from no partner and an unreadable
// one are listed; filing the first publishes its points as the partner's
// (the admin's filing approves the unproven sender), audited; filing to
// a partner on review: hold leaves them waiting; an unreadable message
// cannot be filed but can be discarded; nothing is filed twice.
func TestReviewMailOnTheCommandLine(t *testing.T) {
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "prayerfeed.db")
			if backend == "postgres" {
				db = pgtest.DB(t)
			}
			reviewMailOn(t, filepath.Join(dir, "partners.yaml"), db)
		})
	}
}

// reviewMailOn is TestReviewMailOnTheCommandLine on the store at db.
func reviewMailOn(t *testing.T, cfg, db string) {
	writeFile(t, cfg, keptMailConfig)
	ingest(t, cfg, db, inboxtest.Stranger())
	ingest(t, cfg, db, strangerAgain())
	ingest(t, cfg, db, inboxtest.Nested(10000))
	kept := keptMail(t, cfg, db)
	if len(kept) != 3 {
		t.Fatalf("review mail lists %d messages, want the 2 unmatched and the unreadable one: %+v", len(kept), kept)
	}
	visa, surgery, bomb := keptID(t, kept, "cousin's visa"), keptID(t, kept, "surgery"), keptID(t, kept, "nested more than")
	if text := runCmd(t, "--config", cfg, "--db", db, "review", "mail"); !strings.Contains(text, "someone@elsewhere.example") || !strings.Contains(text, "review mail file ID --partner") {
		t.Errorf("review mail's table:\n%s", text)
	}

	out := runCmd(t, "--config", cfg, "--db", db, "review", "mail", "file", visa, "--partner", "okafor")
	if !strings.Contains(out, "published stranger@elsewhere.example") || !strings.Contains(out, "for okafor") {
		t.Errorf("file printed %q, want the message published for okafor", out)
	}
	if it := findItem(t, reviewList(t, cfg, db, "--partner", "okafor"), "Pray for my cousin's visa"); it.State != "published" {
		t.Errorf("filed point is %s, want published", it.State)
	}
	out = runCmd(t, "--config", cfg, "--db", db, "review", "mail", "file", surgery, "--partner", "quiet")
	if it := findItem(t, reviewList(t, cfg, db, "--partner", "quiet"), "Pray for my neighbour's"); it.State != "pending" {
		t.Errorf("point filed to a review: hold partner is %s (file said %q), want pending", it.State, out)
	}

	var errb bytes.Buffer
	err := run(context.Background(), []string{"--config", cfg, "--db", db, "review", "mail", "file", bomb, "--partner", "okafor"}, &bytes.Buffer{}, &errb)
	if err == nil || !strings.Contains(err.Error(), "still cannot be read") {
		t.Errorf("filing the unreadable message: %v, want it refused as unreadable", err)
	}
	runCmd(t, "--config", cfg, "--db", db, "review", "mail", "discard", bomb)
	if kept := keptMail(t, cfg, db); len(kept) != 0 {
		t.Errorf("after filing two and discarding one, review mail lists %+v", kept)
	}
	for _, args := range [][]string{{"file", visa, "--partner", "okafor"}, {"discard", bomb}, {"file", "x", "--partner", "okafor"}, {"file", visa}} {
		if err := run(context.Background(), append([]string{"--config", cfg, "--db", db, "review", "mail"}, args...), &bytes.Buffer{}, &errb); err == nil {
			t.Errorf("review mail %s succeeded, want an error", strings.Join(args, " "))
		}
	}

	st, err := store.Open(context.Background(), store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	audit, err := st.Audit(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action+" "+a.Target+" "+a.Detail)
	}
	joined := strings.Join(actions, "\n")
	for _, want := range []string{"file mail " + visa + " stranger@elsewhere.example to okafor: published, 1 point(s)",
		"file mail " + surgery + " stranger-2@elsewhere.example to quiet", "discard mail " + bomb} {
		if !strings.Contains(joined, want) {
			t.Errorf("audit lacks %q:\n%s", want, joined)
		}
	}
}

// TestKeptMailOnAdmin: the dashboard lists mail from no partner with the
// start of its text; filing it from the form publishes its points, and
// the message leaves the list.
func TestKeptMailOnAdmin(t *testing.T) {
	dir := t.TempDir()
	cfg, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	writeFile(t, cfg, keptMailConfig)
	ingest(t, cfg, db, inboxtest.Stranger())
	ingest(t, cfg, db, strangerAgain())
	kept := keptMail(t, cfg, db)
	visa, surgery := keptID(t, kept, "cousin's visa"), keptID(t, kept, "surgery")
	base, _ := startServe(t, cfg, db, time.Hour)
	c := &adminClient{t: t, base: base}
	resp, _ := c.do("POST", "/admin/login", url.Values{"token": {"s3cret-admin"}}, nil)
	if len(resp.Cookies()) != 1 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	c.cookie = resp.Cookies()[0]
	page, _ := c.page("/admin")
	if !strings.Contains(page, "E-mail from no partner (2)") || !strings.Contains(page, "Pray for my cousin&#39;s visa interview.") ||
		!strings.Contains(page, `action="/admin/mail/`+visa+`/file"`) {
		t.Fatalf("dashboard does not list the kept mail:\n%s", page)
	}
	if resp, _ := c.do("POST", "/admin/mail/"+visa+"/file", url.Values{"partner": {"okafor"}}, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("filing without the CSRF token = %d, want 403", resp.StatusCode)
	}
	c.post("/admin/mail/"+visa+"/file", url.Values{"partner": {"okafor"}})
	c.post("/admin/mail/"+surgery+"/discard", nil)
	waitFor(t, "the filed point on the feed", func() bool { return feedItems(t, base+"/feed.json") == 1 })
	page, _ = c.page("/admin")
	if strings.Contains(page, "E-mail from no partner") {
		t.Errorf("the dashboard still lists kept mail after filing and discarding it")
	}
	if !strings.Contains(page, "file mail "+visa) || !strings.Contains(page, "discard mail "+surgery) {
		t.Errorf("the dashboard's audit lacks the filing and the discard")
	}
	_, csrf := c.page("/admin")
	if resp, _ := c.do("POST", "/admin/mail/"+visa+"/file", url.Values{"partner": {"okafor"}, "csrf": {csrf}}, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("filing it again = %d, want 404", resp.StatusCode)
	}
}
