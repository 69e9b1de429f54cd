package feed

// Query selects items for a feed. The zero Query selects every public item,
// newest first, up to the store's default limit.
type Query struct {
	// Kinds, when set, keeps only items of these kinds.
	Kinds []Kind
	// Partners, when set, keeps only items of these partner ids.
	Partners []string
	// Exclude leaves out items of these partner ids (private partners in
	// public feeds); it wins over Partners.
	Exclude []string
	// Limit caps the number of items; zero means the default.
	Limit int
}

// DefaultLimit is the number of items a feed holds when a query sets none.
const DefaultLimit = 50

// MaxLimit bounds what a reader may ask for, so one request cannot make the
// server render the whole history.
const MaxLimit = 500

// EffectiveLimit is q.Limit clamped to [1, MaxLimit], DefaultLimit when unset.
func (q Query) EffectiveLimit() int {
	switch {
	case q.Limit <= 0:
		return DefaultLimit
	case q.Limit > MaxLimit:
		return MaxLimit
	}
	return q.Limit
}
