// Command gen writes a partner farm to disk for the load script: N partner
// feeds of K updates each as static files under DIR/p/{n}/feed.xml, and a
// partners.yaml that points prayerfeed at them through a web server. With
// several comma-separated -src bases, partner n is fetched from base
// n mod len, as partners spread over several hosts are.
//
//	go run ./bench/gen -partners 500 -updates 20 -src http://127.0.0.1:8081 -out DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/farm"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	partners := fs.Int("partners", 500, "number of partner feeds")
	updates := fs.Int("updates", 20, "updates in each feed")
	src := fs.String("src", "", "base URL the feeds will be served from, or several, comma-separated (required)")
	site := fs.String("site", "https://prayer.bench.example", "base_url of the generated partners.yaml")
	out := fs.String("out", "", "directory to write p/{n}/feed.xml and partners.yaml into (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *src == "" || *out == "" || *partners < 1 || *updates < 1 {
		fs.Usage()
		return fmt.Errorf("want -src, -out and positive -partners and -updates")
	}
	f := farm.New(farm.Config{Partners: *partners, Updates: *updates})
	for n := range *partners {
		if err := writeFeed(f, *out, n); err != nil {
			return err
		}
	}
	yaml := filepath.Join(*out, "partners.yaml")
	if err := os.WriteFile(yaml, []byte(spread(f.PartnersYAML(srcMark, *site), strings.Split(*src, ","))), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", yaml, err)
	}
	return nil
}

// srcMark stands for the source base in the farm's partners.yaml until
// spread replaces it.
const srcMark = "http://src.invalid"

var feedURL = regexp.MustCompile(regexp.QuoteMeta(srcMark) + `/p/(\d+)/`)

// spread points partner n's feed URL at bases[n mod len(bases)].
func spread(yaml string, bases []string) string {
	return feedURL.ReplaceAllStringFunc(yaml, func(m string) string {
		n, _ := strconv.Atoi(feedURL.FindStringSubmatch(m)[1])
		return strings.TrimSuffix(bases[n%len(bases)], "/") + strings.TrimPrefix(m, srcMark)
	})
}

// writeFeed asks the farm's handler for partner n's feed, so the files hold
// exactly the bytes the in-process farm serves to tests.
func writeFeed(f *farm.Farm, dir string, n int) error {
	rec := httptest.NewRecorder()
	f.ServeHTTP(rec, httptest.NewRequest("GET", fmt.Sprintf("/p/%d/feed.xml", n), nil))
	if rec.Code != 200 {
		return fmt.Errorf("farm feed %d: status %d", n, rec.Code)
	}
	path := filepath.Join(dir, "p", fmt.Sprint(n), "feed.xml")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, rec.Body.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
