package config

import (
	"strings"
	"testing"
	"time"
)

const digestPartners = `
partners:
  - id: ijm
    name: IJM
    sources: [{type: rss, url: "https://ijm.example/rss"}]
`

func TestDigestConfig(t *testing.T) {
	tests := []struct {
		name, yaml string
		// wantErr is a substring of the error; empty for a valid config.
		wantErr string
	}{
		{"defaults", "digest: {host: smtp.example.org, from: prayer@grace.example, to: [team@grace.example]}", ""},
		{"all set", "digest: {host: smtp.example.org, port: 465, tls: tls, user: u, password_env: SMTP_PW, from: 'Prayer <prayer@grace.example>', to: [a@b.example], day: Friday, hour: 17, timezone: Europe/London}", ""},
		{"no host", "digest: {from: prayer@grace.example, to: [team@grace.example]}", "partners.yaml:2: digest.host: missing"},
		{"no recipients", "digest: {host: h, from: prayer@grace.example}", "digest.to: missing"},
		{"a bad recipient", "digest: {host: h, from: prayer@grace.example, to: [team]}", `digest.to[0]: "team": want an e-mail address`},
		{"a bad day", "digest: {host: h, from: p@g.example, to: [t@g.example], day: someday}", `digest.day: "someday": want a weekday`},
		{"a bad hour", "digest: {host: h, from: p@g.example, to: [t@g.example], hour: 24}", "digest.hour: 24"},
		{"a bad zone", "digest: {host: h, from: p@g.example, to: [t@g.example], timezone: Mars/Olympus}", `digest.timezone: "Mars/Olympus"`},
		{"a bad tls", "digest: {host: h, from: p@g.example, to: [t@g.example], tls: ssl}", `digest.tls: "ssl": want starttls, tls or none`},
		{"a password in clear to another machine", "digest: {host: smtp.example.org, tls: none, user: u, from: p@g.example, to: [t@g.example]}", "digest.tls: none would send the password to smtp.example.org in clear"},
		{"no tls to a relay here", "digest: {host: 127.0.0.1, tls: none, user: u, from: p@g.example, to: [t@g.example]}", ""},
		{"a password in the file", "digest: {host: h, from: p@g.example, to: [t@g.example], password: secret}", "password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("partners.yaml", []byte("title: T\n"+tt.yaml+digestPartners))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("unexpected error: %v", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("error %v, want one holding %q", err, tt.wantErr)
			}
		})
	}
	cfg, err := Parse("partners.yaml", []byte("title: T\n"+tests[0].yaml+digestPartners))
	if err != nil {
		t.Fatal(err)
	}
	if d := cfg.Digest; d.Port != 587 || d.TLS != TLSStart || d.PasswordEnv != DefaultDigestPasswordEnv || d.Day != "monday" || *d.Hour != 7 {
		t.Errorf("defaults not filled: %+v", d)
	}
}

func TestScheduleWeekEnd(t *testing.T) {
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Fatal(err)
	}
	mon7 := Schedule{Day: time.Monday, Hour: 7, Loc: time.UTC}
	tests := []struct {
		name string
		s    Schedule
		at   time.Time
		want time.Time
	}{
		{"midweek", mon7, time.Date(2026, 1, 21, 9, 0, 0, 0, time.UTC), time.Date(2026, 1, 19, 7, 0, 0, 0, time.UTC)},
		{"monday before the hour", mon7, time.Date(2026, 1, 19, 6, 59, 0, 0, time.UTC), time.Date(2026, 1, 12, 7, 0, 0, 0, time.UTC)},
		{"monday at the hour", mon7, time.Date(2026, 1, 19, 7, 0, 0, 0, time.UTC), time.Date(2026, 1, 19, 7, 0, 0, 0, time.UTC)},
		{"friday evening in London", Schedule{Day: time.Friday, Hour: 17, Loc: london}, time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 6, 26, 16, 0, 0, 0, time.UTC)},
		{"across the clock change", Schedule{Day: time.Sunday, Hour: 8, Loc: london}, time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 29, 7, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.WeekEnd(tt.at); !got.Equal(tt.want) {
				t.Errorf("WeekEnd(%v) = %v, want %v", tt.at, got, tt.want)
			}
		})
	}
}
