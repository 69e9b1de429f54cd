package static

import (
	"path/filepath"
	"testing"
)

func TestRouteFile(t *testing.T) {
	tests := []struct{ route, want string }{
		{"/", "index.html"},
		{"/embed", "embed/index.html"},
		{"/embed.js", "embed.js"},
		{"/feed.atom", "feed.atom"},
		{"/partners/ijm/feed.json", "partners/ijm/feed.json"},
		{"/calendar.ics", "calendar.ics"},
	}
	for _, tt := range tests {
		t.Run(tt.route, func(t *testing.T) {
			if got := filepath.ToSlash(routeFile(tt.route)); got != tt.want {
				t.Errorf("routeFile(%q) = %q, want %q", tt.route, got, tt.want)
			}
		})
	}
}
