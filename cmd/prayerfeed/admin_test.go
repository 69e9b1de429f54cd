package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// adminClient is a browser-like client: it keeps cookies, does not follow
// redirects (so each answer can be checked) and talks to serve over real
// HTTP on loopback.
type adminClient struct {
	t      *testing.T
	base   string
	cookie *http.Cookie
}

func (c *adminClient) do(method, path string, form url.Values, header http.Header) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range header {
		req.Header[k] = v
	}
	if c.cookie != nil {
		req.AddCookie(c.cookie)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp, string(b)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// page GETs an admin page and returns it with its CSRF token.
func (c *adminClient) page(path string) (string, string) {
	c.t.Helper()
	resp, body := c.do("GET", path, nil, nil)
	if resp.StatusCode != 200 {
		c.t.Fatalf("GET %s = %d\n%s", path, resp.StatusCode, body)
	}
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		c.t.Fatalf("GET %s: no CSRF field in\n%s", path, body)
	}
	return body, m[1]
}

// post submits an admin form with the session's CSRF token and wants the
// redirect back.
func (c *adminClient) post(path string, form url.Values) {
	c.t.Helper()
	_, csrf := c.page("/admin")
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", csrf)
	form.Set("back", "/admin")
	resp, body := c.do("POST", path, form, nil)
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("POST %s = %d, want 303\n%s", path, resp.StatusCode, body)
	}
}

// publicRoutes are every public route that shows points.
var publicRoutes = []string{"/", "/embed", "/feed.xml", "/feed.atom", "/feed.json", "/partners/ijm/feed.xml",
	"/partners/ijm/feed.atom", "/partners/ijm/feed.json", "/this-week.xml", "/this-week.atom", "/this-week.json",
	"/prayermate.json", "/this-week/prayermate.json", "/partners/kelu/feed.json"}

// onRoutes reports, per public route, whether its body holds text.
func onRoutes(t *testing.T, base, text string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, p := range publicRoutes {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("GET %s = %d", p, resp.StatusCode)
		}
		out[p] = strings.Contains(string(b), text)
	}
	return out
}

