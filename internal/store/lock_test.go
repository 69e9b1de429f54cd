package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "prayerfeed.db")
	unlock, err := Lock(path)
	if err != nil {
		t.Fatalf("first Lock: %v", err)
	}
	_, err = Lock(path)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Lock error = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path+".lock") {
		t.Errorf("error %q does not name the lock file", err)
	}
	if err := unlock(); err != nil {
		t.Fatalf("unlock: %v", err)
	}
	unlock2, err := Lock(path)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	if err := unlock2(); err != nil {
		t.Fatal(err)
	}
}

func TestLockUnwritableDirectory(t *testing.T) {
	_, err := Lock(filepath.Join(t.TempDir(), "missing", "prayerfeed.db"))
	if err == nil || errors.Is(err, ErrLocked) {
		t.Errorf("Lock in a missing directory: error = %v, want a non-ErrLocked error", err)
	}
}
