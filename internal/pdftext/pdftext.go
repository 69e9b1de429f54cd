// Package pdftext reads the text of a PDF prayer letter in reading order,
// with running headers, footers and page numbers taken out.
//
// The words and their boxes come from poppler's pdftotext -bbox-layout,
// run as a separate program; the reading order is ours (order.go).
// Measured on two-column A4 letters printed by Chromium (see the tests)
// and noted in /work/notes/issue-17.md:
//   - pdftotext's own text modes are not enough: -layout interleaves the
//     two columns line by line, and the default mode, right on a short
//     letter, interleaves paragraphs once the columns' paragraphs line up
//     (a long letter of even paragraphs).
//   - its -bbox-layout output gives poppler's blocks (paragraphs) with
//     their boxes, ligatures already turned into letters; cutting the page
//     at its gutters and gaps (an XY cut) then reads column by column.
//     About 0.1 s a letter, most of it starting the process. Poppler is
//     GPL, which is no matter for a program we run rather than link.
//   - github.com/ledongthuc/pdf (pure Go, BSD) has no tagged release, only
//     pseudo-versions, and returns the content stream's order: right for
//     Chromium's PDFs but not for the many word processors that write a
//     page out of order; it drops paragraph breaks and leaves ligatures.
//
// A program can be bounded from outside whatever the PDF holds: pages
// (-l), time (a context), output bytes (a capped reader) and, through
// prlimit where it is installed, address space, which is what keeps a
// compression bomb from taking the machine.
package pdftext

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"time"
)

// ErrNoPdftotext is returned when poppler's pdftotext is not installed.
var ErrNoPdftotext = errors.New("pdftotext not found: install poppler-utils (Debian: apt-get install poppler-utils)")

// ErrNotPDF is returned for data that does not start like a PDF.
var ErrNotPDF = errors.New("not a PDF")

// ErrTooLarge is returned when the PDF or its text passes a cap.
var ErrTooLarge = errors.New("PDF too large")

// Config bounds one reading; every zero value means its default.
type Config struct {
	// Program is pdftotext's path; default "pdftotext" on PATH.
	Program string
	// MaxPages is how many pages are read; later pages are ignored.
	// Default 100: a prayer letter or diary runs to a few dozen.
	MaxPages int
	// MaxBytes caps the PDF itself; default 50 MiB.
	MaxBytes int64
	// MaxTextBytes caps what pdftotext writes back (XHTML, about 100
	// bytes a word); default 16 MiB.
	MaxTextBytes int64
	// MaxMemory caps pdftotext's address space where prlimit is
	// installed; default 512 MiB.
	MaxMemory int64
	// Timeout bounds one reading; default 30 s.
	Timeout time.Duration
}

func (cfg Config) withDefaults() Config {
	if cfg.Program == "" {
		cfg.Program = "pdftotext"
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = 100
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = 50 << 20
	}
	if cfg.MaxTextBytes <= 0 {
		cfg.MaxTextBytes = 16 << 20
	}
	if cfg.MaxMemory <= 0 {
		cfg.MaxMemory = 512 << 20
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return cfg
}

// IsPDF reports whether data starts like a PDF file (the header may sit
// after up to 1 KiB of junk, as readers allow).
func IsPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// Text returns the text of the PDF in data in reading order: paragraphs
// separated by blank lines, running headers, footers and page numbers
// dropped.
func Text(ctx context.Context, cfg Config, data []byte) (string, error) {
	raw, err := Raw(ctx, cfg, data)
	if err != nil {
		return "", err
	}
	pages, err := Parse(raw)
	if err != nil {
		return "", err
	}
	return Join(pages), nil
}

// Raw returns pdftotext -bbox-layout's XHTML for data: pages, blocks,
// lines and words with their boxes.
func Raw(ctx context.Context, cfg Config, data []byte) (string, error) {
	cfg = cfg.withDefaults()
	if !IsPDF(data) {
		return "", ErrNotPDF
	}
	if int64(len(data)) > cfg.MaxBytes {
		return "", fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, len(data), cfg.MaxBytes)
	}
	prog, err := exec.LookPath(cfg.Program)
	if err != nil {
		return "", ErrNoPdftotext
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	cmd := command(ctx, cfg, prog)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &limitedWriter{w: &stderr, n: 4 << 10}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("pdftotext: %w", err)
	}
	text, rerr := io.ReadAll(io.LimitReader(out, cfg.MaxTextBytes+1))
	if int64(len(text)) > cfg.MaxTextBytes {
		// Enough read: stop the program rather than drain the rest.
		cancel()
	}
	werr := cmd.Wait()
	switch {
	case int64(len(text)) > cfg.MaxTextBytes:
		return "", fmt.Errorf("%w: more than %d bytes of text", ErrTooLarge, cfg.MaxTextBytes)
	case ctx.Err() != nil:
		return "", fmt.Errorf("pdftotext: stopped after %s: %w", cfg.Timeout, ctx.Err())
	case rerr != nil:
		return "", fmt.Errorf("pdftotext: %w", rerr)
	case werr != nil:
		return "", fmt.Errorf("pdftotext: %w: %s", werr, bytes.TrimSpace(stderr.Bytes()))
	}
	return string(text), nil
}

// command is pdftotext reading stdin and writing UTF-8 text to stdout,
// under prlimit's address-space cap where prlimit is installed.
func command(ctx context.Context, cfg Config, prog string) *exec.Cmd {
	args := []string{"-q", "-bbox-layout", "-enc", "UTF-8", "-l", strconv.Itoa(cfg.MaxPages), "-", "-"}
	var cmd *exec.Cmd
	if limit, err := exec.LookPath("prlimit"); err == nil {
		cmd = exec.CommandContext(ctx, limit, append([]string{"--as=" + strconv.FormatInt(cfg.MaxMemory, 10), "--", prog}, args...)...)
	} else {
		cmd = exec.CommandContext(ctx, prog, args...)
	}
	cmd.WaitDelay = time.Second
	return cmd
}

// limitedWriter keeps the first n bytes written and drops the rest, so a
// program's stderr cannot grow without bound.
type limitedWriter struct {
	w io.Writer
	n int
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
