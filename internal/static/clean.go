package static

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

// manifestFile, in a build's output directory, lists the files the last
// build wrote, so the next one can remove what it no longer publishes.
const manifestFile = ".prayerfeed-files"

// readManifest lists the files earlier builds wrote into out.
func readManifest(out string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(out, manifestFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	var files []string
	for _, f := range strings.Split(string(data), "\n") {
		if f != "" && filepath.IsLocal(f) {
			files = append(files, f)
		}
	}
	return files, nil
}

func writeManifest(out string, files []string) error {
	return writeAtomic(filepath.Join(out, manifestFile), []byte(strings.Join(files, "\n")+"\n"))
}

// union is a's files followed by those of b not in a.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, f := range b {
		if !slices.Contains(a, f) {
			out = append(out, f)
		}
	}
	return out
}

// removeStale deletes the files of old that this build, which wrote
// files, no longer publishes: a partner made private or removed from
// partners.yaml must disappear from the static host too, not linger with
// the points and unredacted names of the last build that showed it. It
// then records files alone as the manifest.
func removeStale(out string, old, files []string) error {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f] = true
	}
	for _, f := range old {
		if keep[f] {
			continue
		}
		if err := os.Remove(filepath.Join(out, f)); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("build: remove stale %s: %w", f, err)
		}
	}
	return writeManifest(out, files)
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
