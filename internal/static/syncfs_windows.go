package static

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// syncFS flushes the temporary files a build wrote under dir: Windows has
// no call that flushes a whole file system for a normal user, so each
// file is flushed on its own.
func syncFS(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), ".") || !strings.Contains(d.Name(), ".tmp") {
			return err
		}
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("build: %w", err)
		}
		defer f.Close()
		if err := f.Sync(); err != nil {
			return fmt.Errorf("build: sync %s: %w", path, err)
		}
		return nil
	})
}
