package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// manifestFile, in a build's output directory, lists the files the last
// build wrote, so the next one can remove what it no longer publishes.
const manifestFile = ".prayerfeed-files"

// removeStale deletes the files an earlier build wrote that this build no
// longer publishes: a partner made private or removed from partners.yaml
// must disappear from the static host too, not linger with the points and
// unredacted names of the last build that showed it. It then records
// files as the new manifest.
func removeStale(out string, files []string) error {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f] = true
	}
	old, err := os.ReadFile(filepath.Join(out, manifestFile))
	if err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("build: %w", err)
	}
	for _, f := range strings.Split(string(old), "\n") {
		if f == "" || keep[f] || !filepath.IsLocal(f) {
			continue
		}
		if err := os.Remove(filepath.Join(out, f)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("build: remove stale %s: %w", f, err)
		}
	}
	return writeAtomic(filepath.Join(out, manifestFile), []byte(strings.Join(files, "\n")+"\n"))
}

// tempName matches writeAtomic's temporary files: ".feed.xml.tmp123".
var tempName = regexp.MustCompile(`^\..+\.tmp\d+$`)

// removeAbandoned deletes temporary files that a build killed mid-write
// left behind. Only old ones go, so a build running at the same time keeps
// the file it is about to rename.
func removeAbandoned(out string, now time.Time) error {
	return filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if d.IsDir() || !tempName.MatchString(d.Name()) {
			return nil
		}
		if info, err := d.Info(); err == nil && now.Sub(info.ModTime()) > time.Hour {
			os.Remove(path)
		}
		return nil
	})
}
