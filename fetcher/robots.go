package fetcher

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/temoto/robotstxt"
)

// ErrRobotsDisallowed is returned for a page or auto source whose site's
// robots.txt does not let prayerfeed read it. The source is skipped, not
// fetched, and the error is recorded on its status.
var ErrRobotsDisallowed = errors.New("disallowed by robots.txt")

// RobotsAgent is the name robots.txt rules address prayerfeed by, as in
// "User-agent: prayerfeed"; it is the product token of UserAgent.
const RobotsAgent = "prayerfeed"

// robotsCache holds each host's robots.txt for one fetch cycle, so twenty
// sources on one site cost one robots.txt request. Its zero value is ready.
type robotsCache struct {
	mu    sync.Mutex
	hosts map[string]*robotsEntry
}

// robotsEntry is one host's rules; its mutex makes concurrent sources on
// the host wait for the one request instead of each sending their own.
type robotsEntry struct {
	mu    sync.Mutex
	done  bool
	rules *robotstxt.RobotsData
	err   error
}

// StartCycle forgets every host's robots.txt, so a site's changed rules
// take effect from the next fetch cycle. The worker calls it before each.
func (c *Client) StartCycle() {
	c.robots.mu.Lock()
	c.robots.hosts = nil
	c.robots.mu.Unlock()
}

// checkRobots returns ErrRobotsDisallowed (wrapped, naming the URL) when
// the robots.txt of rawURL's host disallows RobotsAgent from it.
//
// As RFC 9309 says: a robots.txt that is missing or refused (4xx) allows
// everything; one the server fails to serve (5xx, or 429 Too Many
// Requests) disallows everything for now, because a site in trouble is
// the one least able to take our requests and its rules are unknown. An
// unparseable file allows everything. A network error is the source's
// error, as the page behind it would not load either.
func (c *Client) checkRobots(ctx context.Context, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("robots.txt for %q: not an absolute URL", rawURL)
	}
	rules, err := c.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !rules.TestAgent(path, RobotsAgent) {
		return fmt.Errorf("%w: %s/robots.txt disallows %s for User-agent %s", ErrRobotsDisallowed, origin(u), path, RobotsAgent)
	}
	return nil
}

// robotsFor returns u's host's rules, fetching them once per cycle.
func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*robotstxt.RobotsData, error) {
	key := origin(u)
	c.robots.mu.Lock()
	if c.robots.hosts == nil {
		c.robots.hosts = map[string]*robotsEntry{}
	}
	e, ok := c.robots.hosts[key]
	if !ok {
		e = &robotsEntry{}
		c.robots.hosts[key] = e
	}
	c.robots.mu.Unlock()

	e.mu.Lock()
	defer e.mu.Unlock()
	if e.done {
		return e.rules, e.err
	}
	rules, err := c.fetchRobots(ctx, key)
	if ctx.Err() != nil {
		// Cancelled, not answered: leave it for the next caller.
		return nil, err
	}
	e.rules, e.err, e.done = rules, err, true
	return rules, err
}

// fetchRobots reads origin's robots.txt and turns its status into rules.
func (c *Client) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, error) {
	robotsURL := origin + "/robots.txt"
	resp, err := c.Get(ctx, robotsURL, Validators{})
	var he *HTTPError
	switch {
	case errors.As(err, &he) && (he.Status >= 500 || he.Status == http.StatusTooManyRequests):
		return nil, fmt.Errorf("%w: %s answered %d, and RFC 9309 says to assume all is disallowed until it answers",
			ErrRobotsDisallowed, robotsURL, he.Status)
	case errors.As(err, &he):
		return allowAll, nil
	case err != nil:
		return nil, fmt.Errorf("fetch %s: %w", robotsURL, err)
	}
	rules, perr := robotstxt.FromBytes(resp.Body)
	if perr != nil {
		return allowAll, nil
	}
	return rules, nil
}

// allowAll is the rules of a site without a usable robots.txt.
var allowAll, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)

func origin(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host)
}
