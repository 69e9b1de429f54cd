package static

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncFS flushes everything written to the file system holding dir.
func syncFS(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("build: %w", err)
	}
	defer f.Close()
	if err := unix.Syncfs(int(f.Fd())); err != nil {
		return fmt.Errorf("build: sync %s: %w", dir, err)
	}
	return nil
}
