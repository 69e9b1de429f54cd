package static

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/prayerfeed/prayerfeed/feed"
)

// countingReader answers every query with one item naming the query, and
// counts the queries it was asked.
type countingReader struct{ asked map[string]int }

func (c *countingReader) Items(_ context.Context, q feed.Query) ([]feed.Item, error) {
	c.asked[fmt.Sprint(q.Partners)]++
	return []feed.Item{{Text: fmt.Sprint(q.Partners)}}, nil
}

func TestMemoReader(t *testing.T) {
	ctx := context.Background()
	st := &countingReader{asked: map[string]int{}}
	m := newMemoReader(st)
	q := func(p string) feed.Query { return feed.Query{Partners: []string{p}} }

	for range 3 {
		items, err := m.Items(ctx, q("a"))
		if err != nil || len(items) != 1 || items[0].Text != "[a]" {
			t.Fatalf("Items(a) = %v, %v; want the store's one item", items, err)
		}
		items[0].Text = "redacted" // the site rewrites items in place
	}
	if got := st.asked["[a]"]; got != 1 {
		t.Errorf("store asked %d times for a query repeated 3 times, want 1", got)
	}
	if items, _ := m.Items(ctx, q("a")); items[0].Text != "[a]" {
		t.Errorf("a caller's change reached the next caller: got %q", items[0].Text)
	}

	for i := range memoSize {
		m.Items(ctx, q(fmt.Sprint(i)))
	}
	if len(m.got) != memoSize {
		t.Errorf("memo holds %d queries, want at most %d", len(m.got), memoSize)
	}
	m.Items(ctx, q("a"))
	if got := st.asked["[a]"]; got != 2 {
		t.Errorf("store asked %d times for a query pushed out of the memo, want 2", got)
	}
}

func TestByFeed(t *testing.T) {
	routes := []string{"/", "/feed.xml", "/partners/b/feed.xml", "/feed.atom", "/partners/b/feed.atom", "/partners/a/feed.json", "/partners/a/feed.xml"}
	var got []string
	for _, i := range byFeed(routes) {
		got = append(got, routes[i])
	}
	want := []string{"/", "/feed.xml", "/feed.atom", "/partners/a/feed.json", "/partners/a/feed.xml", "/partners/b/feed.xml", "/partners/b/feed.atom"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("byFeed order = %q, want %q", got, want)
	}
}
