package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/digest/smtptest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// digestChurch writes a partners.yaml whose digest goes to port and a
// store holding two points first seen in the digest week that ended last.
func digestChurch(t *testing.T, port int, user string) (cfgPath, dbPath string) {
	t.Helper()
	dir := t.TempDir()
	cfgPath, dbPath = filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	yaml := fmt.Sprintf(`title: Grace Church
base_url: https://prayer.grace.example
partners:
  - {id: sim, name: Serving in Mission, sources: [{type: rss, url: "https://sim.example/rss"}]}
digest:
  host: 127.0.0.1
  port: %d
  tls: none
  user: %q
  from: prayer@grace.example
  to: [team@grace.example]
`, port, user)
	if err := os.WriteFile(cfgPath, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	seen := config.DefaultSchedule.WeekEnd(time.Now()).Add(-time.Hour)
	st, err := store.Open(context.Background(), store.Config{Path: dbPath, Now: func() time.Time { return seen }})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var items []feed.Item
	for i, text := range []string{"Pray for the clinic opening in Niamey.", "Give thanks for the new nurses."} {
		items = append(items, feed.Item{
			Kind: feed.KindPrayer, Text: text, PartnerID: "sim", PartnerName: "SIM", SourceURL: "https://sim.example/rss",
			UpdateGUID: "s1", UpdateLink: "https://sim.example/s1", UpdateTitle: "News", Published: seen, Position: i,
		})
	}
	if _, err := st.SaveItems(context.Background(), items); err != nil {
		t.Fatal(err)
	}
	return cfgPath, dbPath
}

func TestDigestCommand(t *testing.T) {
	srv := smtptest.Start(t, "", "")
	cfg, db := digestChurch(t, srv.Port, "")
	out := runCmd(t, "--config", cfg, "--db", db, "digest", "--preview")
	if !strings.Contains(out, "clinic opening in Niamey") || !strings.Contains(out, "not sent") {
		t.Errorf("preview:\n%s", out)
	}
	if n := len(srv.Messages(t)); n != 0 {
		t.Fatalf("--preview delivered %d messages", n)
	}
	out = runCmd(t, "--config", cfg, "--db", db, "digest", "--send")
	if !strings.Contains(out, "sent the e-mail for the week ending") || !strings.Contains(out, "(2 points)") {
		t.Errorf("first --send:\n%s", out)
	}
	out = runCmd(t, "--config", cfg, "--db", db, "digest", "--send")
	if !strings.Contains(out, "nothing sent") {
		t.Errorf("second --send:\n%s", out)
	}
	msgs := srv.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("%d messages, want 1", len(msgs))
	}
	if !strings.HasPrefix(msgs[0].Header.Get("Content-Type"), "multipart/alternative") {
		t.Errorf("Content-Type %q", msgs[0].Header.Get("Content-Type"))
	}
}

func TestDigestCommandErrors(t *testing.T) {
	t.Setenv("PRAYERFEED_SMTP_PASSWORD", "")
	cfg, db := digestChurch(t, 2525, "team")
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"--config", cfg, "--db", db, "digest", "--send"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "$PRAYERFEED_SMTP_PASSWORD is empty") {
		t.Errorf("no password: err %v", err)
	}
	// Without a digest: section the command says what to add.
	plain := filepath.Join(t.TempDir(), "partners.yaml")
	os.WriteFile(plain, []byte("title: T\npartners:\n  - {id: a, name: A, sources: [{type: rss, url: \"https://a.example/rss\"}]}\n"), 0o644)
	err = run(context.Background(), []string{"--config", plain, "--db", db, "digest"}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "no digest: section") {
		t.Errorf("no digest section: err %v", err)
	}
}

// serve's loop sends the week's e-mail on start; a restarted serve does not
// send it again.
func TestDigestLoopAcrossRestarts(t *testing.T) {
	srv := smtptest.Start(t, "", "")
	cfgPath, db := digestChurch(t, srv.Port, "")
	cfg, err := config.Load(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	for start := range 2 {
		st, err := store.Open(context.Background(), store.Config{Path: db})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); digestLoop(ctx, cfg, st, newLogger(io.Discard)) }()
		// The loop's first check runs at once: the first start delivers
		// the week's e-mail; the second is given as long to do it again.
		for deadline := time.Now().Add(10 * time.Second); start == 0 && len(srv.Messages(t)) == 0 && time.Now().Before(deadline); {
			time.Sleep(20 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond)
		cancel()
		<-done
		st.Close()
		if n := len(srv.Messages(t)); n != 1 {
			t.Fatalf("after serve start %d: %d messages, want 1", start+1, n)
		}
	}
}

func TestCheckDescribesDigestAndRetention(t *testing.T) {
	t.Setenv("PRAYERFEED_SMTP_PASSWORD", "")
	cfg, db := digestChurch(t, 2525, "team")
	b, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(b, "retention: {max_age: 26w, max_items: 50}\n"...), 0o644)
	out := runCmd(t, "--config", cfg, "--db", db, "check")
	for _, want := range []string{
		"digest: e-mail to team@grace.example every monday at 07:00 UTC via 127.0.0.1:2525 (none)",
		"$PRAYERFEED_SMTP_PASSWORD is empty",
		"retention: after each fetch, deletes points older than 182 days; each partner's points beyond the newest 50",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check lacks %q:\n%s", want, out)
		}
	}
}
