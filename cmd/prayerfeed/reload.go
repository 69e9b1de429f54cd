package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// reloadConfig says where serve's partners.yaml is and how to read it.
type reloadConfig struct {
	path  string
	parse func(path string, data []byte) (*config.Config, error)
	// hup delivers SIGHUP; nil in tests.
	hup <-chan os.Signal
	// every is how often the file's modification time and size are
	// looked at; default defaultReloadEvery.
	every time.Duration
}

// defaultReloadEvery is how often serve looks whether partners.yaml
// changed. Two seconds is quick enough for an admin who saves and then
// reloads the page, and a stat every two seconds costs nothing.
const defaultReloadEvery = 2 * time.Second

// reloader re-reads partners.yaml when it changes. It polls the file's
// modification time and size rather than using inotify (fsnotify): a
// poll sees every way the file is replaced (editors that write a new file
// and rename it over the old one, which ends an inotify watch on the
// file; `kubectl` ConfigMaps and Docker bind mounts, whose changes inotify
// often never reports; network file systems), needs no new dependency, and
// a stat every few seconds is free. SIGHUP reloads at once.
type reloader struct {
	rc     reloadConfig
	logger *slog.Logger
	apply  func(*config.Config)
	cur    *config.Config
	// data are the bytes of the config in use, or of the last bad edit,
	// so that an unchanged file is never parsed or reported twice.
	data     []byte
	mod      time.Time
	size     int64
	lastSeen bool
}

func newReloader(rc reloadConfig, cur *config.Config, logger *slog.Logger, apply func(*config.Config)) *reloader {
	if rc.every <= 0 {
		rc.every = defaultReloadEvery
	}
	r := &reloader{rc: rc, logger: logger, apply: apply, cur: cur}
	if fi, err := os.Stat(rc.path); err == nil {
		r.mod, r.size, r.lastSeen = fi.ModTime(), fi.Size(), true
	}
	r.data, _ = os.ReadFile(rc.path)
	return r
}

// run watches until ctx ends.
func (r *reloader) run(ctx context.Context) {
	t := time.NewTicker(r.rc.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if r.statChanged() {
				r.reload(false)
			}
		case <-r.rc.hup:
			r.statChanged()
			r.reload(true)
		}
	}
}

// statChanged reports whether the file's modification time or size
// changed since the last look.
func (r *reloader) statChanged() bool {
	fi, err := os.Stat(r.rc.path)
	if err != nil {
		if r.lastSeen {
			r.logger.Error("partners.yaml unreadable; still serving the config loaded before", "path", r.rc.path, "err", err)
		}
		r.lastSeen = false
		return false
	}
	changed := !r.lastSeen || !fi.ModTime().Equal(r.mod) || fi.Size() != r.size
	r.mod, r.size, r.lastSeen = fi.ModTime(), fi.Size(), true
	return changed
}

// reload reads, validates and applies the file. A file that does not
// validate changes nothing: every error is logged with its line, and the
// config in use stays. forced (SIGHUP) reloads even unchanged bytes.
func (r *reloader) reload(forced bool) {
	data, err := os.ReadFile(r.rc.path)
	if err != nil {
		r.logger.Error("partners.yaml unreadable; still serving the config loaded before", "path", r.rc.path, "err", err)
		return
	}
	if !forced && bytes.Equal(data, r.data) {
		return
	}
	r.data = data
	cfg, err := r.rc.parse(r.rc.path, data)
	if err != nil {
		errs := splitErrors(err)
		r.logger.Error("partners.yaml not reloaded: fix these and save again; still serving the config loaded before",
			"path", r.rc.path, "errors", len(errs))
		for _, e := range errs {
			r.logger.Error("partners.yaml", "err", e.Error())
		}
		return
	}
	changes := configChanges(r.cur, cfg)
	r.apply(cfg)
	r.cur = cfg
	r.logger.Info("partners.yaml reloaded", "path", r.rc.path, "changes", len(changes))
	for _, c := range changes {
		r.logger.Info("config changed", "what", c)
	}
}

// splitErrors lists the errors joined in err.
func splitErrors(err error) []error {
	var j interface{ Unwrap() []error }
	if errors.As(err, &j) {
		return j.Unwrap()
	}
	return []error{err}
}
