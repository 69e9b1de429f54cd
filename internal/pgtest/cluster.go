// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb
// into a temporary directory, the server on a free loopback port with its
// socket in that directory, and a fresh database per test. Tests use the
// real server, as they use a real SQLite file.
package pgtest

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNoPostgres means the PostgreSQL server programs are not installed.
var ErrNoPostgres = errors.New("PostgreSQL server programs (initdb, postgres) not found")

// Cluster is one running PostgreSQL server with its data directory.
type Cluster struct {
	dir  string
	port int
	cmd  *exec.Cmd
	done chan error

	mu    sync.Mutex
	admin *pgx.Conn
	n     int
}

// BinDir finds the directory of initdb and postgres: pg_config's bindir,
// Debian's /usr/lib/postgresql/VERSION/bin (15, else the newest), or
// initdb's directory on PATH.
func BinDir() (string, error) {
	var dirs []string
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		dirs = append(dirs, strings.TrimSpace(string(out)))
	}
	// Debian keeps the server programs off PATH, in the version's own
	// directory; the newest is tried after 15.
	dirs = append(dirs, "/usr/lib/postgresql/15/bin")
	versions, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(versions, func(a, b string) int { return cmp.Compare(versionOf(b), versionOf(a)) })
	dirs = append(dirs, versions...)
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dirs = append(dirs, filepath.Dir(p))
	}
	for _, d := range dirs {
		if isFile(filepath.Join(d, "initdb")) && isFile(filepath.Join(d, "postgres")) {
			return d, nil
		}
	}
	return "", fmt.Errorf("%w in %s (Debian: apt-get install postgresql)", ErrNoPostgres, strings.Join(dirs, ", "))
}

// versionOf is the major version in /usr/lib/postgresql/VERSION/bin.
func versionOf(dir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return v
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// Start creates and starts a cluster in a new temporary directory. When
// run as root it runs initdb and the server as an unprivileged user
// (postgres, else nobody), since both refuse to run as root. The server is
// this process's child, started without pg_ctl's daemonizing, so it dies
// with a test binary that panics or times out instead of lingering.
func Start(ctx context.Context) (*Cluster, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	owner, err := unprivileged()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(owner.tempBase(), "pgtest-")
	if err != nil {
		return nil, err
	}
	c := &Cluster{dir: dir}
	if err := c.start(ctx, bin, owner); err != nil {
		c.Stop()
		return nil, fmt.Errorf("start PostgreSQL in %s: %w", dir, err)
	}
	return c, nil
}

func (c *Cluster) start(ctx context.Context, bin string, owner *account) error {
	if err := owner.own(c.dir); err != nil {
		return err
	}
	data := filepath.Join(c.dir, "data")
	initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres",
		"--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync")
	owner.apply(initdb)
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb: %w: %s", err, tail(out))
	}
	for attempt := 0; ; attempt++ {
		err := c.serve(ctx, bin, data, owner)
		if err == nil || attempt == 4 || ctx.Err() != nil {
			return err
		}
		// Another process took the free port between the look and the listen.
	}
}

// serve starts the server on a free port and waits until it answers.
func (c *Cluster) serve(ctx context.Context, bin, data string, owner *account) error {
	port, err := freePort()
	if err != nil {
		return err
	}
	logName := filepath.Join(c.dir, "postgres.log")
	logFile, err := os.Create(logName)
	if err != nil {
		return err
	}
	defer logFile.Close()
	if err := owner.own(logName); err != nil {
		return err
	}
	// Durability is not what tests check: fsync off makes creating a
	// database per test cheap.
	c.cmd = exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-k", c.dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=300", "-c", "shared_buffers=32MB")
	c.cmd.Stdout, c.cmd.Stderr = logFile, logFile
	owner.apply(c.cmd)
	dieWithParent(c.cmd)
	if err := c.cmd.Start(); err != nil {
		return err
	}
	c.port = port
	c.done = make(chan error, 1)
	go func(cmd *exec.Cmd) { c.done <- cmd.Wait() }(c.cmd)
	deadline := time.Now().Add(60 * time.Second)
	for {
		conn, err := pgx.Connect(ctx, c.URL("postgres"))
		if err == nil {
			c.admin = conn
			return nil
		}
		select {
		case werr := <-c.done:
			c.cmd = nil
			log, _ := os.ReadFile(logName)
			return fmt.Errorf("postgres exited: %v: %s", werr, tail(log))
		case <-time.After(50 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(logName)
			return fmt.Errorf("postgres did not answer in 60s: %v: %s", err, tail(log))
		}
	}
}

// URL is the connection URL of database db, over loopback TCP.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", c.port, db)
}

// CreateDB creates a new empty database and returns its URL.
func (c *Cluster) CreateDB(ctx context.Context) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.admin == nil {
		return "", errors.New("create database: cluster stopped")
	}
	c.n++
	name := fmt.Sprintf("test%d", c.n)
	if _, err := c.admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return c.URL(name), nil
}

// Stop stops the server (fast shutdown) and removes its directory.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.admin != nil {
		c.admin.Close(context.Background())
		c.admin = nil
	}
	var err error
	if c.cmd != nil && c.cmd.Process != nil {
		c.cmd.Process.Signal(os.Interrupt)
		select {
		case <-c.done:
		case <-time.After(30 * time.Second):
			c.cmd.Process.Kill()
			<-c.done
			err = errors.New("stop PostgreSQL: killed after 30s")
		}
		c.cmd = nil
	}
	return errors.Join(err, os.RemoveAll(c.dir))
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tail is the end of a program's output, for an error message.
func tail(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}
