package main

import (
	"log/slog"
	"net"
	"net/url"
	"strconv"
)

// warnAddr warns when base_url names this machine but not the port serve
// listens on: every link in the feeds, pages and widget would then point
// at a port nothing answers on (the default base_url says :8080, and
// `serve --addr :9090` changes only where it listens). A base_url on
// another host is a reverse proxy's business and is left alone.
func warnAddr(logger *slog.Logger, baseURL string, addr net.Addr) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return
	}
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !localHost(u.Hostname()) {
		return
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	if want := tcp.AddrPort().Port(); port != strconv.Itoa(int(want)) {
		logger.Warn("base_url does not match --addr: links in feeds, pages and the widget point at a port serve is not listening on; set base_url in partners.yaml to the address readers use",
			"base_url", baseURL, "listening", addr.String())
	}
}

// localHost reports whether host names this machine.
func localHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}
