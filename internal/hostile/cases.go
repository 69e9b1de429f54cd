package hostile

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// Marker is in every script-like payload the xss case serves, so a test
// can tell a payload from the page's own markup.
const Marker = "XSSMARK"

// cases are the misbehaving sources. Good content inside a broken case
// names the case, so a test can find what leaked.
func cases(cfg Config) []Case {
	status := func(code int, retryAfter string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			if retryAfter != "" {
				w.Header().Set("Retry-After", retryAfter)
			}
			http.Error(w, http.StatusText(code), code)
		}
	}
	body := func(contentType string, b []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", contentType)
			w.Write(b)
		}
	}
	rss := func(items string) []byte { return []byte(feedOf(items)) }
	return []Case{
		{Name: "404", Status: 404, serve: status(404, "")},
		{Name: "410", Status: 410, serve: status(410, "")},
		{Name: "500", Status: 500, serve: status(500, "")},
		{Name: "403", Status: 403, serve: status(403, "")},
		{Name: "429", Status: 429, serve: status(429, "259200")}, // three days
		{Name: "503", Status: 503, serve: status(503, time.Now().Add(48*time.Hour).UTC().Format(http.TimeFormat))},
		{Name: "redirect-loop", serve: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, r.URL.Path, http.StatusFound)
		}},
		{Name: "redirect-file", serve: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		}},
		{Name: "reset", serve: reset},
		{Name: "truncated", Status: 0, serve: truncated},
		{Name: "not-xml", Status: 200, serve: body("text/plain", []byte("Our news moved to Facebook. God bless!\n"))},
		{Name: "html-as-feed", Status: 200, serve: body("application/rss+xml",
			[]byte("<!doctype html><html><head><title>News</title></head><body><p>Prayer: this is a page, not a feed.</p></body></html>"))},
		{Name: "binary", Status: 200, serve: body("application/rss+xml", binary())},
		{Name: "empty", Status: 200, serve: body("application/rss+xml", nil)},
		{Name: "json-garbage", Status: 200, serve: body("application/feed+json", []byte(`{"version":"https://jsonfeed.org/version/1.1","items":[{`))},
		{Name: "gzip-bomb", Status: 0, serve: gzipBomb},
		{Name: "too-large", Status: 0, serve: tooLarge},
		{Name: "slow-headers", serve: stall(cfg.Slow, false)},
		{Name: "trickle", serve: stall(cfg.Slow, true)},
		{Name: "unknown-encoding", serve: func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "br")
			w.Write([]byte("\x1b\x10\x00"))
		}},
		{Name: "billion-laughs", Want: Succeeds, serve: body("application/rss+xml", []byte(billionLaughs))},
		{Name: "xxe", Want: Succeeds, serve: body("application/rss+xml", []byte(xxe))},
		{Name: "invalid-utf8", Want: Succeeds, serve: body("application/rss+xml",
			rss(item("invalid-utf8", "Prayer: pray for the \xff\xfe invalid-utf8 team\x00 and the \x1b clinic.")))},
		{Name: "wrong-charset", Want: Succeeds, serve: body("application/rss+xml; charset=utf-8",
			latin1(feedOf(item("wrong-charset", "Prayer: pray for the café in Zürich, wrong-charset."))))},
		{Name: "latin1", Want: Succeeds, serve: body("application/rss+xml",
			latin1(strings.Replace(feedOf(item("latin1", "Prayer: pray for the café in Zürich, latin1.")), `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1)))},
		{Name: "duplicate-guids", Want: Succeeds, serve: body("application/rss+xml",
			rss(strings.Repeat(item("duplicate-guids", "Prayer: pray for duplicate-guids, once."), 5)))},
		{Name: "absurd-dates", Want: Succeeds, serve: body("application/rss+xml", rss(
			dated("absurd-dates-2999", "Fri, 01 Jan 2999 00:00:00 +0000")+
				dated("absurd-dates-1970", "Thu, 01 Jan 1970 00:00:00 +0000")+
				dated("absurd-dates-none", "")+
				dated("absurd-dates-junk", "the day after tomorrow")))},
		{Name: "xss", Want: Succeeds, serve: body("application/rss+xml", []byte(xssFeed))},
		{Name: "many-items", Want: Succeeds, serve: body("application/rss+xml", manyItems(2000))},
		{Name: "huge-item", Want: Succeeds, serve: body("application/rss+xml", rss(item("huge-item",
			"Prayer: pray for huge-item, written first.</p>"+strings.Repeat("<p>filler text</p>", 40000)+"<p>Praise: huge-item's last point, past the cap.")))},
		{Name: "deep-nesting", Status: 200, serve: body("application/rss+xml",
			[]byte(`<?xml version="1.0"?><rss version="2.0"><channel>`+strings.Repeat("<x>", 200000)))},
		{Name: "lying-content-type", Want: Succeeds, serve: body("image/png",
			rss(item("lying-content-type", "Prayer: pray for lying-content-type readers.")))},
	}
}

// feedOf wraps items in an RSS channel.
func feedOf(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title><link>https://bad.example/</link><description>d</description>
` + items + "</channel></rss>\n"
}

// item is an RSS item with guid and link derived from name and one
// paragraph of content.
func item(name, para string) string {
	return fmt.Sprintf(`<item><title>%s</title><link>https://bad.example/%s</link><guid>%s</guid><pubDate>Mon, 05 Jan 2026 09:00:00 +0000</pubDate><description><![CDATA[<p>%s</p>]]></description></item>
`, name, name, name, para)
}

// dated is an item whose pubDate is date (none when empty).
func dated(name, date string) string {
	pub := ""
	if date != "" {
		pub = "<pubDate>" + date + "</pubDate>"
	}
	return fmt.Sprintf(`<item><title>%s</title><guid>%s</guid>%s<description>&lt;p&gt;Prayer: pray for %s.&lt;/p&gt;</description></item>
`, name, name, pub, name)
}

func manyItems(n int) []byte {
	var b strings.Builder
	for i := range n {
		b.WriteString(item(fmt.Sprintf("many-items-%d", i), fmt.Sprintf("Prayer: pray for many-items number %d.", i)))
	}
	return []byte(feedOf(b.String()))
}

// latin1 encodes s, which must be Latin-1 text, as ISO-8859-1 bytes.
func latin1(s string) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return out
}

func binary() []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	for i := range 4096 {
		b = append(b, byte(i*7919>>3))
	}
	return b
}

// reset accepts the request and then drops the connection with a TCP RST.
func reset(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// truncated promises more body than it sends, then hangs up.
func truncated(w http.ResponseWriter, r *http.Request) {
	full := feedOf(item("truncated", "Prayer: pray for truncated."))
	w.Header().Set("Content-Length", fmt.Sprint(len(full)*4))
	w.Write([]byte(full[:len(full)/2]))
}

func gzipBomb(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	w.Header().Set("Content-Encoding", "gzip")
	zw := gzip.NewWriter(w)
	zw.Write([]byte(feedOf("")[:60]))
	zero := make([]byte, 1<<20)
	for range 1024 { // a gigabyte decoded, about a megabyte sent
		if _, err := zw.Write(zero); err != nil {
			return
		}
	}
	zw.Close()
}

func tooLarge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/rss+xml")
	chunk := bytes.Repeat([]byte("<!-- padding -->"), 4096)
	for range 4096 { // 256 MiB unless the client stops reading
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// stall waits for d or the client to leave; with trickle it first sends
// headers and then a byte at a time.
func stall(d time.Duration, trickle bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		deadline := time.After(d)
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-deadline:
				return
			case <-r.Context().Done():
				return
			case <-tick.C:
				if trickle {
					w.Write([]byte(" "))
					http.NewResponseController(w).Flush()
				}
			}
		}
	}
}

