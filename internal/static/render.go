package static

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/prayerfeed/prayerfeed/internal/site"
)

// pending is a rendered file written to a temporary name, waiting to be
// renamed over its real one.
type pending struct{ tmp, path string }

// renderFiles renders each route to out/files[i] on as many goroutines as
// there are CPUs, leaving files whose bytes are already right untouched,
// and returns how many files it wrote. Every changed file is first written
// to a temporary name; one sync of the file system then makes them all
// durable before any is renamed into place. Syncing each file on its own
// cost more than half of a 500-partner build, and a rename never reveals a
// file whose bytes are not yet on disk either way.
func renderFiles(ctx context.Context, s *site.Site, routes, files []string, out string) (int, error) {
	renames, err := renderTemps(ctx, s, routes, files, out)
	defer func() {
		for _, p := range renames {
			os.Remove(p.tmp) // after a successful rename this fails harmlessly
		}
	}()
	if err != nil {
		return 0, err
	}
	if len(renames) == 0 {
		return 0, nil
	}
	if err := syncFS(out); err != nil {
		return 0, err
	}
	for _, p := range renames {
		if err := os.Rename(p.tmp, p.path); err != nil {
			return 0, fmt.Errorf("build: %w", err)
		}
	}
	return len(renames), nil
}

// renderTemps renders every route, in parallel, to temporary files.
func renderTemps(ctx context.Context, s *site.Site, routes, files []string, out string) ([]pending, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		firstErr error
		renames  []pending
		wg       sync.WaitGroup
	)
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				path := filepath.Join(out, files[i])
				tmp, err := renderTemp(ctx, s, routes[i], path)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				if tmp != "" {
					renames = append(renames, pending{tmp, path})
				}
				mu.Unlock()
			}
		}()
	}
feed:
	for _, i := range byFeed(routes) {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	return renames, firstErr
}

// renderTemp renders route and, unless path already holds exactly those
// bytes (which spares the disk and keeps the file's Last-Modified and ETag
// on a static host), writes them to a temporary file beside path.
func renderTemp(ctx context.Context, s *site.Site, route, path string) (string, error) {
	page, err := s.Render(ctx, route, nil, site.Scope{})
	if err != nil {
		return "", fmt.Errorf("build %s: %w", route, err)
	}
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, page.Body) {
		return "", nil
	}
	return writeTemp(path, page.Body)
}
