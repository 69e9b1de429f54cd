package fetcher

import (
	"context"
	"errors"
	"strings"
	"testing"
)

const livingWaterFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Living Water Mission</title><link>https://livingwater.example/</link>
<item><title>Well number 40</title><link>/2026/07/well-40/</link><guid>lw-40</guid>
<pubDate>Tue, 14 Jul 2026 08:00:00 +0000</pubDate>
<description><![CDATA[<p>Praise: water at 80 metres in Kargi!</p>]]></description></item>
</channel></rss>`

func TestDiscoverRanksMainFeedFirst(t *testing.T) {
	body, err := readTestdata("homepage-wordpress.html")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Discover(strings.NewReader(string(body)), "https://livingwater.example/")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://livingwater.example/feed/", "https://livingwater.example/comments/feed/"}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %v", got, want)
	}
	for i, w := range want {
		if got[i].URL != w {
			t.Errorf("feed %d: %s, want %s", i, got[i].URL, w)
		}
	}
	if got[0].Title != "Living Water Mission » Feed" || got[0].Type != "application/rss+xml" {
		t.Errorf("first feed %+v", got[0])
	}
}

func TestFetchAuto(t *testing.T) {
	tests := []struct {
		name   string
		routes map[string]page
		want   string // the feed read, or "" for ErrNoFeed
	}{
		{"linked feed", map[string]page{
			"/":               {file: "homepage-wordpress.html", contentType: "text/html; charset=UTF-8"},
			"/feed/":          {body: livingWaterFeed, contentType: "application/rss+xml"},
			"/comments/feed/": {body: "<rss version='2.0'><channel><title>c</title></channel></rss>"},
		}, "/feed/"},
		{"common path when none is linked", map[string]page{
			"/":        {body: "<html><head><title>Kargi Wells</title></head><body><p>No feed links here.</p></body></html>"},
			"/rss.xml": {body: livingWaterFeed, contentType: "application/rss+xml"},
		}, "/rss.xml"},
		{"the URL is itself a feed", map[string]page{
			"/": {body: livingWaterFeed, contentType: "application/rss+xml"},
		}, "/"},
		{"no feed anywhere", map[string]page{
			"/": {body: "<html><body><p>Only a page.</p></body></html>"},
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newSite(t, tt.routes)
			res, err := NewClient(ClientConfig{}).Fetch(context.Background(), Source{PartnerID: "lw", URL: srv.URL + "/", Type: TypeAuto}, Validators{})
			if tt.want == "" {
				if !errors.Is(err, ErrNoFeed) {
					t.Fatalf("got %v, want ErrNoFeed", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if res.FeedURL != srv.URL+tt.want {
				t.Errorf("read %s, want %s", res.FeedURL, srv.URL+tt.want)
			}
			if len(res.Updates) != 1 || res.Updates[0].GUID != "lw-40" || res.Updates[0].SourceURL != srv.URL+"/" {
				t.Errorf("updates %+v", res.Updates)
			}
		})
	}
}

func TestFetchAutoRespectsRobots(t *testing.T) {
	srv := newSite(t, map[string]page{
		"/":           {file: "homepage-wordpress.html"},
		"/feed/":      {body: livingWaterFeed},
		"/robots.txt": {body: "User-agent: prayerfeed\nDisallow: /\n"},
	})
	_, err := NewClient(ClientConfig{}).Fetch(context.Background(), Source{URL: srv.URL + "/", Type: TypeAuto}, Validators{})
	if !errors.Is(err, ErrRobotsDisallowed) {
		t.Errorf("got %v, want ErrRobotsDisallowed", err)
	}
}
