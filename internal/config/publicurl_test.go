package config

import "testing"

func TestPublicURL(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "https://ijm.example/feed.xml", "https://ijm.example/feed.xml"},
		{"userinfo", "https://user:s3cret@kelu.example/feed", "https://kelu.example/feed"},
		{"user only", "https://user@kelu.example/feed", "https://kelu.example/feed"},
		{"access key", "https://x.example/feed?access_key=abc123&lang=en", "https://x.example/feed?lang=en"},
		{"token and api key", "https://x.example/f?Token=1&apiKey=2&page=3", "https://x.example/f?page=3"},
		{"signature", "https://x.example/f?X-Amz-Signature=ff&id=1", "https://x.example/f?id=1"},
		{"harmless query kept byte for byte", "https://x.example/f?b=2&a=1", "https://x.example/f?b=2&a=1"},
		{"not a URL", "not a url", "not a url"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := PublicURL(tt.in); got != tt.want {
				t.Errorf("PublicURL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestPublicText(t *testing.T) {
	in := `Get "https://user:pw@x.example/feed?access_key=k1": dial tcp: refused`
	want := `Get "https://x.example/feed": dial tcp: refused`
	if got := PublicText(in); got != want {
		t.Errorf("PublicText = %q, want %q", got, want)
	}
}
