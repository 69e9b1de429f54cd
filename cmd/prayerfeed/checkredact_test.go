package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
)

// TestCheckRedact: check --redact lists the spellings it catches and
// names a stored item where a word of the name is still shown (here in
// lower case, which redaction leaves as an ordinary word).
func TestCheckRedact(t *testing.T) {
	c := sitetest.New(t)
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"--config", c.ConfigPath, "--db", c.DBPath, "check", "--redact"}, &out, &errOut); err != nil {
		t.Fatalf("check --redact on the clean fixture: %v\n%s%s", err, out.String(), errOut.String())
	}
	for _, want := range []string{`redact "Johanna Bergström"`, "without accents", "caught", "'Bergström' alone", "stored items: the name appears in none"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	leak := feed.Item{Kind: feed.KindPrayer, PartnerID: "ijm", PartnerName: "International Justice Mission",
		Text: "Pray for the bergström household", HTML: "Pray for the bergström household",
		UpdateGUID: "leak", UpdateLink: "https://ijm.example/leak", UpdateTitle: "News",
		Published: sitetest.Now.Add(-time.Hour), SourceURL: "https://ijm.example/feed"}
	if _, err := c.Store.SaveItems(context.Background(), []feed.Item{leak}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := run(context.Background(), []string{"--config", c.ConfigPath, "--db", c.DBPath, "check", "--redact"}, &out, &errOut)
	if err == nil || !strings.Contains(out.String(), "STILL SHOWN") || !strings.Contains(out.String(), "bergström household") {
		t.Errorf("check --redact with a lower-case surname stored: err %v\n%s", err, out.String())
	}
}
