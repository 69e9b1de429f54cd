package server

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// chromium returns the path of Debian's chromium, or ends the test: a
// failure under CI (which installs it), a skip elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: browser test")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium not found (CI installs Debian's chromium package): %v", err)
		}
		t.Skipf("exec.LookPath(chromium): %v; install Debian's chromium package to run the widget test", err)
	}
	return path
}

// dumpDOM loads url in headless chromium and returns the page's DOM after
// its scripts ran.
func dumpDOM(t *testing.T, bin, url string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--disable-dev-shm-usage", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=10000", "--dump-dom", url)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", url, err, stderr.String())
	}
	return string(out)
}

// churchPage is a plain church web page with the widget snippet pasted in
// twice, as the README tells a church to do.
const churchPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Grace Church</title></head>
<body style="font-family: Georgia, serif">
<h1>Pray with us</h1>
<div id="all" data-prayerfeed data-count="10"></div>
<div id="praise" data-prayerfeed data-count="5" data-kind="praise" data-partner="ijm"></div>
<div id="week" data-prayerfeed data-this-week data-count="3"></div>
<script src="PRAYERFEED/embed.js" async></script>
</body></html>`

func TestWidgetInChromium(t *testing.T) {
	bin := chromium(t)
	e := newEnv(t, envOptions{})
	e.fill()
	e.save(hostilePoint())

	// The widget's own server, on another port than the church's page:
	// the widget loads its data from another origin.
	var mu sync.Mutex
	var feedRequests []*http.Request
	pf := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/embed-data.js") {
			mu.Lock()
			feedRequests = append(feedRequests, r.Clone(context.Background()))
			mu.Unlock()
		}
		e.server.ServeHTTP(w, r)
	}))
	t.Cleanup(pf.Close)
	// Loopback on two ports: 127.0.0.1 for the church and localhost for
	// prayerfeed, so the origins differ by host as well as port.
	pfURL := strings.Replace(pf.URL, "127.0.0.1", "localhost", 1)
	church := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// A cookie of the church's own, which must not travel to the feed.
		http.SetCookie(w, &http.Cookie{Name: "church_session", Value: "abc", Path: "/"})
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(strings.Replace(churchPage, "PRAYERFEED", pfURL, 1)))
	}))
	t.Cleanup(church.Close)

	dom := dumpDOM(t, bin, church.URL+"/")
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	if got := doc.Find("title").Text(); got != "Grace Church" {
		t.Errorf("document title = %q: hostile text ran as script", got)
	}
	all := doc.Find("#all")
	if _, ok := all.Attr("aria-busy"); ok || all.Find(".prayerfeed-item").Length() == 0 {
		t.Fatalf("#all was not rendered; DOM:\n%s", dom)
	}
	if got, want := all.Find(".prayerfeed-item").Length(), 6; got != want {
		t.Errorf("#all shows %d points, want %d (5 public + the hostile one)", got, want)
	}
	allText := all.Text()
	for _, want := range []string{"International Justice Mission", "Kelu Bible Translation", "Prayer", "Praise",
		"Pray for the literacy class teachers", hostileText} {
		if !strings.Contains(allText, want) {
			t.Errorf("#all lacks %q; it reads:\n%s", want, allText)
		}
	}
	if n := doc.Find("[data-prayerfeed] img, [data-prayerfeed] script").Length(); n != 0 {
		t.Errorf("the widget holds %d img/script elements: partner text became markup", n)
	}
	all.Find("a").Each(func(_ int, a *goquery.Selection) {
		if href, _ := a.Attr("href"); !strings.HasPrefix(href, "https://") {
			t.Errorf("widget link %q is not an http(s) URL", href)
		}
	})
	if all.Find("time[datetime]").Length() == 0 {
		t.Errorf("#all shows no dates")
	}

	praise := doc.Find("#praise .prayerfeed-item")
	if praise.Length() != 1 || !strings.Contains(praise.Text(), "Praise God for the court ruling") {
		t.Errorf("#praise (kind=praise, partner=ijm) shows %d points: %q; want the one IJM praise",
			praise.Length(), praise.Text())
	}

	week := doc.Find("#week")
	if got, want := week.Find(".prayerfeed-week").Text(), "This week we are praying for International Justice Mission, our partner in South Asia."; got != want {
		t.Errorf("#week heading = %q, want %q", got, want)
	}
	if got, want := week.Find(".prayerfeed-item").Length(), 3; got != want {
		t.Errorf("#week shows %d points, want %d (data-count)", got, want)
	}
	if strings.Contains(week.Text(), "Kelu") {
		t.Errorf("#week shows a partner not in this week's rotation: %q", week.Text())
	}

	mu.Lock()
	defer mu.Unlock()
	// Each data file once, however many widgets need it: the root one
	// (every partner, and this week's rotation) and IJM's.
	var paths []string
	for _, r := range feedRequests {
		paths = append(paths, r.URL.Path)
		if c := r.Header.Get("Cookie"); c != "" {
			t.Errorf("%s request carried cookies: %q", r.URL.Path, c)
		}
	}
	sort.Strings(paths)
	if got, want := strings.Join(paths, " "), "/embed-data.js /partners/ijm/embed-data.js"; got != want {
		t.Errorf("data files requested: %s; want %s", got, want)
	}
}
