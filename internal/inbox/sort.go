package inbox

import (
	"fmt"
	"strings"

	"github.com/emersion/go-msgauth/authres"
	"golang.org/x/net/publicsuffix"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

// The states a delivered message ends in.
const (
	// StatePublished: its points are published (or wait only because the
	// partner is on review: hold).
	StatePublished = "published"
	// StateHeld: its points wait for an admin, because where it came
	// from could not be verified.
	StateHeld = "held"
	// StateUnmatched: it is from no partner; kept for the admin.
	StateUnmatched = "unmatched"
	// StateUnreadable: it could not be read; kept for the admin.
	StateUnreadable = "unreadable"
)

// Sorting is which partner a message is from and whether that is proven.
type Sorting struct {
	Partner *config.Partner
	// Sender is the address the partner was matched by: From, or the
	// address a forwarded letter was from.
	Sender string
	// Verified is true when a trusted host's Authentication-Results show
	// DKIM or SPF passing for the sender's domain (or, for a forward, for
	// one of mail.forwarders).
	Verified bool
	// Reason says why the message is held or unmatched.
	Reason string
}

// Sort finds m's partner: the one whose email matches From, else the one
// whose email matches the address a forwarded letter was from. partnerID,
// when set (ingest --partner), names the partner instead, but From must
// still be one of its addresses for the message to publish unreviewed.
func Sort(cfg *config.Config, m *Message, partnerID string) Sorting {
	fwdFrom, forwarded := forwardedSender(m)
	var s Sorting
	switch {
	case partnerID != "":
		if p, ok := cfg.Partner(partnerID); ok {
			s.Partner, s.Sender = &p, m.From
		}
	default:
		if p := partnerByEmail(cfg, m.From); p != nil {
			s.Partner, s.Sender = p, m.From
		} else if p := partnerByEmail(cfg, fwdFrom); p != nil && forwarded {
			s.Partner, s.Sender = p, fwdFrom
		}
	}
	if s.Partner == nil {
		s.Reason = fmt.Sprintf("from %s, which is no partner's address (add it to the partner's email in partners.yaml, or ingest it with --partner)", orUnknown(m.From))
		if forwarded && fwdFrom != "" {
			s.Reason = fmt.Sprintf("from %s, forwarding a letter from %s; neither is a partner's address", orUnknown(m.From), fwdFrom)
		}
		return s
	}
	s.Verified, s.Reason = verify(cfg, s.Partner, m, s.Sender != m.From)
	return s
}

// verify says whether m's origin is proven for partner p; viaForward is
// set when p was matched by a forwarded letter's sender.
func verify(cfg *config.Config, p *config.Partner, m *Message, viaForward bool) (bool, string) {
	switch {
	case viaForward && (cfg.Mail == nil || !config.MatchEmail(cfg.Mail.Forwarders, m.From)):
		return false, fmt.Sprintf("forwarded by %s, who is not in mail.forwarders", orUnknown(m.From))
	case !viaForward && !config.MatchEmail(p.Email, m.From):
		return false, fmt.Sprintf("from %s, which is not among %s's addresses", orUnknown(m.From), p.ID)
	}
	domain := domainOf(m.From)
	if cfg.Mail == nil || len(cfg.Mail.TrustedHosts) == 0 {
		return false, "no mail.trusted_hosts in partners.yaml, so no Authentication-Results can be trusted"
	}
	var seen []string
	for _, v := range m.AuthResults {
		id, results, err := authres.Parse(v)
		if err != nil || !cfg.Mail.Trusts(id) {
			continue
		}
		for _, r := range results {
			switch r := r.(type) {
			case *authres.DKIMResult:
				seen = append(seen, "dkim="+string(r.Value)+" ("+r.Domain+")")
				if r.Value == authres.ResultPass && sameOrg(r.Domain, domain) {
					return true, ""
				}
			case *authres.SPFResult:
				seen = append(seen, "spf="+string(r.Value)+" ("+domainOf(r.From)+")")
				if r.Value == authres.ResultPass && sameOrg(domainOf(r.From), domain) {
					return true, ""
				}
			}
		}
	}
	if len(seen) == 0 {
		return false, fmt.Sprintf("from %s, but no Authentication-Results from a trusted host (%s)", m.From, strings.Join(cfg.Mail.TrustedHosts, ", "))
	}
	return false, fmt.Sprintf("from %s, but neither DKIM nor SPF passed for %s: %s", m.From, domain, strings.Join(seen, ", "))
}

// forwardedSender is the address a forwarded letter in m was from, and
// whether m forwards one at all.
func forwardedSender(m *Message) (string, bool) {
	if m.Forwarded != nil {
		return m.Forwarded.From, true
	}
	if a, ok := ForwardedFrom(m.Text); ok {
		return a, true
	}
	if m.HTML != "" {
		return ForwardedFrom(htmlText(m.HTML))
	}
	return "", false
}

func partnerByEmail(cfg *config.Config, addr string) *config.Partner {
	if addr == "" {
		return nil
	}
	for i := range cfg.Partners {
		if config.MatchEmail(cfg.Partners[i].Email, addr) {
			return &cfg.Partners[i]
		}
	}
	return nil
}

// domainOf is the domain of an address, or of "user@domain" in SPF's
// smtp.mailfrom (which may also be a bare domain).
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		addr = addr[i+1:]
	}
	return strings.ToLower(strings.Trim(addr, "<> "))
}

// sameOrg reports whether two domains belong to one organisation (the
// relaxed alignment of DMARC): mail.okafor.example and okafor.example do,
// okafor.example and other.example do not.
func sameOrg(a, b string) bool {
	a, b = strings.ToLower(strings.TrimSuffix(a, ".")), strings.ToLower(strings.TrimSuffix(b, "."))
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	oa, err1 := publicsuffix.EffectiveTLDPlusOne(a)
	ob, err2 := publicsuffix.EffectiveTLDPlusOne(b)
	return err1 == nil && err2 == nil && oa == ob
}

func orUnknown(addr string) string {
	if addr == "" {
		return "an unknown sender"
	}
	return addr
}
