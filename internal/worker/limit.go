package worker

import "sync"

// hostLimiter bounds the fetches in flight to each host, so a partner
// with many sources on one server is not hit by all of them at once.
type hostLimiter struct {
	per int
	mu  sync.Mutex
	sem map[string]chan struct{}
}

func newHostLimiter(per int) *hostLimiter {
	return &hostLimiter{per: per, sem: map[string]chan struct{}{}}
}

func (h *hostLimiter) acquire(host string) (release func()) {
	h.mu.Lock()
	ch, ok := h.sem[host]
	if !ok {
		ch = make(chan struct{}, h.per)
		h.sem[host] = ch
	}
	h.mu.Unlock()
	ch <- struct{}{}
	return func() { <-ch }
}
