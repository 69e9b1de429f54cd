package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// runBuild writes every public route as a static file under --out (never
// a private feed: a static file has no reader token to check), each
// through a temporary name and a rename, so a web server never serves a
// half-written feed.
func runBuild(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("build", "--out DIR", stderr)
	out := fs.String("out", "", "directory to write the static site into (required)")
	force := fs.Bool("force", false, "render every file even when nothing changed since the last build")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		fs.Usage()
		return errors.New("build: --out DIR is required")
	}
	// The stamp must describe the config these pages are rendered from, so
	// the file is read once and parsed from those bytes.
	cfgBytes, err := os.ReadFile(g.config)
	if err != nil {
		return fmt.Errorf("read config: %w", err)
	}
	cfg, err := config.Parse(g.config, cfgBytes)
	if err != nil {
		return err
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	s := site.New(site.Config{Config: cfg, Store: newMemoReader(st)})
	paths := s.Paths(site.Scope{})
	files := make([]string, len(paths))
	for i, p := range paths {
		files[i] = routeFile(p)
	}
	stamp, err := buildStamp(ctx, st, cfgBytes, time.Now())
	if err != nil {
		return err
	}
	if !*force && upToDate(*out, stamp, files) {
		fmt.Fprintf(stdout, "up to date: %d files in %s\n", len(paths), *out)
		return nil
	}
	// Until this build has finished, its directory is neither up to date
	// nor fully listed: the old stamp goes, and the manifest names both the
	// old files and the new, so a build that fails half way is redone next
	// time and whatever it renamed into place is still cleaned up later.
	old, err := readManifest(*out)
	if err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(*out, stampFile)); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("build: %w", err)
	}
	if err := writeManifest(*out, union(old, files)); err != nil {
		return err
	}
	written, err := renderFiles(ctx, s, paths, files, *out)
	if err != nil {
		return err
	}
	if err := removeStale(*out, old, files); err != nil {
		return err
	}
	if err := removeAbandoned(*out, time.Now()); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	if err := writeAtomic(filepath.Join(*out, stampFile), []byte(stamp)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %d files to %s (%d unchanged)\n", written, *out, len(paths)-written)
	return nil
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
