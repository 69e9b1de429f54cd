// Package demo bundles sample partner sources, served on loopback, so a new
// user can see the whole product with no internet and no config of their own.
package demo

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/prayerfeed/prayerfeed/internal/config"
)

//go:embed sources
var sources embed.FS

// Sources serves the sample partners' feeds and pages, with ETags so the
// second fetch shows conditional GET answering 304.
func Sources() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := map[string]string{
			"/riverbend/feed.xml":    "sources/riverbend.xml",
			"/hope-harbor/feed.atom": "sources/hope-harbor.atom",
			"/lantern-house/news":    "sources/lantern-house.html",
		}[r.URL.Path]
		data, err := sources.ReadFile(name)
		if name == "" || err != nil {
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256(data)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		switch path.Ext(name) {
		case ".xml":
			ctype = "application/rss+xml; charset=utf-8"
		case ".atom":
			ctype = "application/atom+xml; charset=utf-8"
		}
		w.Header().Set("Content-Type", ctype)
		w.Write(data)
	})
}

const configTemplate = `title: Demo Church missions prayer feed
description: Sample partners served on loopback by prayerfeed demo.
base_url: {{site}}
every: 30m
rotation:
  start: 2026-01-05
  order: [riverbend, hope-harbor, lantern-house]
partners:
  - id: riverbend
    name: Riverbend Translation Team
    short: Riverbend
    region: Papua New Guinea
    tags: [translation]
    sources:
      - type: rss
        url: {{src}}/riverbend/feed.xml
  - id: hope-harbor
    name: Hope Harbor Clinic
    region: Haiti
    tags: [health]
    sources:
      - type: rss
        url: {{src}}/hope-harbor/feed.atom
  - id: lantern-house
    name: Lantern House
    region: Northern Thailand
    tags: [justice]
    sources:
      - type: page
        url: {{src}}/lantern-house/news
        select: {item: article.post, title: h2, link: "h2 a@href", date: time, content: .body}
`

// Config returns the demo's partners.yaml, with sources under srcBase and
// the site published at siteBase.
func Config(srcBase, siteBase string) (*config.Config, error) {
	yaml := strings.NewReplacer("{{src}}", strings.TrimRight(srcBase, "/"), "{{site}}", siteBase).Replace(configTemplate)
	cfg, err := config.Parse("demo partners.yaml", []byte(yaml))
	if err != nil {
		return nil, fmt.Errorf("demo config: %w", err)
	}
	return cfg, nil
}
