//go:build unix && !linux

package static

import "syscall"

// syncFS flushes everything written, where there is no syncfs(2) to limit
// it to one file system: macOS and the BSDs.
func syncFS(dir string) error {
	syscall.Sync()
	return nil
}
