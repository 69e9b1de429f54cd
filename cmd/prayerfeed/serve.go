package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/admin"
	"github.com/prayerfeed/prayerfeed/internal/alerts"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/server"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/store"
	"github.com/prayerfeed/prayerfeed/internal/worker"
)

// runServe serves every route and fetches due sources in the background.
func runServe(ctx context.Context, g *globals, args []string, stdout, stderr io.Writer) error {
	fs := g.newFlagSet("serve", "[--addr :8080] [--every 1m]", stderr)
	addr := fs.String("addr", ":8080", "address to listen on")
	every := fs.Duration("every", time.Minute, "how often to look for due sources (each source keeps its own poll interval)")
	deadline := fs.Duration("deadline", defaultDeadline, "bound on each fetch cycle; sources not reached stay due for the next")
	var cf clientFlags
	cf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := g.loadConfig()
	if err != nil {
		return err
	}
	st, err := g.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	logger := newLogger(stderr)
	warnAddr(logger, cfg.BaseURL, ln.Addr())
	return serve(ctx, serveConfig{
		cfg: cfg, store: st, dbPath: g.db, listener: ln, every: *every, deadline: *deadline,
		fetcher: cf.client(), logger: logger,
		reload: reloadConfig{path: g.config, parse: g.parseConfig, hup: hup},
	})
}

type serveConfig struct {
	cfg   *config.Config
	store *store.Store
	// dbPath names the database for the fetch-run lock shared with
	// `prayerfeed fetch`.
	dbPath   string
	listener net.Listener
	every    time.Duration
	// deadline bounds each fetch cycle (worker.Options.Deadline).
	deadline time.Duration
	fetcher  worker.Fetcher
	logger   *slog.Logger
	// shutdownGrace is how long in-flight requests may take once ctx
	// ends; default defaultShutdownGrace.
	shutdownGrace time.Duration
	// reload, when its path is set, re-reads partners.yaml when it
	// changes or on SIGHUP.
	reload reloadConfig
}

// app is everything serve builds from one partners.yaml: swapped whole
// when the file is reloaded, so a request or a fetch cycle sees one config
// throughout.
type app struct {
	cfg     *config.Config
	handler *server.Server
	worker  *worker.Worker
}

// newApp wires the site, the admin area, the alerts and the worker for cfg.
func newApp(sc serveConfig, cfg *config.Config, metrics *server.Metrics) *app {
	checker := alerts.New(alerts.Config{Config: cfg, Store: sc.store})
	handler := server.New(server.Config{
		Site:       site.New(site.Config{Config: cfg, Store: sc.store, Sources: sc.store, Alerts: checker}),
		Store:      sc.store,
		Tokens:     sc.store,
		AdminToken: cfg.AdminToken,
		Metrics:    metrics,
		Logger:     sc.logger,
		Admin: admin.New(admin.Config{
			Config: cfg, AdminToken: cfg.AdminToken, Logger: sc.logger,
			Sessions: sc.store, Reviewer: sc.store, Corrector: sc.store, Alerter: checker,
			Mail: newMailDesk(cfg, sc.store),
		}),
	})
	w := worker.New(worker.Config{Config: cfg, Store: sc.store, Fetcher: sc.fetcher, Logger: sc.logger,
		Mail: newMailPoller(cfg, sc.store)})
	return &app{cfg: cfg, handler: handler, worker: w}
}

