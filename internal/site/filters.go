package site

// FilterValues returns the partner ids and tags partners.yaml configures:
// the only values of the partner and tag filters that can match anything,
// so a cache may key pages on these alone.
func (s *Site) FilterValues() (partners, tags []string) {
	for _, p := range s.cfg.Partners {
		partners = append(partners, p.ID)
		tags = append(tags, p.Tags...)
	}
	return partners, tags
}
