package fetcher

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/mmcdole/gofeed"
)

// ParseFeed reads an RSS, Atom or JSON feed body into updates of src.
// Relative links resolve against the feed's own link, then src.URL. The
// body is decoded to UTF-8 first, whatever its prolog claims, since feeds
// declare the wrong charset as often as pages do.
func ParseFeed(r io.Reader, src Source) ([]Update, error) {
	body, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read feed: %w", err)
	}
	f, err := newFeedParser().Parse(bytes.NewReader(capFeedItems(dropControls(feedUTF8(body, "")), maxFeedItems)))
	if err != nil {
		return nil, fmt.Errorf("parse feed: %w", err)
	}
	base := resolve(src.URL, f.Link)
	updates := make([]Update, 0, len(f.Items))
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		u := Update{
			PartnerID: src.PartnerID,
			SourceURL: src.URL,
			Title:     strings.TrimSpace(it.Title),
			Link:      resolve(base, it.Link),
			HTML:      it.Content,
		}
		if strings.TrimSpace(u.HTML) == "" {
			u.HTML = it.Description
		}
		switch {
		case it.PublishedParsed != nil:
			u.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			u.Published = *it.UpdatedParsed
		}
		u.GUID = guid(it.GUID, u.Link, u.Title, u.HTML)
		updates = append(updates, u)
	}
	return updates, nil
}

// newFeedParser is gofeed's parser without its search of every RSS item's
// HTML for an image, which parses each body a second time (a quarter of
// the parse) for a field updates do not carry.
func newFeedParser() *gofeed.Parser {
	p := gofeed.NewParser()
	p.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	return p
}

// guid picks the most stable identity an entry offers: its own id, its
// link, or failing both a fingerprint of its title and body.
func guid(id, link, title, body string) string {
	if id = strings.TrimSpace(id); id != "" {
		return id
	}
	if link != "" {
		return link
	}
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return "sha256:" + hex.EncodeToString(sum[:12])
}

// resolve makes ref absolute against base; an unusable ref resolves to "".
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return base
	}
	b, err := url.Parse(base)
	if err != nil {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	abs := b.ResolveReference(r)
	if (abs.Scheme != "http" && abs.Scheme != "https") || abs.Host == "" {
		return ""
	}
	return abs.String()
}
