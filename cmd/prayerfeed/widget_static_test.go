package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
)

// praiseBody is a letter with two praise points.
const praiseBody = `<h3>Praise</h3><ul><li>Praise God for twelve new readers in the Kelu literacy class this spring.</li>
<li>Thank God for the safe arrival of the printed Gospel of Mark in the coastal villages.</li></ul>`

// dumpDOM loads u in headless Chromium and returns the DOM once its
// scripts ran.
func dumpDOM(t *testing.T, bin, u string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--disable-dev-shm-usage", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=10000", "--dump-dom", u)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium --dump-dom %s: %v\n%s", u, err, stderr.String())
	}
	return string(out)
}

// staticSite fetches two partners (three praise points among six) and
// builds the site into a directory served by a plain static file server
// on loopback, which sends no CORS header, as a static host would. It
// returns the site's URL, which is also its base_url.
func staticSite(t *testing.T) string {
	t.Helper()
	ijm, kelu := newLetters(t, letterBody(pointFamilies)), newLetters(t, praiseBody, keluBody)
	out := t.TempDir()
	host := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(host.Close)
	cfg, db := lettersConfig(t, ijm, kelu, "")
	// base_url is where the site is hosted; review: hold is for another test.
	writeFile(t, cfg, strings.Replace(strings.Replace(readFile(t, cfg), "https://prayer.example", host.URL, 1), "    review: hold\n", "", 1))
	runCmd(t, "--config", cfg, "--db", db, "fetch")
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out)
	return host.URL
}

// church serves one page of a church's own site, on another origin than
// the prayer site (localhost, not 127.0.0.1).
func church(t *testing.T, page string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(srv.Close)
	return strings.Replace(srv.URL, "127.0.0.1", "localhost", 1) + "/"
}

// TestStaticWidgetsInChromium embeds the script widget and the iframe
// widget of a static build, hosted by a plain static file server, in a
// church's page on another origin: data-count and data-kind are honoured
// exactly, and the iframe reads its query and sizes itself to its content.
func TestStaticWidgetsInChromium(t *testing.T) {
	bin := chromiumPath(t)
	site := staticSite(t)
	page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Grace Church</title></head><body>
<h1>Pray with us</h1>
<div id="praise" data-prayerfeed data-count="2" data-kind="praise"></div>
<div id="kelu" data-prayerfeed data-count="10" data-partner="kelu" data-kind="prayer"></div>
<div id="week" data-prayerfeed data-this-week data-partner="ijm"></div>
<iframe id="frame" class="prayerfeed" src="` + site + `/embed/?count=2&kind=praise&this_week=0&theme=dark" title="Prayer points" style="width:100%;border:0" height="100"></iframe>
<script src="` + site + `/embed.js" async></script>
<script>
addEventListener("message", function (e) {
  var frames = document.querySelectorAll("iframe.prayerfeed");
  for (var i = 0; i < frames.length; i++) {
    if (e.source === frames[i].contentWindow && e.data && e.data.prayerfeedHeight) {
      frames[i].style.height = e.data.prayerfeedHeight + "px";
    }
  }
});
</script>
</body></html>`
	dom := dumpDOM(t, bin, church(t, page))
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	praise := doc.Find("#praise .prayerfeed-item")
	if praise.Length() != 2 || praise.Filter(".prayerfeed-praise").Length() != 2 {
		t.Errorf("data-count=2 data-kind=praise shows %d points (%d praise), want exactly 2 praise:\n%s",
			praise.Length(), praise.Filter(".prayerfeed-praise").Length(), doc.Find("#praise").Text())
	}
	kelu := doc.Find("#kelu .prayerfeed-item")
	if kelu.Length() != 2 || !strings.Contains(kelu.Text(), "translators") || strings.Contains(kelu.Text(), "Chennai") {
		t.Errorf("data-partner=kelu data-kind=prayer shows %d points: %q; want Kelu's 2 prayers", kelu.Length(), kelu.Text())
	}
	if got := doc.Find("#week .prayerfeed-week").Text(); got != "" {
		t.Errorf("this week's rotation is empty, yet the widget says %q", got)
	}

	style, _ := doc.Find("#frame").Attr("style")
	h := 0
	if _, v, ok := strings.Cut(style, "height:"); ok {
		h, _ = strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(strings.Split(v, ";")[0]), "px")))
	}
	t.Logf("iframe sized to %dpx", h)
	if h < 120 {
		t.Errorf("the iframe was not sized to its content by postMessage: style %q", style)
	}

	// The iframe's own page, as the frame loaded it.
	fdom := dumpDOM(t, bin, site+"/embed/?count=2&kind=praise&this_week=0&theme=dark")
	fdoc, err := goquery.NewDocumentFromReader(strings.NewReader(fdom))
	if err != nil {
		t.Fatal(err)
	}
	items := fdoc.Find("#prayerfeed-frame .prayerfeed-item")
	if items.Length() != 2 || items.Filter(".prayerfeed-praise").Length() != 2 {
		t.Errorf("static iframe ?count=2&kind=praise shows %d points: %q", items.Length(), items.Text())
	}
	if n := fdoc.Find(".this-week, .prayerfeed-frame-week").Length(); n != 0 {
		t.Errorf("this_week=0 left %d this-week blocks", n)
	}
	if th, _ := fdoc.Find("html").Attr("data-theme"); th != "dark" {
		t.Errorf("theme=dark: html data-theme = %q", th)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
