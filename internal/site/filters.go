package site

// FilterValues returns the partner ids and tags partners.yaml configures
// that sc may see: the only values of the partner and tag filters that can
// match anything there, so a cache may key pages on these alone. A private
// partner's id (and a tag only private partners carry) is left out of the
// public scope, so that ?partner= or ?tag= with it is answered exactly as
// an unknown value is, not echoed back confirming that it exists.
func (s *Site) FilterValues(sc Scope) (partners, tags []string) {
	for _, p := range s.cfg.Partners {
		if !s.visible(p.ID, sc) {
			continue
		}
		partners = append(partners, p.ID)
		tags = append(tags, p.Tags...)
	}
	return partners, tags
}
