package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/demo"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// runDemo serves bundled sample partner sources on loopback, fetches them
// into a throwaway database (unless --db names one), and serves the result.
func runDemo(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("demo", "[--addr :8080]", stderr)
	addr := fs.String("addr", ":8080", "address to serve the demo feeds on")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if g.db == "prayerfeed.db" {
		dir, err := os.MkdirTemp("", "prayerfeed-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		g.db = filepath.Join(dir, "demo.db")
	}
	srcLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("demo sources: %w", err)
	}
	srcSrv := &http.Server{Handler: demo.Sources(), ReadHeaderTimeout: 5 * time.Second}
	go srcSrv.Serve(srcLn)
	defer srcSrv.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	site := fmt.Sprintf("http://localhost:%d", ln.Addr().(*net.TCPAddr).Port)
	cfg, err := demo.Config("http://"+srcLn.Addr().String(), site)
	if err != nil {
		return err
	}
	cfg.AdminToken = os.Getenv("PRAYERFEED_ADMIN_TOKEN")
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	logger := newLogger(stderr)
	client := fetcher.NewClient(fetcher.ClientConfig{})
	sum, err := worker.New(worker.Config{Config: cfg, Store: st, Fetcher: client, Logger: logger}).
		RunOnce(ctx, worker.Options{All: true})
	if err != nil {
		return err
	}
	printSummary(stdout, sum)
	fmt.Fprintf(stdout, "\nprayerfeed demo is running: open %s/ (feeds: %s/feed.atom, %s/feed.xml, %s/feed.json)\n",
		site, site, site, site)
	return serve(ctx, serveConfig{cfg: cfg, store: st, dbPath: g.db, listener: ln, every: time.Minute, fetcher: client, logger: logger})
}
