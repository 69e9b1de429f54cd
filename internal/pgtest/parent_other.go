//go:build !linux

package pgtest

import "os/exec"

// dieWithParent does nothing where the system cannot tie a child's life
// to its parent's; Main's Stop still stops the server.
func dieWithParent(*exec.Cmd) {}
