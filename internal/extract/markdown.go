package extract

import (
	"html"
	"strings"
)

// stripFrontMatter removes a YAML or TOML front-matter block.
func stripFrontMatter(s string) string {
	t := strings.TrimLeft(s, "\ufeff")
	for _, fence := range []string{"---", "+++"} {
		if !strings.HasPrefix(t, fence+"\n") {
			continue
		}
		rest := t[len(fence)+1:]
		for i, n := 0, 0; i < len(rest) && n < 200; n++ {
			j := strings.IndexByte(rest[i:], '\n')
			end := len(rest)
			if j >= 0 {
				end = i + j
			}
			if strings.TrimRight(rest[i:end], " \t") == fence {
				if end == len(rest) {
					return ""
				}
				return rest[end+1:]
			}
			if j < 0 {
				break
			}
			i = end + 1
		}
	}
	return s
}

// mdInline turns a line of Markdown into tokens: emphasis becomes strong
// and em, links keep their text (and their address when it is absolute
// http(s)), images and raw tags are dropped.
func mdInline(s string) []tok {
	b := newInline()
	var open []string
	toggle := func(name string) {
		if i := lastIndex(open, name); i >= 0 {
			for j := len(open) - 1; j >= i; j-- {
				b.close(open[j])
			}
			open = open[:i]
			return
		}
		b.open(name, "")
		if name == "strong" {
			b.bold++
		}
		open = append(open, name)
	}
	var text strings.Builder
	emit := func() {
		if text.Len() > 0 {
			b.text(html.UnescapeString(text.String()))
			text.Reset()
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && strings.IndexByte("\\`*_{}[]()#+-.!|<>", s[i+1]) >= 0:
			text.WriteByte(s[i+1])
			i += 2
			continue
		case (c == '*' || c == '_') && i+1 < len(s) && s[i+1] == c:
			if emphasisEdge(s, i, 2) {
				emit()
				toggle("strong")
				if lastIndex(open, "strong") < 0 && b.bold > 0 {
					b.bold--
				}
				i += 2
				continue
			}
		case c == '*' || c == '_':
			if emphasisEdge(s, i, 1) {
				emit()
				toggle("em")
				i++
				continue
			}
		case c == '`':
			if j := strings.IndexByte(s[i+1:], '`'); j >= 0 {
				emit()
				b.open("code", "")
				b.text(s[i+1 : i+1+j])
				b.close("code")
				i += j + 2
				continue
			}
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			if _, _, n := mdLink(s[i+1:]); n > 0 {
				i += 1 + n
				continue
			}
		case c == '[':
			if label, href, n := mdLink(s[i:]); n > 0 {
				emit()
				if h := safeHref(href); h != "" {
					b.open("a", h)
					b.text(label)
					b.close("a")
				} else {
					b.text(label)
				}
				i += n
				continue
			}
		case c == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && j < 200 {
				inner := s[i+1 : i+j]
				if h := safeHref(inner); h != "" {
					emit()
					b.open("a", h)
					b.text(inner)
					b.close("a")
					i += j + 1
					continue
				}
				if isTagLike(inner) {
					emit()
					b.text(" ")
					i += j + 1
					continue
				}
			}
		}
		text.WriteByte(c)
		i++
	}
	emit()
	for j := len(open) - 1; j >= 0; j-- {
		b.close(open[j])
	}
	return b.toks
}

func lastIndex(list []string, s string) int {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i] == s {
			return i
		}
	}
	return -1
}

// emphasisEdge reports whether the run of n markers at i opens or closes
// emphasis: it must touch a word on one side and not be inside a word
// when written with underscores.
func emphasisEdge(s string, i, n int) bool {
	before := byte(' ')
	if i > 0 {
		before = s[i-1]
	}
	after := byte(' ')
	if i+n < len(s) {
		after = s[i+n]
	}
	opens := after != ' ' && after != '\t'
	closes := before != ' ' && before != '\t'
	if s[i] == '_' && isWordByte(before) && isWordByte(after) {
		return false
	}
	return opens || closes
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// mdLink reads "[label](href)" at the start of s.
func mdLink(s string) (label, href string, n int) {
	if !strings.HasPrefix(s, "[") {
		return "", "", 0
	}
	end := strings.Index(s, "](")
	if end < 0 || end > 500 || strings.IndexByte(s[1:end], '\n') >= 0 {
		return "", "", 0
	}
	close := strings.IndexByte(s[end+2:], ')')
	if close < 0 || close > 2000 {
		return "", "", 0
	}
	href = strings.TrimSpace(s[end+2 : end+2+close])
	if sp := strings.IndexAny(href, " \t"); sp >= 0 {
		href = href[:sp] // drop a link title
	}
	return s[1:end], href, end + 3 + close
}

// isTagLike reports the inside of an HTML tag written in Markdown.
func isTagLike(s string) bool {
	s = strings.TrimPrefix(s, "/")
	if s == "" {
		return false
	}
	c := s[0]
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
