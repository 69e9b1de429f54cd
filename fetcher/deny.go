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

// sharedAddressSpace is carrier-grade NAT (RFC 6598), which net.IP does
// not count as private but is as internal as 10/8 on many networks.
var sharedAddressSpace = &net.IPNet{IP: net.IPv4(100, 64, 0, 0), Mask: net.CIDRMask(10, 32)}

// forbiddenAddr reports whether ip is one a partner's source must not make
// us reach: this machine, its local networks, or anything not unicast.
func forbiddenAddr(ip net.IP) bool {
	return ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() ||
		ip.IsMulticast() || sharedAddressSpace.Contains(ip) || ip.Equal(net.IPv4bcast)
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
