package static

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// StampFile, in a build's output directory, records what the build was
// made from, so that a build with nothing new to say writes nothing.
const StampFile = ".prayerfeed-build"

// Generationer is the part of the store a build stamp reads.
type Generationer interface {
	Generation(ctx context.Context) (int64, time.Time, error)
}

// buildStamp names everything a static build depends on: the store's item
// generation (read before rendering, so items saved during a build make the
// next one render again), the bytes of the config the pages are rendered
// from (not the file re-read, which may have changed since), this
// program's file, and the local day, the clock the rotation's week and the
// pages' dates follow.
func buildStamp(ctx context.Context, st Generationer, cfg []byte, now time.Time) (string, error) {
	gen, _, err := st.Generation(ctx)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "generation %d\nday %s\nprogram %s\nconfig %d\n", gen, now.Format(time.DateOnly), programID(), len(cfg))
	h.Write(cfg)
	return fmt.Sprintf("generation %d %s\n", gen, hex.EncodeToString(h.Sum(nil)[:16])), nil
}

// programID identifies this executable by path, size and modification
// time: a rebuilt program renders again, without hashing its megabytes.
func programID() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	fi, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return fmt.Sprintf("%s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
}

// upToDate reports whether out holds a complete build with this stamp.
func upToDate(out, stamp string, files []string) bool {
	old, err := os.ReadFile(filepath.Join(out, StampFile))
	if err != nil || string(old) != stamp {
		return false
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			return false
		}
	}
	return true
}
