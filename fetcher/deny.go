package fetcher

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// ErrForbiddenAddress is returned when DenyPrivate refuses to connect to
// a loopback, private or link-local address.
var ErrForbiddenAddress = errors.New("address not allowed")

// reserved are ranges net.IP's predicates miss that still lead inside a
// network or to this machine: "this network" (0/8), carrier-grade NAT
// (RFC 6598), benchmarking (198.18/15), the reserved 240/4, and the IPv6
// translation prefixes that embed an IPv4 address (NAT64, 6to4), which
// could otherwise smuggle 10.0.0.1 or 127.0.0.1 past the check.
var reserved = func() []*net.IPNet {
	var out []*net.IPNet
	for _, cidr := range []string{"0.0.0.0/8", "100.64.0.0/10", "198.18.0.0/15", "240.0.0.0/4", "64:ff9b::/96", "64:ff9b:1::/48", "2002::/16"} {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			panic(err)
		}
		out = append(out, n)
	}
	return out
}()

// forbiddenAddr reports whether ip is one a partner's source must not make
// us reach: this machine, its local networks, or anything not unicast.
func forbiddenAddr(ip net.IP) bool {
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsMulticast() || ip.Equal(net.IPv4bcast) {
		return true
	}
	for _, n := range reserved {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// denyControl is a net.Dialer Control function refusing forbidden
// addresses. It runs on the resolved address just before connect, for
// every connection including redirects, so DNS rebinding gains nothing.
func denyControl(forbidden func(net.IP) bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: %w", address, err)
		}
		ip := net.ParseIP(host)
		if ip == nil || forbidden(ip) {
			return fmt.Errorf("dial %s: %w", address, ErrForbiddenAddress)
		}
		return nil
	}
}
