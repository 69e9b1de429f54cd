package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/alerts"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/inbox/inboxtest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// ingest runs prayerfeed ingest with msg on stdin, as a mail server's
// pipe does, and returns what it printed.
func ingest(t *testing.T, cfgPath, db string, msg []byte, args ...string) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "message.eml")
	if err := os.WriteFile(f, msg, 0o600); err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(f)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	old := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = old }()
	var out, errb bytes.Buffer
	if err := run(context.Background(), append([]string{"--config", cfgPath, "--db", db, "ingest"}, args...), &out, &errb); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errb.String())
	}
	return out.String()
}

func TestIngestFromStdin(t *testing.T) {
	dir := t.TempDir()
	cfgPath, db := filepath.Join(dir, "partners.yaml"), filepath.Join(dir, "prayerfeed.db")
	if err := os.WriteFile(cfgPath, []byte(inboxtest.Config), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		msg  []byte
		want string
	}{
		{"forwarded letter", inboxtest.Forwarded(), "published fwd-kelu-march@gracechurch.example from office@gracechurch.example: 2 point(s) (2 new) for kelu"},
		{"stranger", inboxtest.Stranger(), "unmatched stranger@elsewhere.example: from someone@elsewhere.example"},
		{"forged", inboxtest.Forged(), "held forged@attacker.example from jo@okafor.example: 1 point(s) for okafor wait for review"},
		{"MIME bomb", inboxtest.Nested(10000), "unreadable sha256:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if out := ingest(t, cfgPath, db, tc.msg); !strings.Contains(out, tc.want) {
				t.Errorf("printed %q, want %q", out, tc.want)
			}
		})
	}
	t.Run("the status page's alerts say why", func(t *testing.T) {
		cfg, err := config.Load(cfgPath)
		if err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(context.Background(), store.Config{Path: db})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		list, err := alerts.New(alerts.Config{Config: cfg, Store: st}).Alerts(context.Background(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		kinds := map[alerts.Kind]string{}
		for _, a := range list {
			kinds[a.Kind] = a.Title + " " + a.Detail
		}
		for kind, want := range map[alerts.Kind]string{
			alerts.KindMailHeld:       "neither DKIM nor SPF passed for okafor.example",
			alerts.KindMailUnmatched:  "someone@elsewhere.example",
			alerts.KindMailUnreadable: "nested more than 20 deep",
		} {
			if !strings.Contains(kinds[kind], want) {
				t.Errorf("alert %s = %q, want it to say %q", kind, kinds[kind], want)
			}
		}
	})
}
