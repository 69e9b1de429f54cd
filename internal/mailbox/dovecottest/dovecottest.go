// Package dovecottest starts a real Dovecot IMAP server on loopback for
// the mailbox tests: its configuration, state, mail and log all in a
// temporary directory, one user with a password.
package dovecottest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/emersion/go-imap"
	"github.com/emersion/go-imap/client"
)

// User and Password are the mailbox's login.
const (
	User     = "prayer@gracechurch.example"
	Password = "hallelujah-42"
)

// Server is a running Dovecot.
type Server struct {
	// Addr is the IMAP listener, 127.0.0.1:PORT.
	Addr string
	dir  string
}

// Start runs Dovecot until the test ends, or ends the test: a failure
// under CI (which installs Debian's dovecot-imapd), a skip elsewhere.
func Start(t testing.TB) *Server {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: starts Dovecot")
	}
	bin, err := exec.LookPath("dovecot")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/dovecot"); err2 == nil {
			bin = "/usr/sbin/dovecot"
		} else if os.Getenv("CI") != "" {
			t.Fatalf("dovecot not found (CI installs Debian's dovecot-imapd): %v", err)
		} else {
			t.Skipf("dovecot not found: %v; install Debian's dovecot-imapd", err)
		}
	}
	dir, err := os.MkdirTemp("", "dovecot-")
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("KEEP_DOVECOT") == "" {
		t.Cleanup(func() { os.RemoveAll(dir) })
	}
	// Dovecot's processes run as its own users when started as root;
	// they must reach the mail directory.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mailUser, internal, login := "dovecot", "dovecot", "dovenull"
	if os.Getuid() != 0 {
		u, err := user.Current()
		if err != nil {
			t.Fatal(err)
		}
		mailUser, internal, login = u.Username, u.Username, u.Username
	}
	port := freePort(t)
	for _, d := range []string{"run", "state", "mail"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if os.Getuid() == 0 {
		if u, err := user.Lookup(mailUser); err == nil {
			uid, _ := strconv.Atoi(u.Uid)
			gid, _ := strconv.Atoi(u.Gid)
			os.Chown(filepath.Join(dir, "mail"), uid, gid)
		}
	}
	write(t, filepath.Join(dir, "passwd"), fmt.Sprintf("%s:{PLAIN}%s\n", User, Password))
	conf := fmt.Sprintf(`base_dir = %[1]s/run
state_dir = %[1]s/state
log_path = %[1]s/dovecot.log
info_log_path = %[1]s/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = %[2]s
default_internal_group = %[2]s
default_login_user = %[3]s
mail_location = maildir:%[1]s/mail/%%u
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%%u %[1]s/passwd
}
userdb {
  driver = static
  args = uid=%[4]s gid=%[4]s home=%[1]s/mail/%%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = %[5]d
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`, dir, internal, login, mailUser, port)
	confPath := filepath.Join(dir, "dovecot.conf")
	write(t, confPath, conf)
	cmd := exec.Command(bin, "-F", "-c", confPath)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start dovecot: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	s := &Server{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), dir: dir}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if c, err := net.DialTimeout("tcp", s.Addr, time.Second); err == nil {
			c.Close()
			return s
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(dir, "dovecot.log"))
			t.Fatalf("dovecot did not listen on %s: %s", s.Addr, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// URL is the imap source URL of the user's INBOX.
func (s *Server) URL() string {
	return "imap://prayer%40gracechurch.example@" + s.Addr + "/INBOX"
}

// Append puts messages in the user's INBOX, unread, over IMAP.
func (s *Server) Append(t testing.TB, msgs ...[]byte) {
	t.Helper()
	c := s.login(t)
	defer c.Logout()
	for _, m := range msgs {
		if err := c.Append("INBOX", nil, time.Now(), bytes.NewBuffer(m)); err != nil {
			t.Fatalf("append: %v", err)
		}
	}
}

// Flags returns each INBOX message's flags, in order.
func (s *Server) Flags(t testing.TB) [][]string {
	t.Helper()
	c := s.login(t)
	defer c.Logout()
	mbox, err := c.Select("INBOX", true)
	if err != nil {
		t.Fatal(err)
	}
	if mbox.Messages == 0 {
		return nil
	}
	set := new(imap.SeqSet)
	set.AddRange(1, mbox.Messages)
	ch := make(chan *imap.Message, mbox.Messages)
	if err := c.Fetch(set, []imap.FetchItem{imap.FetchFlags}, ch); err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for m := range ch {
		out = append(out, m.Flags)
	}
	return out
}

func (s *Server) login(t testing.TB) *client.Client {
	t.Helper()
	c, err := client.Dial(s.Addr)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Login(User, Password); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "dovecot.log"))
		t.Fatalf("login: %v\n%s", err, log)
	}
	return c
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func write(t testing.TB, path, s string) {
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
