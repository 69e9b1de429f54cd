// Package smtptest runs a real SMTP server for tests: Debian's aiosmtpd
// on loopback, delivering to a Maildir the test reads back.
package smtptest

import (
	"bufio"
	"fmt"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Python is Debian's interpreter, which has python3-aiosmtpd; the python3
// first on PATH may be another.
const Python = "/usr/bin/python3"

// Require fails (under CI) or skips the test when aiosmtpd is missing.
func Require(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: SMTP server test")
	}
	if err := exec.Command(Python, "-c", "import aiosmtpd").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s cannot import aiosmtpd (%v); install Debian package python3-aiosmtpd", Python, err)
		}
		t.Skipf("%s cannot import aiosmtpd (exec: %v); install Debian package python3-aiosmtpd (CI fails here)", Python, err)
	}
}

// Server is a running aiosmtpd.
type Server struct {
	Port    int
	Maildir string
}

// Start starts aiosmtpd on a free loopback port until the test ends: the
// stock server (python3 -m aiosmtpd) when user is empty, else
// smtpauth.py, which demands that user and password.
func Start(t testing.TB, user, password string) *Server {
	t.Helper()
	Require(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	s := &Server{Port: port, Maildir: filepath.Join(t.TempDir(), "Maildir")}
	var cmd *exec.Cmd
	if user == "" {
		cmd = exec.Command(Python, "-m", "aiosmtpd", "-n", "-l", fmt.Sprintf("127.0.0.1:%d", port),
			"-c", "aiosmtpd.handlers.Mailbox", s.Maildir)
	} else {
		_, here, _, _ := runtime.Caller(0)
		cmd = exec.Command(Python, filepath.Join(filepath.Dir(here), "smtpauth.py"), fmt.Sprint(port), s.Maildir, user, password)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	for deadline := time.Now().Add(15 * time.Second); ; {
		if greeted(port) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("aiosmtpd did not start on port %d:\n%s", port, stderr.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// greeted reports whether an SMTP server on port sends its 220 greeting.
func greeted(port int) bool {
	c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, _ := bufio.NewReader(c).ReadString('\n')
	return strings.HasPrefix(line, "220")
}

// Messages reads every message delivered so far.
func (s *Server) Messages(t testing.TB) []*mail.Message {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(s.Maildir, "new", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []*mail.Message
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out = append(out, m)
	}
	return out
}
