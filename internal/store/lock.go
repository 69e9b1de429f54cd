package store

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/gofrs/flock"
)

// Lock takes the exclusive fetch-run lock for the database at path, so two
// overlapping runs don't both work: a file lock (gofrs/flock: flock(2) on
// Unix, LockFileEx on Windows) on path+".lock", without waiting. When
// another run holds it, the error wraps ErrLocked and names the lock file
// (and the holder's pid when it wrote one). The system drops the lock when
// its holder dies, so a killed run never leaves a stale lock. unlock
// releases it; the file stays, as removing it would race a run that has
// just opened it.
//
// A PostgreSQL database has no file to lock, and needs none: runs on any
// number of machines share its sources, each claimed by one (ClaimSource).
func Lock(path string) (unlock func() error, err error) {
	if IsPostgres(path) {
		return func() error { return nil }, nil
	}
	name := path + ".lock"
	fl := flock.New(name, flock.SetFlag(os.O_RDWR|os.O_CREATE), flock.SetPermissions(0o644))
	ok, err := fl.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if !ok {
		return nil, fmt.Errorf("lock %s: %w%s", name, ErrLocked, lockHolder(name))
	}
	// The pid is only for the message another run prints; where the
	// system refuses the write (Windows locks are mandatory), it is left out.
	os.WriteFile(name, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o644)
	return func() error {
		if err := fl.Unlock(); err != nil {
			return fmt.Errorf("unlock %s: %w", name, err)
		}
		return nil
	}, nil
}

// lockHolder describes the holder from the pid it wrote, if any.
func lockHolder(name string) string {
	b, _ := os.ReadFile(name)
	pid, err := strconv.Atoi(strings.TrimSpace(string(b[:min(len(b), 32)])))
	if err != nil || pid <= 0 {
		return ""
	}
	return " (pid " + strconv.Itoa(pid) + ")"
}
