package main

import (
	"fmt"
	"io"
	"os"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// fetchReport prints each source of a fetch cycle as it finishes, so a
// long cycle over hundreds of partners is not silent until its end, and,
// when stderr is a terminal, a progress line ("[12/37] sources done")
// rewritten in place there. Cron and log files get the plain lines only.
type fetchReport struct {
	out, term  io.Writer
	total, got int
}

func newFetchReport(stdout, stderr io.Writer, total int) *fetchReport {
	r := &fetchReport{out: stdout, total: total}
	if isTerminal(stderr) {
		r.term = stderr
	}
	return r
}

// source reports one finished source; the worker calls it one at a time.
func (r *fetchReport) source(res worker.SourceResult) {
	r.got++
	if line, ok := sourceLine(res); ok {
		r.clear()
		fmt.Fprintln(r.out, line)
	}
	if r.term != nil {
		fmt.Fprintf(r.term, "\r[%d/%d] sources done", r.got, r.total)
	}
}

// done clears the progress line.
func (r *fetchReport) done() { r.clear() }

func (r *fetchReport) clear() {
	if r.term != nil {
		fmt.Fprint(r.term, "\r\033[K")
	}
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// countSources is how many sources a cycle over partner (all when "")
// looks at.
func countSources(cfg *config.Config, partner string) int {
	n := 0
	for _, p := range cfg.Partners {
		if partner == "" || p.ID == partner {
			n += len(p.Sources)
		}
	}
	return n
}
