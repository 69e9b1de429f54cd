package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"strings"
	"testing"
)

// TestFetchPrintsNoCredentials: fetch's summary and log name each source
// by its URL without userinfo or access keys, for a source that answers
// and for one that fails (whose error quotes the URL).
func TestFetchPrintsNoCredentials(t *testing.T) {
	_, cfg, db := farmSetup(t, 1, 2)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close() // a port nobody listens on: the fetch fails
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	yaml := strings.Replace(string(data), "url: http://", "url: http://reader:s3cret@", 1)
	yaml = strings.Replace(yaml, "/feed.xml", "/feed.xml?access_key=K123", 1)
	yaml += `  - id: gone
    name: Gone Mission
    sources:
      - {type: rss, url: "` + strings.Replace(dead, "http://", "http://u:pw4@", 1) + `/feed?token=T456"}
`
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	run(context.Background(), []string{"--config", cfg, "--db", db, "fetch"}, &out, &errOut)
	all := out.String() + errOut.String()
	if !strings.Contains(all, "FAIL gone") {
		t.Fatalf("fetch did not report the failing source:\n%s", all)
	}
	for _, secret := range []string{"s3cret", "K123", "pw4", "T456"} {
		if strings.Contains(all, secret) {
			t.Errorf("fetch printed %q:\n%s", secret, all)
		}
	}
}