func wantOnRoutes(t *testing.T, base, text string, want bool, except ...string) {
	t.Helper()
	for p, has := range onRoutes(t, base, text) {
		if has != want && !containsString(except, p) {
			t.Errorf("%s shows %q: %v, want %v", p, shorten(text, 40), has, want)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// inBuild reports whether any file of a fresh static build holds text.
func inBuild(t *testing.T, cfg, db, text string) bool {
	t.Helper()
	out := t.TempDir()
	runCmd(t, "--config", cfg, "--db", db, "build", "--out", out, "--force")
	found := false
	filepath.WalkDir(out, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(path); strings.Contains(string(b), text) {
				found = true
			}
		}
		return nil
	})
	return found
}

const rotationAll = "rotation:\n  start: 2026-01-05\n  order: [[ijm, kelu]]\n"

func TestAdminOverHTTP(t *testing.T) {
	l, kelu := newLetters(t, letterBody(pointFamilies)), newLetters(t, keluBody)
	cfg, db := lettersConfig(t, l, kelu, rotationAll)
	base, _ := startServe(t, cfg, db, time.Hour)
	waitFor(t, "the first fetch", func() bool { return feedItems(t, base+"/feed.json") == 3 })
	c := &adminClient{t: t, base: base}

	t.Run("login", func(t *testing.T) {
		resp, body := c.do("GET", "/admin", nil, nil)
		if resp.StatusCode != 200 || !strings.Contains(body, `name="token"`) {
			t.Fatalf("GET /admin without a session = %d, want the login form\n%s", resp.StatusCode, body)
		}
		resp, _ = c.do("POST", "/admin/login", url.Values{"token": {"wrong"}}, nil)
		if resp.StatusCode != http.StatusUnauthorized || len(resp.Cookies()) != 0 {
			t.Fatalf("wrong token: %d with cookies %v, want 401 and none", resp.StatusCode, resp.Cookies())
		}
		resp, _ = c.do("POST", "/admin/login", url.Values{"token": {"s3cret-admin"}},
			http.Header{"X-Forwarded-Proto": {"https"}})
		if ck := resp.Cookies(); resp.StatusCode != http.StatusSeeOther || len(ck) != 1 || !ck[0].Secure {
			t.Fatalf("login behind an https proxy: %d, cookies %v; want 303 and a Secure cookie", resp.StatusCode, ck)
		}
		resp, _ = c.do("POST", "/admin/login", url.Values{"token": {"s3cret-admin"}}, nil)
		ck := resp.Cookies()
		if resp.StatusCode != http.StatusSeeOther || len(ck) != 1 {
			t.Fatalf("login: %d, cookies %v", resp.StatusCode, ck)
		}
		if !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteStrictMode || ck[0].Secure {
			t.Errorf("session cookie over plain HTTP = %+v, want HttpOnly, SameSite=Strict, not Secure", ck[0])
		}
		c.cookie = ck[0]
	})

	list := reviewList(t, cfg, db)
	fam, law, rul := findItem(t, list, "Pray for the families"), findItem(t, list, "Pray for the lawyers"),
		findItem(t, list, "Praise God")

	t.Run("csrf", func(t *testing.T) {
		resp, _ := c.do("POST", "/admin/items/"+fam.ID+"/hide", url.Values{}, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST without the CSRF token = %d, want 403", resp.StatusCode)
		}
		resp, _ = c.do("POST", "/admin/items/"+fam.ID+"/hide", url.Values{"csrf": {"forged"}}, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST with a wrong CSRF token = %d, want 403", resp.StatusCode)
		}
		anon := &adminClient{t: t, base: base}
		if resp, _ := anon.do("POST", "/admin/items/"+fam.ID+"/hide", url.Values{}, nil); resp.StatusCode != 401 {
			t.Errorf("POST without a session = %d, want 401", resp.StatusCode)
		}
		if resp, _ := anon.do("GET", "/admin/alerts.atom", nil, http.Header{"Authorization": {"Bearer nope"}}); resp.StatusCode != 401 {
			t.Errorf("alerts with a wrong Bearer token = %d, want 401", resp.StatusCode)
		}
		wantOnRoutes(t, base, pointFamilies, true, "/partners/kelu/feed.json")
	})

	t.Run("hide", func(t *testing.T) {
		etag := func() string {
			resp, err := http.Get(base + "/feed.json")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.Header.Get("ETag")
		}
		before := etag()
		c.post("/admin/items/"+fam.ID+"/hide", nil)
		if after := etag(); after == before {
			t.Errorf("feed.json ETag %s did not change with the correction", after)
		}
		wantOnRoutes(t, base, "families in Chennai", false)
		if inBuild(t, cfg, db, "families in Chennai") {
			t.Error("the static build still shows the hidden point")
		}
		// The partner changes a word: still hidden.
		l.set(0, letterBody(strings.Replace(pointFamilies, "this week", "this month", 1)))
		runCmd(t, "--config", cfg, "--db", db, "fetch", "--all")
		wantOnRoutes(t, base, "families in Chennai", false)
		if got := findItem(t, reviewList(t, cfg, db), "Pray for the families"); got.ID != fam.ID || got.State != "hidden" {
			t.Errorf("after a re-fetch with a word changed: %+v, want %s still hidden", got, fam.ID)
		}
	})

	t.Run("kind, edit, add", func(t *testing.T) {
		c.post("/admin/items/"+rul.ID+"/kind", url.Values{"kind": {"prayer"}})
		c.post("/admin/items/"+law.ID+"/edit", url.Values{"text": {"Pray for the lawyers preparing the appeal."}})
		c.post("/admin/updates/"+fam.Update+"/add", url.Values{"kind": {"praise"}, "text": {pointMissed}})
		var doc struct {
			Items []struct {
				ContentText string   `json:"summary"`
				Tags        []string `json:"tags"`
			} `json:"items"`
		}
		getJSON(t, base+"/partners/ijm/feed.json", &doc)
		got := map[string]string{}
		for _, it := range doc.Items {
			got[it.ContentText] = strings.Join(it.Tags, ",")
		}
		for text, kind := range map[string]string{pointRuling: "prayer", "Pray for the lawyers preparing the appeal.": "prayer", pointMissed: "praise"} {
			if !strings.Contains(got[text], kind) {
				t.Errorf("partner feed: %q has tags %q, want %s (feed: %v)", text, got[text], kind, got)
			}
		}
		if _, ok := got[pointLawyers]; ok || len(got) != 3 {
			t.Errorf("partner feed = %v, want the 3 corrected points only", got)
		}
	})

	t.Run("hold for review", func(t *testing.T) {
		keluText := "translators checking the Gospel of Mark"
		wantOnRoutes(t, base, keluText, false)
		if inBuild(t, cfg, db, keluText) {
			t.Fatal("the static build shows a point waiting for review")
		}
		body, _ := c.page("/admin")
		if i, j := strings.Index(body, "Waiting for review"), strings.Index(body, "Recent updates"); i < 0 || i > j ||
			!strings.Contains(body[i:j], keluText) {
			t.Errorf("the dashboard does not list kelu's points first, under Waiting for review")
		}
		c.post("/admin/approve-all", url.Values{"partner": {"kelu"}})
		wantOnRoutes(t, base, keluText, true, "/partners/ijm/feed.xml", "/partners/ijm/feed.atom", "/partners/ijm/feed.json")
	})

	t.Run("audit and bearer", func(t *testing.T) {
		anon := &adminClient{t: t, base: base}
		resp, body := anon.do("GET", "/admin", nil, http.Header{"Authorization": {"Bearer s3cret-admin"}})
		if resp.StatusCode != 200 || !strings.Contains(body, "What was changed") {
			t.Fatalf("GET /admin with the Bearer token = %d", resp.StatusCode)
		}
		for _, want := range []string{"hide " + fam.ID, "kind " + rul.ID, "edit " + law.ID, "add " + fam.Update, "approve partner kelu"} {
			if !strings.Contains(body, want) {
				t.Errorf("audit lacks %q", want)
			}
		}
		if !strings.Contains(body, "<mark") {
			t.Error("no extracted stretch is marked in the letters")
		}
	})
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := jsonDecode(resp.Body, v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func jsonDecode(r io.Reader, v any) error { return json.NewDecoder(r).Decode(v) }
