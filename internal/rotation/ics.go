package rotation

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is an iCalendar (RFC 5545) document of all-day events.
type Calendar struct {
	// Name is shown by calendar apps as the subscribed calendar's name.
	Name string
	// ProdID names the program that wrote the calendar.
	ProdID string
	// Stamp is every event's DTSTAMP: when this calendar was rendered.
	Stamp  time.Time
	Events []Event
}

// Event is one all-day event.
type Event struct {
	// UID must stay the same every time the calendar is rendered, so a
	// subscribed app updates the event instead of adding a copy.
	UID string
	// Start is the first day; End the day after the last (exclusive), as
	// RFC 5545 defines DTEND for dates.
	Start, End  time.Time
	Summary     string
	Description string
	// URL, when set, links the event to a page.
	URL string
}

// WriteICS writes c as iCalendar: CRLF line ends, lines folded at 75
// octets, text escaped.
func WriteICS(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeLine(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", c.ProdID)
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", escapeText(c.Name))
	}
	// Subscribed calendars are re-read about daily.
	line("REFRESH-INTERVAL;VALUE=DURATION", "P1D")
	line("X-PUBLISHED-TTL", "P1D")
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", escapeText(e.UID))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", e.Start.Format("20060102"))
		line("DTEND;VALUE=DATE", e.End.Format("20060102"))
		line("SUMMARY", escapeText(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", escapeText(e.Description))
		}
		if e.URL != "" && !strings.ContainsAny(e.URL, "\r\n") {
			line("URL", e.URL)
		}
		// A week of prayer does not make anyone busy.
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// escapeText escapes an RFC 5545 TEXT value: backslash, semicolon, comma
// and newline; other control characters, which TEXT may not hold, go.
func escapeText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxLine is RFC 5545's limit on a content line, in octets, without CRLF.
const maxLine = 75

// writeLine writes a content line folded at 75 octets, never inside a
// UTF-8 sequence; each continuation starts with a space, which counts
// toward its 75.
func writeLine(w *bufio.Writer, s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = maxLine - 1
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
