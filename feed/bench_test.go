package feed

import (
	"fmt"
	"io"
	"testing"
	"time"
)

// benchItems makes n distinct items cycling through the hostile fixtures.
func benchItems(n int) []Item {
	base := testItems()
	items := make([]Item, n)
	for i := range items {
		it := base[i%len(base)]
		it.ID = fmt.Sprintf("%s-%d", it.ID, i)
		it.Published = it.Published.Add(-time.Duration(i) * time.Minute)
		items[i] = it
	}
	return items
}

func BenchmarkWrite(b *testing.B) {
	for _, n := range []int{50, 1000} {
		items := benchItems(n)
		for _, f := range Formats {
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				m := testMeta("/feed" + f.Ext())
				b.ReportAllocs()
				for b.Loop() {
					if err := Write(io.Discard, f, m, items); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "items/s")
			})
		}
	}
}
