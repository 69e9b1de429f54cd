package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's chromium, or ends the test: a failure under CI
// (which installs it), a skip elsewhere.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: browser test")
	}
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium not found (CI installs Debian's chromium package): %v", err)
		}
		t.Skipf("exec.LookPath(chromium): %v; install Debian's chromium package to run the admin browser test", err)
	}
	return path
}

// TestAdminInChromium logs in, hides a point and approves the partner on
// hold by clicking through the admin pages in headless Chromium at phone
// width, and leaves a screenshot (ADMIN_SCREENSHOT=FILE.png keeps it).
func TestAdminInChromium(t *testing.T) {
	bin := chromiumPath(t)
	l, kelu := newLetters(t, letterBody(pointFamilies)), newLetters(t, keluBody)
	cfg, db := lettersConfig(t, l, kelu, rotationAll)
	base, _ := startServe(t, cfg, db, time.Hour)
	waitFor(t, "the first fetch", func() bool { return feedItems(t, base+"/feed.json") == 3 })
	fam := findItem(t, reviewList(t, cfg, db), "Pray for the families")

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(390, 844),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("chromium: %s: %v", what, err)
		}
	}
	// html reads the page. A step's POST answers with a redirect, so the
	// document a step waited on can still be replaced while it is read
	// ("No node with given id found"): read the settled page again.
	html := func() string {
		t.Helper()
		var err error
		for range 5 {
			var s string
			if s, err = chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("html"))); err == nil {
				return s
			}
			if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				t.Fatalf("chromium: wait for the page: %v", err)
			}
		}
		t.Fatalf("chromium: read the page: %v", err)
		return ""
	}
	step("open /admin", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(base+"/admin"), chromedp.WaitVisible(chromedp.ID("token")))
	loginPage := html()
	step("log in", chromedp.SendKeys(chromedp.ID("token"), "s3cret-admin"), chromedp.Submit(chromedp.ID("token")),
		chromedp.WaitVisible(chromedp.ID("i-"+fam.ID)))
	step("hide", chromedp.Click(chromedp.CSS(`#i-`+fam.ID+` form[action$="/hide"] button`)),
		chromedp.WaitVisible(chromedp.CSS(`li.hidden#i-`+fam.ID)))
	afterHide := html()
	step("approve all", chromedp.Click(chromedp.CSS(`form[action="/admin/approve-all"] button`)),
		chromedp.WaitNotPresent(chromedp.CSS(`form[action="/admin/approve-all"]`)))
	afterApprove := html()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("chromium: screenshot: %v", err)
	}
	if !strings.Contains(loginPage, "Admin token") {
		t.Errorf("login page lacks its form")
	}
	if !strings.Contains(afterHide, "hide "+fam.ID) {
		t.Errorf("the audit does not show the hide")
	}
	if strings.Contains(afterApprove, "waiting for review") {
		t.Errorf("points still wait for review after Approve all")
	}
	if n := feedItems(t, base+"/feed.json"); n != 2+2 {
		t.Errorf("feed.json has %d items after hide and approve, want 4 (ijm's 2 left, kelu's 2)", n)
	}
	path := filepath.Join(t.TempDir(), "admin-390.png")
	if p := os.Getenv("ADMIN_SCREENSHOT"); p != "" {
		path = p
	}
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot at phone width: %s (%d bytes)", path, len(shot))
}
