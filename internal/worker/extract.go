package worker

import (
	"github.com/prayerfeed/prayerfeed/fetcher"
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/extract"
)

// ExtractOptions are the extractor options for a partner's updates.
func ExtractOptions(p config.Partner) extract.Options {
	return extract.Options{Markers: extract.Markers{Prayer: p.Markers.Prayer, Praise: p.Markers.Praise}}
}

// FetcherSource is the fetcher's view of a partner's configured source.
func FetcherSource(p config.Partner, s config.Source) fetcher.Source {
	src := fetcher.Source{PartnerID: p.ID, URL: s.URL, Type: string(s.Type)}
	if sel := s.Select; sel != nil {
		src.Select = fetcher.Select{Item: sel.Item, Title: sel.Title, Link: sel.Link, Date: sel.Date, Content: sel.Content}
	}
	return src
}