// serve runs the HTTP server and the background fetcher until ctx ends,
// then lets in-flight requests finish and abandons in-flight fetches, whose
// sources stay due and are fetched next time.
func serve(ctx context.Context, sc serveConfig) error {
	metrics := server.NewMetrics()
	var cur atomic.Pointer[app]
	cur.Store(newApp(sc, sc.cfg, metrics))
	logFailingSources(ctx, sc.cfg, sc.store, sc.logger, "at start")
	srv := cur.Load().handler.HTTPServer(sc.logger)
	srv.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { cur.Load().handler.ServeHTTP(w, r) })
	// kick asks the fetch loop for a cycle now: after a reload, so that a
	// partner just added is fetched at once.
	kick := make(chan struct{}, 1)
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		fetchLoop(ctx, sc, metrics, cur.Load, kick)
	}()
	digestDone := make(chan struct{})
	go func() {
		defer close(digestDone)
		if sc.cfg.Digest != nil {
			digestLoop(ctx, sc.cfg, sc.store, sc.logger)
		}
	}()
	if sc.reload.path != "" {
		r := newReloader(sc.reload, sc.cfg, sc.logger, func(cfg *config.Config) {
			cur.Store(newApp(sc, cfg, metrics))
			select {
			case kick <- struct{}{}:
			default:
			}
		})
		go r.run(ctx)
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(sc.listener) }()
	sc.logger.Info("serving", "addr", sc.listener.Addr().String(), "feed", sc.cfg.BaseURL+"/feed.atom")
	select {
	case err := <-serveErr:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	grace := sc.shutdownGrace
	if grace <= 0 {
		grace = defaultShutdownGrace
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	drained, err := server.Shutdown(shutdownCtx, srv)
	<-workerDone
	<-digestDone
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if !drained {
		sc.logger.Warn("closed connections still open after the shutdown grace period", "grace", grace)
	}
	sc.logger.Info("stopped")
	return nil
}

// defaultShutdownGrace is how long a stopping serve lets requests in
// flight finish before it closes their connections.
const defaultShutdownGrace = 10 * time.Second

// fetchLoop runs a fetch cycle now, then every sc.every and whenever kick
// fires, until ctx ends. Each cycle takes the database's fetch-run lock, so
// it never overlaps a `prayerfeed fetch` from cron on the same database,
// and so one source is never fetched twice at once. Each cycle uses the
// app current when it starts.
func fetchLoop(ctx context.Context, sc serveConfig, m *server.Metrics, current func() *app, kick <-chan struct{}) {
	t := time.NewTicker(sc.every)
	defer t.Stop()
	for first := true; ; first = false {
		a := current()
		sum, ran := fetchCycle(ctx, sc, a.worker, m, a.handler.Invalidate)
		if first && ran && sum.Failed > 0 {
			sc.logger.Warn("first fetch cycle: sources failed; the wall at / lists them, /status (admin token) has details, `prayerfeed check --live` shows what each source yields",
				"failed", sum.Failed, "fetched", sum.Fetched+sum.NotModified)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-kick:
		}
	}
}

// fetchCycle runs one cycle; ran is false when it was skipped or cut
// short.
func fetchCycle(ctx context.Context, sc serveConfig, w *worker.Worker, m *server.Metrics, changed func()) (sum worker.Summary, ran bool) {
	if sc.dbPath != "" {
		unlock, err := store.Lock(sc.dbPath)
		if err != nil {
			sc.logger.Info("fetch cycle skipped", "reason", err)
			return sum, false
		}
		defer unlock()
	}
	sum, err := w.RunOnce(ctx, worker.Options{Deadline: sc.deadline})
	if err != nil {
		return sum, false // shutting down: abandoned sources stay due
	}
	m.ObserveFetches(server.FetchOK, sum.Fetched)
	m.ObserveFetches(server.FetchNotModified, sum.NotModified)
	m.ObserveFetches(server.FetchError, sum.Failed)
	m.ObserveNewItems(sum.NewItems)
	if sum.NewItems+sum.Expired > 0 {
		changed()
	}
	if sum.Fetched+sum.Failed+sum.NotModified+sum.Unreached > 0 {
		sc.logger.Info("fetch cycle", "fetched", sum.Fetched, "not_modified", sum.NotModified,
			"failed", sum.Failed, "unreached", sum.Unreached, "new_items", sum.NewItems, "took", sum.Took.Round(time.Millisecond))
	}
	return sum, true
}
