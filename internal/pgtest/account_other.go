//go:build !unix

package pgtest

import "os/exec"

// account is the user initdb and postgres run as; elsewhere than Unix,
// this process's own.
type account struct{}

func unprivileged() (*account, error)  { return nil, nil }
func (a *account) own(string) error    { return nil }
func (a *account) apply(cmd *exec.Cmd) {}
func (a *account) tempBase() string    { return "" }
