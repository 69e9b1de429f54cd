// Package inboxtest makes the e-mail messages the inbox and mailbox tests
// deliver: a partner's HTML letter with a PDF, a letter forwarded by the
// church office, one from a stranger, a forged one and hostile ones.
package inboxtest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
)

// Config is the partners.yaml the messages are sorted by.
const Config = `title: Grace Church prayer
base_url: https://prayer.gracechurch.example
mail:
  trusted_hosts: [mx.gracechurch.example]
  forwarders: [office@gracechurch.example]
partners:
  - id: okafor
    name: The Okafor Family
    email: [jo@okafor.example]
  - id: kelu
    name: Kelu Bible Translation
    email: ["*@kelu.example"]
`

// Trusted is an Authentication-Results header our own server wrote.
func Trusted(results string) string {
	return "Authentication-Results: mx.gracechurch.example; " + results + "\r\n"
}

// HTMLWithPDF is the Okafor family's HTML letter, with its plain-text
// alternative, a tracking pixel, an unsubscribe footer and pdf attached;
// DKIM passed for okafor.example.
func HTMLWithPDF(pdf []byte) []byte {
	var b bytes.Buffer
	b.WriteString(Trusted("dkim=pass header.d=okafor.example; spf=pass smtp.mailfrom=jo@okafor.example"))
	b.WriteString("From: Jo Okafor <jo@okafor.example>\r\nTo: prayer@gracechurch.example\r\nSubject: Spring news from Jos\r\n" +
		"Date: Mon, 02 Mar 2026 09:00:00 +0000\r\nMessage-ID: <spring-2026@okafor.example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" +
		"--outer\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n" +
		"--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Dear friends,\r\n\r\nPray for the nurses' exams on Friday.\r\nPraise God for rain in the north.\r\n\r\n" +
		"Unsubscribe: https://okafor.example/unsubscribe\r\n" +
		"--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" +
		"<html><body><p><a href=\"https://mailchi.mp/okafor/spring?e=5f3a\">View this email in your browser</a></p><p>Dear friends,</p><ul><li>Pray for the nurses' exams on Friday.</li><li>Praise God for rain in the north.</li></ul>" +
		"<img src=\"https://track.example/open.php?u=1\" width=\"1\" height=\"1\" alt=\"\">" +
		"<table><tr><td>You are receiving this because you asked. <a href=\"https://okafor.example/unsubscribe?id=7\">Unsubscribe</a>. Pray for our list manager.</td></tr></table></body></html>\r\n" +
		"--alt--\r\n" +
		"--outer\r\nContent-Type: application/pdf; name=\"spring.pdf\"\r\nContent-Disposition: attachment; filename=\"spring.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.WriteString(Base64(pdf))
	b.WriteString("--outer--\r\n")
	return b.Bytes()
}

// HTMLPoints are HTMLWithPDF's body points.
var HTMLPoints = []string{"Pray for the nurses' exams on Friday.", "Praise God for rain in the north."}

// Forwarded is Anna's Kelu letter forwarded as plain text by the church
// office, which SPF vouches for, with the forwarder's note, the forwarded
// header, a signature and a quoted reply under it.
func Forwarded() []byte {
	return []byte(Trusted("spf=pass smtp.mailfrom=office@gracechurch.example") +
		"From: Church Office <office@gracechurch.example>\r\nTo: prayer@gracechurch.example\r\nSubject: Fwd: Kelu update, March\r\n" +
		"Date: Tue, 03 Mar 2026 10:00:00 +0000\r\nMessage-ID: <fwd-kelu-march@gracechurch.example>\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\n" +
		"Here is Anna's letter for the prayer list.\r\n\r\n" +
		"---------- Forwarded message ---------\r\nFrom: Anna Bergström <anna@kelu.example>\r\nDate: Mon, 2 Mar 2026 at 18:00\r\n" +
		"Subject: Kelu update, March\r\nTo: Friends <friends@kelu.example>\r\n\r\n" +
		"Dear praying friends,\r\n\r\nPray for the checking of Mark's gospel in April.\r\n\r\nPraise God for a new printer in the office.\r\n\r\n" +
		"-- \r\nAnna Bergström\r\nKelu Bible Translation\r\n\r\n" +
		"On Sun, 1 Mar 2026, Office <office@gracechurch.example> wrote:\r\n> Pray for the office move.\r\n")
}

// ForwardedPoints are Forwarded's points.
var ForwardedPoints = []string{"Pray for the checking of Mark's gospel in April.", "Praise God for a new printer in the office."}

// Stranger is a prayer letter from an address no partner has.
func Stranger() []byte {
	return []byte(Trusted("dkim=pass header.d=elsewhere.example") +
		"From: Someone <someone@elsewhere.example>\r\nSubject: Please pray\r\nDate: Tue, 03 Mar 2026 11:00:00 +0000\r\n" +
		"Message-ID: <stranger@elsewhere.example>\r\nContent-Type: text/plain\r\n\r\nPray for my cousin's visa interview.\r\n")
}

// Forged is a letter that writes the Okafors' address on its From line:
// our server saw DKIM and SPF fail, and the sender added a header of its
// own claiming a pass.
func Forged() []byte {
	return []byte(Trusted("dkim=fail header.d=okafor.example; spf=softfail smtp.mailfrom=jo@okafor.example") +
		"Authentication-Results: mx.okafor.example; dkim=pass header.d=okafor.example; spf=pass smtp.mailfrom=jo@okafor.example\r\n" +
		"From: Jo Okafor <jo@okafor.example>\r\nSubject: Urgent\r\nDate: Wed, 04 Mar 2026 08:00:00 +0000\r\n" +
		"Message-ID: <forged@attacker.example>\r\nContent-Type: text/plain\r\n\r\nPray for the gift card I need you to buy.\r\n")
}

// Nested is a MIME bomb: multipart parts nested depth deep.
func Nested(depth int) []byte {
	var b strings.Builder
	b.WriteString("From: jo@okafor.example\r\nSubject: nested\r\nMessage-ID: <nested@okafor.example>\r\nMIME-Version: 1.0\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n--b%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nPray for the deep.\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--b%d--\r\n", i)
	}
	return []byte(b.String())
}

// Base64 encodes data as a MIME body: 76-character lines.
func Base64(data []byte) string {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76] + "\r\n")
		enc = enc[76:]
	}
	b.WriteString(enc + "\r\n")
	return b.String()
}

// WithAttachment is a short note from the Okafors (DKIM passing) with
// data attached as name, of type mediaType.
func WithAttachment(id, name, mediaType string, data []byte) []byte {
	return []byte(Trusted("dkim=pass header.d=okafor.example") +
		"From: Jo Okafor <jo@okafor.example>\r\nSubject: Our March letter\r\nDate: Tue, 03 Mar 2026 09:00:00 +0000\r\n" +
		"Message-ID: <" + id + "@okafor.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear friends, our letter is attached.\r\n" +
		"--b\r\nContent-Type: " + mediaType + "; name=\"" + name + "\"\r\nContent-Disposition: attachment; filename=\"" + name +
		"\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + Base64(data) + "--b--\r\n")
}
