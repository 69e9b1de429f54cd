// Package pdf renders an HTML page to PDF with headless Chromium.
//
// Chromium, not a Go PDF library: the printed sheet is already an HTML page
// with print CSS (two columns, page breaks kept between partners, any
// script and language the partners write in), and the maintained Go PDF
// libraries (go-pdf/fpdf, signintech/gopdf) lay out text by hand and have
// no HTML or CSS engine; a second layout would drift from what the
// browser prints. Chromium is the same engine that prints /print from a
// browser, so the PDF matches it.
package pdf

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// ErrNoChromium is returned when no Chromium or Chrome is installed.
var ErrNoChromium = errors.New("no Chromium found")

// candidates are the names Chromium and Chrome install under.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

// Config says how to find and run Chromium.
type Config struct {
	// Chromium is the browser's path; empty looks up candidates on PATH.
	Chromium string
	// Timeout bounds one rendering; default one minute.
	Timeout time.Duration
}

// FindChromium returns the path of an installed Chromium or Chrome.
func FindChromium() (string, error) {
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%w (looked for %v on PATH): install it (Debian: apt-get install chromium) or set PRAYERFEED_CHROMIUM to its path", ErrNoChromium, candidates)
}

// Render prints html to a PDF file at out. html is written to a temporary
// file and opened from there, so the page needs no server.
func Render(ctx context.Context, cfg Config, html []byte, out string) error {
	bin := cfg.Chromium
	if bin == "" {
		var err error
		if bin, err = FindChromium(); err != nil {
			return fmt.Errorf("render %s: %w", out, err)
		}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = time.Minute
	}
	dir, err := os.MkdirTemp("", "prayerfeed-pdf-")
	if err != nil {
		return fmt.Errorf("render %s: %w", out, err)
	}
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "sheet.html")
	if err := os.WriteFile(page, html, 0o600); err != nil {
		return fmt.Errorf("render %s: %w", out, err)
	}
	tmp := filepath.Join(dir, "sheet.pdf")
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run",
		"--user-data-dir="+filepath.Join(dir, "profile"),
		"--no-pdf-header-footer", "--print-to-pdf="+tmp, "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("render %s: %s: %w: %s", out, bin, err, lastLines(stderr.Bytes(), 3))
	}
	pdf, err := os.ReadFile(tmp)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return fmt.Errorf("render %s: %s wrote no PDF: %s", out, bin, lastLines(stderr.Bytes(), 3))
	}
	return writeFile(out, pdf)
}

// writeFile writes data to path through a temporary name and a rename,
// so an existing sheet is never left half-written.
func writeFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".sheet-*.pdf")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// lastLines is the end of a browser's stderr, enough to say what failed.
func lastLines(b []byte, n int) string {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte(" / ")))
}
