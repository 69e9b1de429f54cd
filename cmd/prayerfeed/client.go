package main

import (
	"flag"
	"time"

	"github.com/prayerfeed/prayerfeed/fetcher"
)

// defaultDeadline bounds a fetch cycle of fetch and of serve: well inside
// the quarter hour between two cron runs, so the next is not refused.
const defaultDeadline = 15 * time.Minute

// defaultLease is how long a fetch run sharing a PostgreSQL database
// holds a source it claimed: twice the cycle's deadline, so a live run
// records its fetch well before another may take the source over, and a
// killed run's sources are fetched again within the hour.
const defaultLease = 2 * defaultDeadline

// clientFlags are the fetch bounds shared by every command that fetches
// partner sources, so fetch, serve and check --live behave alike.
type clientFlags struct {
	timeout     time.Duration
	denyPrivate bool
}

func (c *clientFlags) register(fs *flag.FlagSet) {
	fs.DurationVar(&c.timeout, "timeout", 20*time.Second, "bound on fetching one source, redirects and body included")
	fs.BoolVar(&c.denyPrivate, "deny-private", false, "refuse sources and redirects that resolve to loopback, private or link-local addresses")
}

func (c *clientFlags) client() *fetcher.Client {
	return fetcher.NewClient(fetcher.ClientConfig{Timeout: c.timeout, DenyPrivate: c.denyPrivate})
}
