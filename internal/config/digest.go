package config

import (
	"fmt"
	"net"
	"net/mail"
	"strings"
	"time"
	// The digest's timezone must load on a machine without tzdata.
	_ "time/tzdata"
)

// Digest is the weekly e-mail to the prayer team (partners.yaml
// `digest:`). Its day, hour and timezone also mark where the weeks of the
// /digest feeds begin and end, so the e-mail and the feed hold the same
// week.
type Digest struct {
	// Host and Port are the SMTP server; Port defaults to 587 (465 with
	// TLS: tls).
	Host string `yaml:"host"`
	Port int    `yaml:"port"`
	// TLS is starttls (the default), tls (implicit TLS, port 465) or none
	// (only for a relay on the same machine).
	TLS  DigestTLS `yaml:"tls"`
	User string    `yaml:"user"`
	// PasswordEnv names the environment variable holding the SMTP
	// password; the password is never written in partners.yaml.
	PasswordEnv string   `yaml:"password_env"`
	From        string   `yaml:"from"`
	To          []string `yaml:"to"`
	// Unsubscribe is the List-Unsubscribe address (mailto: or https:);
	// default mailto: the From address with the subject "unsubscribe".
	Unsubscribe string `yaml:"unsubscribe"`
	// Day and Hour are when the week's e-mail goes out, in Timezone
	// (an IANA name; default UTC). Default Monday, 7:00.
	Day      string `yaml:"day"`
	Hour     *int   `yaml:"hour"`
	Timezone string `yaml:"timezone"`
	// Private includes private partners, for a trusted prayer team.
	Private bool `yaml:"private"`
}

// DigestTLS says how the SMTP connection is secured.
type DigestTLS string

// The digest TLS modes.
const (
	TLSStart DigestTLS = "starttls"
	TLSOn    DigestTLS = "tls"
	TLSNone  DigestTLS = "none"
)

// Digest defaults.
const (
	DefaultDigestPasswordEnv = "PRAYERFEED_SMTP_PASSWORD"
	DefaultDigestDay         = "monday"
	DefaultDigestHour        = 7
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Schedule is when a digest week ends: a weekday and hour in a location.
type Schedule struct {
	Day  time.Weekday
	Hour int
	Loc  *time.Location
}

// DefaultSchedule is the week of a church without `digest:`: it ends on
// Monday at 7:00 UTC.
var DefaultSchedule = Schedule{Day: time.Monday, Hour: DefaultDigestHour, Loc: time.UTC}

// Schedule returns when the digest's weeks end; DefaultSchedule for a nil
// digest. It assumes the digest validated.
func (d *Digest) Schedule() Schedule {
	if d == nil {
		return DefaultSchedule
	}
	s := Schedule{Day: weekdays[d.Day], Hour: *d.Hour, Loc: time.UTC}
	if loc, err := time.LoadLocation(d.Timezone); err == nil {
		s.Loc = loc
	}
	return s
}

// WeekEnd returns the latest end of a digest week at or before t.
func (s Schedule) WeekEnd(t time.Time) time.Time {
	t = t.In(s.Loc)
	back := (int(t.Weekday()) - int(s.Day) + 7) % 7
	end := time.Date(t.Year(), t.Month(), t.Day()-back, s.Hour, 0, 0, 0, s.Loc)
	if end.After(t) {
		end = time.Date(end.Year(), end.Month(), end.Day()-7, s.Hour, 0, 0, 0, s.Loc)
	}
	return end
}

func (d *Digest) setDefaults() {
	if d.TLS == "" {
		d.TLS = TLSStart
	}
	if d.Port == 0 {
		d.Port = 587
		if d.TLS == TLSOn {
			d.Port = 465
		}
	}
	if d.PasswordEnv == "" {
		d.PasswordEnv = DefaultDigestPasswordEnv
	}
	d.Day = strings.ToLower(strings.TrimSpace(d.Day))
	if d.Day == "" {
		d.Day = DefaultDigestDay
	}
	if d.Hour == nil {
		h := DefaultDigestHour
		d.Hour = &h
	}
	if d.Timezone == "" {
		d.Timezone = "UTC"
	}
}

func (d *Digest) validate(c *checker) {
	if strings.TrimSpace(d.Host) == "" {
		c.add("digest.host", "missing: the SMTP server that sends the weekly e-mail")
	}
	if d.Port < 1 || d.Port > 65535 {
		c.add("digest.port", "%d: want a TCP port (587 for starttls, 465 for tls)", d.Port)
	}
	switch d.TLS {
	case TLSStart, TLSOn:
	case TLSNone:
		if d.User != "" && !loopback(d.Host) {
			c.add("digest.tls", "none would send the password to %s in clear; use starttls or tls (none is for a relay on this machine)", d.Host)
		}
	default:
		c.add("digest.tls", "%q: want starttls, tls or none", d.TLS)
	}
	if _, err := mail.ParseAddress(d.From); err != nil {
		c.add("digest.from", "%q: want an e-mail address: %v", d.From, err)
	}
	if len(d.To) == 0 {
		c.add("digest.to", "missing: list who receives the weekly e-mail")
	}
	for i, to := range d.To {
		if _, err := mail.ParseAddress(to); err != nil {
			c.add(fmt.Sprintf("digest.to[%d]", i), "%q: want an e-mail address: %v", to, err)
		}
	}
	if u := d.Unsubscribe; u != "" && !strings.HasPrefix(u, "mailto:") && !strings.HasPrefix(u, "https://") {
		c.add("digest.unsubscribe", "%q: want a mailto: or https: address", u)
	}
	if _, ok := weekdays[d.Day]; !ok {
		c.add("digest.day", "%q: want a weekday, like monday", d.Day)
	}
	if *d.Hour < 0 || *d.Hour > 23 {
		c.add("digest.hour", "%d: want an hour from 0 to 23", *d.Hour)
	}
	if _, err := time.LoadLocation(d.Timezone); err != nil {
		c.add("digest.timezone", "%q: want an IANA time zone like Europe/London", d.Timezone)
	}
}

// loopback reports whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
