package pgtest

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the server stopped (SIGQUIT: immediate shutdown) when
// the test binary dies without stopping it.
func dieWithParent(cmd *exec.Cmd) {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
}
