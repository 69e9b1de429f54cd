package main

import (
	"context"
	"net/http"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// TestServeReloadsPartnersYAML edits partners.yaml while serve runs: a
// partner added is fetched and published after the next cycle, a
// redaction added applies at once, and an edit that does not validate
// changes nothing and is reported with its line.
func TestServeReloadsPartnersYAML(t *testing.T) {
	ijm, smiths := newLetters(t, letterBody(pointFamilies)), newLetters(t, keluBody)
	cfgPath, db := lettersConfig(t, ijm, nil, "")
	var logs syncBuffer
	base, _ := startServeWith(t, cfgPath, db, time.Hour, func(sc *serveConfig) {
		sc.logger = newLogger(&logs)
		sc.reload = reloadConfig{path: cfgPath, parse: (&globals{}).parseConfig, every: 20 * time.Millisecond}
	})
	waitFor(t, "ijm's points", func() bool { return feedItems(t, base+"/feed.json") == 3 })
	if !strings.Contains(get(t, base+"/"), "Chennai") {
		t.Fatal("the wall lacks Chennai before the redaction")
	}
	orig, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	good := strings.Replace(string(orig), "    name: International Justice Mission\n",
		"    name: International Justice Mission\n    redact: {Chennai: a city}\n", 1) +
		"  - id: smiths\n    name: The Smiths\n    sources:\n      - type: rss\n        url: " + smiths.srv.URL + "/feed.xml\n"
	writeFile(t, cfgPath, good)
	waitFor(t, "the Smiths' points after the reload", func() bool { return feedItemsOr(t, base+"/partners/smiths/feed.json") == 2 })
	wall := get(t, base+"/")
	if strings.Contains(wall, "Chennai") || !strings.Contains(wall, "a city") {
		t.Error("the redaction added to partners.yaml did not apply to the wall")
	}
	for _, want := range []string{"partners.yaml reloaded", "partner smiths added (1 source)", "partner ijm: redact changed"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, logs.String())
		}
	}

	// A bad edit: the Smiths' URL mistyped and a partner without
	// sources. Nothing of it applies, the partners stay, and each error
	// is logged with its line.
	bad := strings.Replace(good, "url: "+smiths.srv.URL, "url: www.smiths.example", 1) +
		"  - id: jones\n    name: The Joneses\n"
	writeFile(t, cfgPath, bad)
	waitFor(t, "the bad edit reported", func() bool { return strings.Contains(logs.String(), "partners.yaml not reloaded") })
	out := logs.String()
	for _, want := range []string{"errors=2", "partners.yaml:15: partners[1].sources[0].url", "partners.yaml:16: partners[2].sources: missing"} {
		if !strings.Contains(out[strings.Index(out, "partners.yaml not reloaded"):], want) {
			t.Errorf("bad edit's log lacks %q:\n%s", want, out)
		}
	}
	if n := feedItems(t, base+"/feed.json"); n != 5 {
		t.Errorf("after a bad edit the feed has %d items, want the 5 it had", n)
	}
	resp, err := http.Get(base + "/partners/smiths/feed.json")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("after a bad edit /partners/smiths/feed.json is %d, want 200", resp.StatusCode)
	}
	if strings.Contains(get(t, base+"/"), "Chennai") {
		t.Error("after a bad edit the redaction no longer applies")
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	// A new file renamed over the old one, as most editors save.
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// feedItemsOr is feedItems, or -1 while u is not 200.
func feedItemsOr(t *testing.T, u string) int {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return -1
	}
	return feedItems(t, u)
}

// TestReloadOnSIGHUP reloads at once on SIGHUP, without waiting for the
// poll (which here never comes), and applies only a config that validates.
func TestReloadOnSIGHUP(t *testing.T) {
	l := newLetters(t, keluBody)
	cfgPath, _ := lettersConfig(t, l, nil, "")
	g := &globals{config: cfgPath}
	cur, err := g.loadConfig()
	if err != nil {
		t.Fatal(err)
	}
	hup := make(chan os.Signal)
	applied := make(chan string, 1)
	var logs syncBuffer
	r := newReloader(reloadConfig{path: cfgPath, parse: g.parseConfig, hup: hup, every: time.Hour}, cur, newLogger(&logs),
		func(cfg *config.Config) { applied <- cfg.Title })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go r.run(ctx)

	orig, _ := os.ReadFile(cfgPath)
	writeFile(t, cfgPath, strings.Replace(string(orig), "title: Test prayers", "title: Grace prayers", 1))
	hup <- syscall.SIGHUP
	select {
	case title := <-applied:
		if title != "Grace prayers" {
			t.Errorf("applied title %q, want Grace prayers", title)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("SIGHUP did not reload")
	}
	writeFile(t, cfgPath, "title: [unclosed\n")
	hup <- syscall.SIGHUP
	hup <- syscall.SIGHUP // the first was handled once this one is taken
	select {
	case title := <-applied:
		t.Errorf("a config that does not parse was applied (title %q)", title)
	default:
	}
	if !strings.Contains(logs.String(), "partners.yaml not reloaded") {
		t.Errorf("bad config not reported:\n%s", logs.String())
	}
}
