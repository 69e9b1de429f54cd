package pgtest

import (
	"context"
	"errors"
	"os"
	"sync"
	"testing"
)

// shared is the one cluster of a test binary, started by the first test
// that asks for a database and stopped by Main: starting a cluster takes
// seconds, creating a database a few milliseconds. A package variable,
// because TestMain and the tests share nothing else.
var shared struct {
	once    sync.Once
	cluster *Cluster
	err     error
}

// Main runs the tests, then stops the cluster if a test started one. Call
// it from TestMain: os.Exit(pgtest.Main(m)).
func Main(m *testing.M) int {
	code := m.Run()
	if shared.cluster != nil {
		if err := shared.cluster.Stop(); err != nil {
			os.Stderr.WriteString("pgtest: " + err.Error() + "\n")
		}
	}
	return code
}

// DB returns the URL of a new empty database on the test binary's
// cluster. Without PostgreSQL installed the test is skipped, or fails
// when CI is set (CI installs it); -short skips it too.
func DB(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("testing.Short: PostgreSQL test")
	}
	shared.once.Do(func() {
		shared.cluster, shared.err = Start(context.Background())
	})
	if errors.Is(shared.err, ErrNoPostgres) && os.Getenv("CI") == "" {
		t.Skipf("%v", shared.err)
	}
	if shared.err != nil {
		t.Fatalf("%v", shared.err)
	}
	url, err := shared.cluster.CreateDB(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return url
}
