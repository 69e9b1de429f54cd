package config

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Mail says whose word on where a message came from prayerfeed trusts.
// Anyone can write a partner's address on the From line; a message is
// published without review only when one of TrustedHosts, the church's
// own receiving mail servers, recorded in an Authentication-Results
// header that DKIM or SPF passed for the sender's domain.
type Mail struct {
	// TrustedHosts are the authserv-ids (usually the receiving server's
	// host name, the first word of its Authentication-Results headers)
	// whose results count. Any other such header may be forged.
	TrustedHosts []string `yaml:"trusted_hosts"`
	// Forwarders are the church's own addresses (patterns as in a
	// partner's email) whose forwards of a partner's letter, when they
	// pass DKIM or SPF themselves, publish without review.
	Forwarders []string `yaml:"forwarders"`
}

func (m *Mail) validate(c *checker) {
	for i, h := range m.TrustedHosts {
		if strings.TrimSpace(h) == "" || strings.ContainsAny(h, " \t;") {
			c.add(fmt.Sprintf("mail.trusted_hosts[%d]", i), "%q: want a host name such as mx.gracechurch.example", h)
		}
	}
	for i, e := range m.Forwarders {
		if err := checkEmailPattern(e); err != nil {
			c.add(fmt.Sprintf("mail.forwarders[%d]", i), "%q: %v", e, err)
		}
	}
}

// Trusts reports whether authserv-id host is one of the trusted hosts.
func (m *Mail) Trusts(host string) bool {
	if m == nil {
		return false
	}
	for _, h := range m.TrustedHosts {
		if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(host)) {
			return true
		}
	}
	return false
}

// MatchEmail reports whether address matches one of patterns: an exact
// address in any case, or a pattern with * for any run of characters
// ("*@kelu.example", "*@*.kelu.example").
func MatchEmail(patterns []string, address string) bool {
	address = strings.ToLower(strings.TrimSpace(address))
	if address == "" {
		return false
	}
	for _, p := range patterns {
		if ok, err := path.Match(strings.ToLower(strings.TrimSpace(p)), address); err == nil && ok {
			return true
		}
	}
	return false
}

func checkEmailPattern(p string) error {
	local, domain, ok := strings.Cut(p, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return errors.New("want an address like jo@okafor.example, or *@okafor.example for any address there")
	}
	if _, err := path.Match(p, ""); err != nil {
		return errors.New("bad pattern: use * for any run of characters")
	}
	return nil
}

// validateIMAP checks an imap source: imap:// or imaps:// with a user,
// no password in the URL, and a password_env or password_file.
func (s Source) validateIMAP(c *checker, f string) {
	u, err := url.Parse(s.URL)
	if err != nil || (u.Scheme != "imap" && u.Scheme != "imaps") || u.Host == "" {
		c.add(f+".url", "%q: want imaps://USER@HOST:993/MAILBOX (USER with @ written %%40)", s.URL)
		return
	}
	if u.User == nil || u.User.Username() == "" {
		c.add(f+".url", "%q: name the mailbox's user: imaps://USER@HOST/INBOX", s.URL)
	}
	if _, has := u.User.Password(); has {
		c.add(f+".url", "a password in partners.yaml would be read by anyone who can read the file: put it in an environment variable (password_env) or a file (password_file)")
	}
	if (s.PasswordEnv == "") == (s.PasswordFile == "") {
		c.add(f+".password_env", "want one of password_env (an environment variable) or password_file (a file holding the password)")
	}
	if s.Select != nil {
		c.add(f+".select", "selectors only apply to type: page")
	}
}
