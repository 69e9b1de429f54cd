package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/static"
)

// runBuild writes every public route as a static file under --out.
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
	res, err := static.Build(ctx, static.Config{Config: cfg, ConfigBytes: cfgBytes, Store: st, Sources: st, Out: *out, Force: *force})
	if err != nil {
		return err
	}
	warnEmptyBuild(ctx, cfg, st, stderr)
	if res.UpToDate {
		fmt.Fprintf(stdout, "up to date: %d files in %s\n", res.Files, *out)
		return nil
	}
	fmt.Fprintf(stdout, "wrote %d files to %s (%d unchanged)\n", res.Written, *out, res.Files-res.Written)
	return nil
}
