// Package static writes prayerfeed's public routes as a static site: every
// file through a temporary name and a rename, only the files whose bytes
// changed, nothing at all when nothing the pages depend on changed, and
// never a private feed (a static file has no reader token to check).
package static

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// Store is the part of the store a build reads: items, and the generation
// that says whether they changed since the last build.
type Store interface {
	site.Reader
	Generationer
}

// Config says what to build where.
type Config struct {
	// Config is the parsed partners.yaml; ConfigBytes the bytes it was
	// parsed from, which the build stamp hashes.
	Config      *config.Config
	ConfigBytes []byte
	Store       Store
	// Sources, when set, gives partners.opml the feeds sources resolved
	// to.
	Sources site.SourceLister
	// Out is the directory the site is written into.
	Out string
	// Force renders every file even when nothing changed.
	Force bool
	// Now defaults to time.Now.
	Now func() time.Time
}

// Result says what a build did.
type Result struct {
	// Files is how many files the site has; Written how many of them
	// this build wrote (the rest already held the right bytes).
	Files, Written int
	// UpToDate is set when nothing changed since the last build, which
	// then wrote nothing.
	UpToDate bool
}

// Build writes cfg.Config's public site into cfg.Out.
func Build(ctx context.Context, cfg Config) (Result, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := site.New(site.Config{Config: cfg.Config, Store: newMemoReader(cfg.Store), Now: cfg.Now, Resolved: cfg.Sources})
	paths := s.Paths(site.Scope{})
	files := make([]string, len(paths))
	for i, p := range paths {
		files[i] = routeFile(p)
	}
	res := Result{Files: len(paths)}
	stamp, err := buildStamp(ctx, cfg.Store, cfg.ConfigBytes, cfg.Now())
	if err != nil {
		return res, err
	}
	if !cfg.Force && upToDate(cfg.Out, stamp, files) {
		res.UpToDate = true
		return res, nil
	}
	// Until this build has finished, its directory is neither up to date
	// nor fully listed: the old stamp goes, and the manifest names both the
	// old files and the new, so a build that fails half way is redone next
	// time and whatever it renamed into place is still cleaned up later.
	old, err := readManifest(cfg.Out)
	if err != nil {
		return res, err
	}
	if err := os.Remove(filepath.Join(cfg.Out, StampFile)); err != nil && !os.IsNotExist(err) {
		return res, fmt.Errorf("build: %w", err)
	}
	if err := writeManifest(cfg.Out, union(old, files)); err != nil {
		return res, err
	}
	res.Written, err = renderFiles(ctx, s, paths, files, cfg.Out)
	if err != nil {
		return res, err
	}
	if err := removeStale(cfg.Out, old, files); err != nil {
		return res, err
	}
	if err := removeAbandoned(cfg.Out, cfg.Now()); err != nil {
		return res, fmt.Errorf("build: %w", err)
	}
	if err := writeAtomic(filepath.Join(cfg.Out, StampFile), []byte(stamp)); err != nil {
		return res, err
	}
	return res, nil
}

// routeFile is the file a route is written to: a route that ends in "/"
// or has no extension is a directory with an index.html, which is what
// static hosts serve for it ("/" → index.html, "/embed" → embed/index.html).
func routeFile(route string) string {
	rel := strings.TrimPrefix(route, "/")
	if rel == "" || strings.HasSuffix(rel, "/") || path.Ext(rel) == "" {
		rel = strings.TrimSuffix(rel, "/") + "/index.html"
	}
	return filepath.FromSlash(strings.TrimPrefix(rel, "/"))
}

// writeAtomic writes data to path through a temporary file in the same
// directory and a rename, which replaces the old file in one step.
func writeAtomic(path string, data []byte) error {
	tmp, err := writeTemp(path, data)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // after a successful rename this fails harmlessly
	f, err := os.Open(tmp)
	if err != nil {
		return err
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

// writeTemp writes data to a new temporary file beside path, to be renamed
// over it once its bytes are safely on disk.
func writeTemp(path string, data []byte) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return "", err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	return tmp.Name(), nil
}
