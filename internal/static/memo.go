package static

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/prayerfeed/prayerfeed/feed"
	"github.com/prayerfeed/prayerfeed/internal/site"
)

// memoReader remembers a build's last few item queries: the three formats
// of a feed ask the store the same question, and renderFiles renders them
// one after another (byFeed), so two of every three queries are answered
// from memory.
type memoReader struct {
	st   site.Reader
	mu   sync.Mutex
	keys []string // oldest first
	got  map[string][]feed.Item
}

// memoSize bounds what a memoReader holds: enough for the formats of the
// feeds that all render goroutines have in hand.
const memoSize = 32

func newMemoReader(st site.Reader) *memoReader {
	return &memoReader{st: st, got: map[string][]feed.Item{}}
}

// Items answers q from memory or the store. Each caller gets its own
// slice, since the site rewrites items in place (redaction).
func (m *memoReader) Items(ctx context.Context, q feed.Query) ([]feed.Item, error) {
	key := fmt.Sprintf("%q %q %q %d", q.Kinds, q.Partners, q.Exclude, q.Limit)
	m.mu.Lock()
	items, ok := m.got[key]
	m.mu.Unlock()
	if !ok {
		var err error
		if items, err = m.st.Items(ctx, q); err != nil {
			return nil, err
		}
		m.remember(key, items)
	}
	return append([]feed.Item(nil), items...), nil
}

func (m *memoReader) remember(key string, items []feed.Item) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.got[key]; ok {
		return
	}
	if len(m.keys) == memoSize {
		delete(m.got, m.keys[0])
		m.keys = m.keys[1:]
	}
	m.keys = append(m.keys, key)
	m.got[key] = items
}

// byFeed orders route indexes so that the formats of one feed
// ("/partners/a/feed.xml", ".atom", ".json") come one after another.
func byFeed(routes []string) []int {
	order := make([]int, len(routes))
	for i := range order {
		order[i] = i
	}
	base := func(i int) string { r := routes[i]; return strings.TrimSuffix(r, path.Ext(r)) }
	sort.SliceStable(order, func(a, b int) bool { return base(order[a]) < base(order[b]) })
	return order
}
