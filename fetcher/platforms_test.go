package fetcher_test

import (
	"testing"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

func TestPlatformFeed(t *testing.T) {
	for _, tc := range []struct {
		name, url, body, feed, platform string
	}{
		{"Mailchimp campaign archive page", "https://us5.campaign-archive.com/?u=abc123&id=def456", "", "https://us5.campaign-archive.com/feed?u=abc123&id=def456", "Mailchimp"},
		{"mailchi.mp campaign linking its archive", "https://mailchi.mp/okafor/spring", `<a href="https://us12.campaign-archive.com/home/?u=0a1b&amp;id=9f8e">Past issues</a>`, "https://us12.campaign-archive.com/feed?u=0a1b&id=9f8e", "Mailchimp"},
		{"Substack", "https://okafor.substack.com/p/spring", "<html></html>", "https://okafor.substack.com/feed", "Substack"},
		{"Substack on its own domain", "https://news.okafor.example/p/spring", `<link href="https://substackcdn.com/x.css">`, "https://news.okafor.example/feed", "Substack"},
		{"Blogspot", "https://kelu.blogspot.com/2026/03/march.html", "", "https://kelu.blogspot.com/feeds/posts/default", "Blogger"},
		{"Blogger on its own domain", "https://blog.kelu.example/", `<meta content='blogger' name='generator'/>`, "https://blog.kelu.example/feeds/posts/default", "Blogger"},
		{"WordPress", "https://okafor.example/2026/03/spring/", `<meta name="generator" content="WordPress 6.5">`, "https://okafor.example/feed/", "WordPress"},
		{"Wix", "https://www.okafor.example/blog", `<meta name="generator" content="Wix.com Website Builder">`, "https://www.okafor.example/blog-feed.xml", "Wix"},
		{"Squarespace blog page", "https://okafor.example/news", `<script src="https://static1.squarespace.com/static/x.js"></script>`, "https://okafor.example/news?format=rss", "Squarespace"},
		{"plain site", "https://okafor.example/", "<html><body>Hello</body></html>", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feed, platform := fetcher.PlatformFeed(tc.url, []byte(tc.body))
			if feed != tc.feed || platform != tc.platform {
				t.Errorf("PlatformFeed = %q, %q; want %q, %q", feed, platform, tc.feed, tc.platform)
			}
		})
	}
}

func TestViewInBrowser(t *testing.T) {
	for _, tc := range []struct{ name, letter, want string }{
		{"HTML", `<p><a href="https://mailchi.mp/okafor/spring?e=1">View this email in your browser</a></p><p>Dear friends</p>`, "https://mailchi.mp/okafor/spring?e=1"},
		{"text copied from a mail client", "View this email in your browser <https://mailchi.mp/okafor/spring>\n\nDear friends,", "https://mailchi.mp/okafor/spring"},
		{"text, URL on the next line", "Dear friends, ...\nView online:\nhttps://okafor.substack.com/p/spring\n", "https://okafor.substack.com/p/spring"},
		{"none", "Dear friends, pray for us. https://okafor.example/donate", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := fetcher.ViewInBrowser([]byte(tc.letter)); got != tc.want {
				t.Errorf("ViewInBrowser = %q, want %q", got, tc.want)
			}
		})
	}
}
