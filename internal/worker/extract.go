package worker

import (
	"github.com/prayerfeed/prayerfeed/internal/config"
	"github.com/prayerfeed/prayerfeed/internal/extract"
)

// ExtractOptions are the extractor options for a partner's updates.
func ExtractOptions(p config.Partner) extract.Options {
	return extract.Options{Markers: extract.Markers{Prayer: p.Markers.Prayer, Praise: p.Markers.Praise}}
}
