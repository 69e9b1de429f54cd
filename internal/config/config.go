// Package config loads partners.yaml: the church's list of missions partners
// and their sources. Loading is strict (unknown keys are errors), fills
// defaults, and every error names the file, the line and the field.
package config

import (
	"time"
)

// Config is a whole partners.yaml.
type Config struct {
	// Path is the file the config was read from, for error messages.
	Path string `yaml:"-"`

	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	// BaseURL is where the feeds are published; every link we write is
	// absolute under it.
	BaseURL  string   `yaml:"base_url"`
	Language string   `yaml:"language"`
	Every    Duration `yaml:"every"`
	// AdminToken guards /status; PRAYERFEED_ADMIN_TOKEN overrides it.
	AdminToken string `yaml:"admin_token"`

	Rotation *Rotation `yaml:"rotation"`
	Partners []Partner `yaml:"partners"`

	// Digest, when set, sends the weekly e-mail (digest.go).
	Digest *Digest `yaml:"digest"`
	// Retention, when set, expires old points (retention.go).
	Retention *Retention `yaml:"retention"`
	// Mail says whose word on a message's origin to trust (mail.go).
	Mail *Mail `yaml:"mail"`
}

// Rotation is the weekly order in which the church prays for its partners.
type Rotation struct {
	// Start is the Monday of week one.
	Start Date `yaml:"start"`
	// Order lists one entry per week; an entry may name several partners.
	Order []RotationEntry `yaml:"order"`
}

// RotationEntry is one week of the rotation: one partner id or several.
type RotationEntry []string

// Visibility says who may read a partner's items.
type Visibility string

// The visibilities a partner may have.
const (
	Public  Visibility = "public"
	Private Visibility = "private"
)

// Partner is one missions partner.
type Partner struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Short    string   `yaml:"short"`
	Region   string   `yaml:"region"`
	Homepage string   `yaml:"homepage"`
	Tags     []string `yaml:"tags"`
	Sources  []Source `yaml:"sources"`
	Markers  Markers  `yaml:"markers"`
	// Redact maps whole words (any case) to what replaces them in output.
	Redact     map[string]string `yaml:"redact"`
	Visibility Visibility        `yaml:"visibility"`
	// Weeks, when set, are the rotation weeks (1-based, counted from
	// rotation.start and repeating with the order's length) this partner
	// is prayed for, beside any place it has in rotation.order.
	Weeks []int `yaml:"weeks"`
	// Review says whether new points publish at once (auto, the default)
	// or wait for an admin's approval (hold).
	Review Review `yaml:"review"`
	// SilentWeeks is how many weeks without a new update raise an alert;
	// default 8.
	SilentWeeks int `yaml:"silent_weeks"`
	// Email lists the addresses the partner writes from; "*@kelu.example"
	// is any address at a domain (see MatchEmail).
	Email []string `yaml:"email"`
}

// Review says when a partner's new points are published.
type Review string

// The review modes.
const (
	// ReviewAuto publishes new points at once.
	ReviewAuto Review = "auto"
	// ReviewHold publishes nothing new until an admin approves it.
	ReviewHold Review = "hold"
)

// DefaultSilentWeeks is how long a partner may publish nothing before an
// alert says so.
const DefaultSilentWeeks = 8

// Held reports whether the partner's new points wait for an admin.
func (p Partner) Held() bool { return p.Review == ReviewHold }

// Private reports whether the partner's items are for reader-token feeds only.
func (p Partner) Private() bool { return p.Visibility == Private }

// Markers are extra labels a partner uses for its points.
type Markers struct {
	Prayer []string `yaml:"prayer"`
	Praise []string `yaml:"praise"`
}

// SourceType says how a source is read.
type SourceType string

// The source types.
const (
	// TypeRSS is an RSS, Atom or JSON feed.
	TypeRSS SourceType = "rss"
	// TypePage is a web page read with CSS selectors.
	TypePage SourceType = "page"
	// TypeAuto is a homepage whose feed is found through its links.
	TypeAuto SourceType = "auto"
	// TypePDF is one prayer letter published as a PDF file.
	TypePDF SourceType = "pdf"
	// TypeIMAP is a mailbox the partners' letters are sent to.
	TypeIMAP SourceType = "imap"
)

// Source is one place a partner publishes news.
type Source struct {
	Type   SourceType `yaml:"type"`
	URL    string     `yaml:"url"`
	Every  Duration   `yaml:"every"`
	Select *Select    `yaml:"select"`
	// PasswordEnv and PasswordFile say where an imap source's password
	// is: an environment variable, or a file; never partners.yaml itself.
	PasswordEnv  string `yaml:"password_env"`
	PasswordFile string `yaml:"password_file"`
	// FullText says when a feed entry's own page is read for its whole
	// text: always, never, or auto (the default: when the entry looks
	// like a summary).
	FullText FullText `yaml:"full_text"`
}

// FullText says when a feed source's entries are read from their pages.
type FullText string

// The full_text settings.
const (
	FullTextAuto   FullText = "auto"
	FullTextAlways FullText = "always"
	FullTextNever  FullText = "never"
)

// Select holds the CSS selectors of a page source; "sel@attr" reads an
// attribute instead of the text.
type Select struct {
	Item    string `yaml:"item"`
	Title   string `yaml:"title"`
	Link    string `yaml:"link"`
	Date    string `yaml:"date"`
	Content string `yaml:"content"`
}

// Defaults used when partners.yaml leaves a value out.
const (
	DefaultTitle    = "Missions prayer feed"
	DefaultBaseURL  = "http://localhost:8080"
	DefaultLanguage = "en"
	DefaultEvery    = 6 * time.Hour
	// MinEvery keeps a typo like "every: 1s" from hammering a partner.
	MinEvery = 5 * time.Minute
)

// Partner returns the partner with the given id.
func (c *Config) Partner(id string) (Partner, bool) {
	for _, p := range c.Partners {
		if p.ID == id {
			return p, true
		}
	}
	return Partner{}, false
}
