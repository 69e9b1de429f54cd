package inbox

import (
	"net/mail"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// Hand-written: no maintained Go library strips forwarded-message headers,
// quoted replies, signatures and list footers (the ones that do, such as
// talon, are Python); what mail clients write is matched here.

// forwardMarker matches the line mail clients put above a forwarded
// message: Gmail, Apple Mail, Outlook, Thunderbird, in a few languages.
var forwardMarker = regexp.MustCompile(`(?im)^[ \t>]*(-+ ?(forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|mensagem encaminhada|original message|ursprüngliche nachricht|message d'origine) ?-+|begin forwarded message:|-+ ?forwarded by .*-+)[ \t]*$`)

// headerLine matches a line of a forwarded message's header block.
var headerLine = regexp.MustCompile(`(?i)^[ \t>]*(from|von|de|de :|date|datum|sent|gesendet|envoyé|enviado|subject|betreff|objet|asunto|assunto|to|an|à|para|cc|reply-to)[ \t]*:`)

// fromLine reads the sender out of a forwarded header's From line.
var fromLine = regexp.MustCompile(`(?i)^[ \t>]*(from|von|de)[ \t]*:[ \t]*(.+)$`)

// replyIntro matches the line above a quoted reply: "On Mon, 2 Mar 2026,
// Jo <jo@x> wrote:", "Am … schrieb …:", "Le … a écrit :".
var replyIntro = regexp.MustCompile(`(?i)^(on|am|le|el|em) .{4,200}(wrote|schrieb|a écrit|escribió|escreveu) ?:[ \t]*$`)

// footerCue matches a line of a mailing list's footer.
var footerCue = regexp.MustCompile(`(?i)unsubscribe|update your preferences|update subscription preferences|you are receiving this|you received this (e-?mail|message) because|why did i get this|abmelden|se désinscrire|darse de baja`)

// emailIn finds an address in a From line written as text.
var emailIn = regexp.MustCompile(`[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)

// ForwardedFrom returns the address a forwarded message in text was
// originally from, and whether text holds a forwarded message at all.
func ForwardedFrom(text string) (string, bool) {
	loc := forwardMarker.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	lines := strings.Split(text[loc[1]:], "\n")
	for _, l := range lines[:min(len(lines), 12)] {
		if m := fromLine.FindStringSubmatch(l); m != nil {
			if a, err := mail.ParseAddress(strings.TrimSpace(m[2])); err == nil {
				return strings.ToLower(a.Address), true
			}
			return strings.ToLower(emailIn.FindString(m[2])), true
		}
	}
	return "", true
}

// CleanText is a plain-text letter without what its partner did not write
// for the readers: a forwarder's note and the forwarded header block, a
// quoted earlier message, the signature and a list's unsubscribe footer.
func CleanText(text string) string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if loc := forwardMarker.FindStringIndex(text); loc != nil {
		text = skipHeaderBlock(text[loc[1]:])
	}
	lines := strings.Split(text, "\n")
	end := len(lines)
	for i, l := range lines {
		t := strings.TrimRight(l, " \t")
		if t == "--" || replyIntro.MatchString(strings.TrimSpace(t)) {
			end = i
			break
		}
	}
	lines = lines[:end]
	lines = dropFooter(lines)
	return strings.TrimSpace(strings.Join(lines, "\n")) + "\n"
}

// skipHeaderBlock drops a forwarded message's header lines (From:, Date:,
// Subject:, To:) at the start of text, and "> " quoting of the body.
func skipHeaderBlock(text string) string {
	lines := strings.Split(strings.TrimLeft(text, "\n"), "\n")
	i := 0
	for i < len(lines) && (headerLine.MatchString(lines[i]) || strings.TrimSpace(lines[i]) == "" && i < 2) {
		i++
	}
	body := lines[i:]
	quoted := 0
	for _, l := range body {
		if strings.HasPrefix(l, ">") {
			quoted++
		}
	}
	if quoted > len(body)/2 {
		for j, l := range body {
			body[j] = strings.TrimPrefix(strings.TrimPrefix(l, ">"), " ")
		}
	}
	return strings.Join(body, "\n")
}

// dropFooter drops a list footer: from the paragraph holding an
// unsubscribe cue, when that is in the last third of the letter.
func dropFooter(lines []string) []string {
	for i, l := range lines {
		if i < len(lines)*2/3 || !footerCue.MatchString(l) {
			continue
		}
		for i > 0 && strings.TrimSpace(lines[i-1]) != "" {
			i--
		}
		return lines[:i]
	}
	return lines
}

// CleanHTML is CleanText for an HTML letter: tracking images, quoted
// replies, signatures and the unsubscribe footer removed. It returns ""
// when the letter is a forward whose header block it cannot find, so the
// caller reads the text alternative instead.
func CleanHTML(html string, forwarded bool) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return ""
	}
	doc.Find("img").Each(func(_ int, img *goquery.Selection) {
		if isTracker(img) {
			img.Remove()
		}
	})
	doc.Find("script, style, .gmail_signature, [data-smartmail=gmail_signature], .moz-signature, #Signature").Remove()
	if forwarded {
		if !dropForwardHeader(doc) {
			return ""
		}
	} else {
		doc.Find("blockquote[type=cite], blockquote.gmail_quote, .gmail_quote .gmail_attr, #divRplyFwdMsg, #appendonsend").Remove()
	}
	doc.Find("a").Each(func(_ int, a *goquery.Selection) {
		href, _ := a.Attr("href")
		if footerCue.MatchString(a.Text()) || strings.Contains(strings.ToLower(href), "unsubscribe") {
			a.Closest("td, p, div, table").Remove()
		}
	})
	out, err := doc.Find("body").Html()
	if err != nil {
		return ""
	}
	return out
}

// dropForwardHeader removes the element holding a forward's marker and
// header block (Gmail's .gmail_attr, or the smallest element whose text
// has both the marker and a From line), and the forwarder's note above it.
func dropForwardHeader(doc *goquery.Document) bool {
	if attr := doc.Find(".gmail_quote .gmail_attr").First(); attr.Length() > 0 {
		quote := attr.Closest(".gmail_quote")
		attr.Remove()
		doc.Find("body").SetHtml(func() string { h, _ := quote.Html(); return h }())
		return true
	}
	var header *goquery.Selection
	doc.Find("body *").Each(func(_ int, s *goquery.Selection) {
		t := s.Text()
		if forwardMarker.MatchString(t) && strings.Contains(strings.ToLower(t), "subject") && len(t) < 2000 {
			header = s // later matches are deeper
		}
	})
	if header == nil {
		return false
	}
	header.PrevAll().Remove()
	header.Remove()
	return true
}

// isTracker reports whether img is a tracking pixel: tiny, hidden, or
// from a known open-tracking path.
func isTracker(img *goquery.Selection) bool {
	w, _ := img.Attr("width")
	h, _ := img.Attr("height")
	style, _ := img.Attr("style")
	src, _ := img.Attr("src")
	style = strings.ToLower(strings.ReplaceAll(style, " ", ""))
	src = strings.ToLower(src)
	tiny := func(v string) bool { v = strings.TrimSuffix(v, "px"); return v == "0" || v == "1" || v == "2" }
	return tiny(w) || tiny(h) || strings.Contains(style, "display:none") || strings.Contains(style, "width:1px") ||
		strings.Contains(src, "/track/open") || strings.Contains(src, "/open.php") || strings.Contains(src, "/e/o/") ||
		strings.Contains(src, "list-manage.com/track")
}

// htmlText is an HTML body's text, lines kept at <br> and blocks, for
// finding a forward's header in it.
func htmlText(html string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(html))
	if err != nil {
		return ""
	}
	doc.Find("br").ReplaceWithHtml("\n")
	doc.Find("p, div, tr, li, h1, h2, h3").Each(func(_ int, s *goquery.Selection) { s.AppendHtml("\n") })
	return doc.Text()
}