// billionLaughs declares exponentially nested entities; a parser that
// expanded them would need gigabytes.
const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title><link>https://bad.example/</link><description>d</description>
<item><title>&lol9;</title><guid>billion-laughs</guid><description>&lt;p&gt;Prayer: pray for billion-laughs &lol9; readers.&lt;/p&gt;</description></item>
</channel></rss>
`

// xxe asks the parser to read a local file into the feed.
const xxe = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><link>https://bad.example/</link><description>d</description>
<item><title>xxe &xxe;</title><guid>xxe</guid><description>&lt;p&gt;Prayer: pray for xxe readers &xxe; today.&lt;/p&gt;</description></item>
</channel></rss>
`

// xssFeed carries script in every place a feed can: titles, links, and
// labelled points whose text is full of markup that must not survive.
const xssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>&lt;script&gt;alert('XSSMARK')&lt;/script&gt;</title><link>javascript:alert('XSSMARK')</link><description>d</description>
<item><title>&lt;img src=x onerror=alert('XSSMARK')&gt;</title><link>javascript:alert('XSSMARK')</link><guid>xss-1</guid><pubDate>Mon, 05 Jan 2026 09:00:00 +0000</pubDate>
<description><![CDATA[
<p>Prayer: pray for xss-one <script>alert('XSSMARK')</script> and <img src="x" onerror="alert('XSSMARK')"> the <a href="javascript:alert('XSSMARK')">team</a> <b onclick="alert('XSSMARK')">now</b>.</p>
<p>Praise: thanks for xss-two <iframe src="https://evil.example/XSSMARK"></iframe><form action="https://evil.example/XSSMARK"><input name="XSSMARK"></form><style>body{display:none} /* XSSMARK */</style> <a href="/relative/xss">the relative link</a>.</p>
<p>Prayer: pray for xss-three <svg onload="alert('XSSMARK')"><script>alert('XSSMARK')</script></svg> <a href="JaVaScRiPt:alert('XSSMARK')">x</a> <a href="data:text/html,&lt;script&gt;alert('XSSMARK')&lt;/script&gt;">y</a> <span style="position:fixed;top:0;left:0;width:100%;height:100%" title="XSSMARK">z</span>.</p>
<p>Praise: thanks for xss-four <object data="https://evil.example/XSSMARK"></object><embed src="https://evil.example/XSSMARK"><math><mi xlink:href="javascript:alert('XSSMARK')">m</mi></math> <noscript><p title="</noscript><img src=x onerror=alert('XSSMARK')>"></noscript> <base href="https://evil.example/XSSMARK"> <meta http-equiv="refresh" content="0;url=javascript:alert('XSSMARK')">.</p>
]]></description></item>
</channel></rss>
`
