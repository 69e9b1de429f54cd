package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// globals are the flags every command shares.
type globals struct {
	config string
	db     string
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// register adds --config and --db to fs, defaulting to what is already set,
// so they work before or after the command name.
func (g *globals) register(fs *flag.FlagSet) {
	if g.config == "" {
		g.config = envOr("PRAYERFEED_CONFIG", "partners.yaml")
	}
	if g.db == "" {
		g.db = envOr("PRAYERFEED_DB", "prayerfeed.db")
	}
	fs.StringVar(&g.config, "config", g.config, "partners.yaml to read (env PRAYERFEED_CONFIG)")
	fs.StringVar(&g.db, "db", g.db, "SQLite database file, or a postgres:// URL (env PRAYERFEED_DB)")
}

// newFlagSet returns a subcommand's flag set with the global flags on it.
func (g *globals) newFlagSet(name, args string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: prayerfeed %s %s\n\nflags:\n", name, args)
		fs.PrintDefaults()
	}
	g.register(fs)
	return fs
}

// loadConfig reads partners.yaml and applies the environment's overrides.
func (g *globals) loadConfig() (*config.Config, error) {
	data, err := os.ReadFile(g.config)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return g.parseConfig(g.config, data)
}

// parseConfig is loadConfig for bytes already read from path.
func (g *globals) parseConfig(path string, data []byte) (*config.Config, error) {
	cfg, err := config.Parse(path, data)
	if err != nil {
		return nil, err
	}
	if tok := os.Getenv("PRAYERFEED_ADMIN_TOKEN"); tok != "" {
		cfg.AdminToken = tok
	}
	return cfg, nil
}

func (g *globals) openStore(ctx context.Context) (*store.Store, error) {
	// The store's error names the database (a URL without its password).
	return store.Open(ctx, store.Config{Path: g.db})
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// checkPartnerFlag reports a --partner value partners.yaml does not name;
// an empty value means every partner.
func checkPartnerFlag(cfg *config.Config, id string) error {
	if _, ok := cfg.Partner(id); id != "" && !ok {
		return fmt.Errorf("--partner %q: no such partner in %s", id, cfg.Path)
	}
	return nil
}
