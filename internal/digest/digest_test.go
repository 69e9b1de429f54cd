package digest_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/prayerfeed/prayerfeed/internal/digest"
	"github.com/prayerfeed/prayerfeed/internal/digest/smtptest"
	"github.com/prayerfeed/prayerfeed/internal/site"
	"github.com/prayerfeed/prayerfeed/internal/site/sitetest"
	"github.com/prayerfeed/prayerfeed/internal/store"
)

// parts reads a multipart/alternative message's parts by media type.
func parts(t *testing.T, m *mail.Message) map[string]string {
	t.Helper()
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q (%v), want multipart/alternative", m.Header.Get("Content-Type"), err)
	}
	out := map[string]string{}
	r := multipart.NewReader(m.Body, params["boundary"])
	for {
		p, err := r.NextRawPart()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		var body io.Reader = p
		if p.Header.Get("Content-Transfer-Encoding") == "quoted-printable" {
			body = quotedprintable.NewReader(p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatal(err)
		}
		pt, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		out[pt] = string(b)
	}
}

// digestYAML configures the weekly e-mail to the loopback server.
func digestYAML(port int, user string) string {
	y := fmt.Sprintf("digest:\n  host: 127.0.0.1\n  port: %d\n  tls: none\n  from: Grace Church prayer <prayer@grace.example>\n  to: [team@grace.example, pastor@grace.example]\n", port)
	if user != "" {
		y += "  user: " + user + "\n"
	}
	return y
}

type church struct {
	sender *digest.Sender
	store  *store.Store
	clock  *sitetest.Clock
}

func newChurch(t *testing.T, port int, user, password string) *church {
	t.Helper()
	cfg, st, clk := sitetest.Weeks(t, digestYAML(port, user))
	s := site.New(site.Config{Config: cfg, Store: st, Now: clk.Now})
	return &church{
		sender: digest.New(digest.Config{Digest: cfg.Digest, Weeks: s, Store: st, Password: password, Now: clk.Now}),
		store:  st, clock: clk,
	}
}

func TestSendDeliversOneMultipartMessageAWeek(t *testing.T) {
	srv := smtptest.Start(t, "", "")
	c := newChurch(t, srv.Port, "", "")
	ctx := context.Background()
	// Wednesday 21 January: the week ending Monday 19 January 7:00 is due.
	c.clock.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
	res, err := c.sender.Send(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Sent || res.Week != "2026-01-19" || res.Points != 2 {
		t.Errorf("result %+v, want the week ending 2026-01-19 sent with its 2 public points", res)
	}
	msgs := srv.Messages(t)
	if len(msgs) != 1 {
		t.Fatalf("%d messages delivered, want 1", len(msgs))
	}
	m := msgs[0]
	if got, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject")); got != "New prayer points, 12–18 January 2026 · Grace Church missions prayer feed" {
		t.Errorf("Subject %q", got)
	}
	if got := m.Header.Get("List-Unsubscribe"); got != "<mailto:prayer@grace.example?subject=unsubscribe>" {
		t.Errorf("List-Unsubscribe %q", got)
	}
	if to := m.Header.Get("To"); !strings.Contains(to, "team@grace.example") || !strings.Contains(to, "pastor@grace.example") {
		t.Errorf("To %q", to)
	}
	p := parts(t, m)
	for _, kind := range []string{"text/plain", "text/html"} {
		body := p[kind]
		for _, want := range []string{"new clinic in Niamey", "Serving in Mission"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s part lacks %q:\n%s", kind, want, body)
			}
		}
		if strings.Contains(body, "Chennai") {
			t.Errorf("%s part holds last week's point", kind)
		}
		if strings.Contains(body, "Okafor") || !strings.Contains(body, "led by the pastor") {
			t.Errorf("%s part is not redacted:\n%s", kind, body)
		}
		if strings.Contains(strings.ToLower(body), "kels") {
			t.Errorf("%s part holds the private partner", kind)
		}
	}
	html := p["text/html"]
	if strings.Contains(html, "<style") || strings.Contains(html, "<img") || strings.Contains(html, "<link") {
		t.Errorf("the HTML part must use inline styles and no remote images:\n%s", html)
	}
	if !strings.Contains(html, `style="`) {
		t.Errorf("the HTML part has no inline styles")
	}

	// The same week again (a restart, a second cron run): nothing more.
	res, err = c.sender.Send(ctx)
	if err != nil || res.Sent {
		t.Errorf("second send: %+v, %v; want nothing sent", res, err)
	}
	if n := len(srv.Messages(t)); n != 1 {
		t.Errorf("%d messages after a second run, want 1", n)
	}
	// A week with nothing new sends nothing.
	c.clock.Set(time.Date(2026, 1, 28, 9, 0, 0, 0, time.UTC))
	if _, err := c.sender.Send(ctx); !errors.Is(err, digest.ErrNothingNew) {
		t.Errorf("a quiet week: err %v, want ErrNothingNew", err)
	}
	if n := len(srv.Messages(t)); n != 1 {
		t.Errorf("%d messages after a quiet week, want 1", n)
	}
}

func TestSendRecordSurvivesReopen(t *testing.T) {
	srv := smtptest.Start(t, "", "")
	c := newChurch(t, srv.Port, "", "")
	ctx := context.Background()
	c.clock.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
	if _, err := c.sender.Send(ctx); err != nil {
		t.Fatal(err)
	}
	sent, err := c.store.DigestWasSent(ctx, "2026-01-19")
	if err != nil || sent.IsZero() {
		t.Fatalf("the store does not record the sent week: %v, %v", sent, err)
	}
}

func TestSendWithPassword(t *testing.T) {
	srv := smtptest.Start(t, "team", "right horse battery")
	ctx := context.Background()
	t.Run("right password", func(t *testing.T) {
		c := newChurch(t, srv.Port, "team", "right horse battery")
		c.clock.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
		if res, err := c.sender.Send(ctx); err != nil || !res.Sent {
			t.Fatalf("send: %+v, %v", res, err)
		}
	})
	t.Run("wrong password", func(t *testing.T) {
		before := len(srv.Messages(t))
		c := newChurch(t, srv.Port, "team", "wrong")
		c.clock.Set(time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC))
		_, err := c.sender.Send(ctx)
		if err == nil {
			t.Fatal("a wrong password sent the e-mail")
		}
		host := fmt.Sprintf("127.0.0.1:%d", srv.Port)
		for _, want := range []string{host, "SMTP", "PRAYERFEED_SMTP_PASSWORD", `"team"`} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name %s", err, want)
			}
		}
		if n := len(srv.Messages(t)); n != before {
			t.Errorf("a message was delivered")
		}
		// The failed week is not recorded: the next try may send it.
		if sent, err := c.store.DigestWasSent(ctx, "2026-01-19"); err != nil || !sent.IsZero() {
			t.Errorf("a failed send is recorded as sent: %v, %v", sent, err)
		}
		if err := c.store.ClaimDigest(ctx, "2026-01-19"); err != nil {
			t.Errorf("the failed week stays claimed: %v", err)
		}
	})
}
