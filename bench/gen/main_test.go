package main

import "testing"

func TestSpread(t *testing.T) {
	yaml := "url: " + srcMark + "/p/0/feed.xml\nurl: " + srcMark + "/p/1/feed.xml\nurl: " + srcMark + "/p/12/feed.xml\n"
	tests := []struct {
		name  string
		bases []string
		want  string
	}{
		{"one host", []string{"http://127.0.0.1:80"},
			"url: http://127.0.0.1:80/p/0/feed.xml\nurl: http://127.0.0.1:80/p/1/feed.xml\nurl: http://127.0.0.1:80/p/12/feed.xml\n"},
		{"partner n on host n mod 2, trailing slash dropped", []string{"http://127.0.0.1:80/", "http://127.0.0.2:80"},
			"url: http://127.0.0.1:80/p/0/feed.xml\nurl: http://127.0.0.2:80/p/1/feed.xml\nurl: http://127.0.0.1:80/p/12/feed.xml\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := spread(yaml, tt.bases); got != tt.want {
				t.Errorf("spread =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
