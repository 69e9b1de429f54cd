package store

// dialect is the SQL spoken by the database under a Store. Statements are
// written once; the few constructs the two spell differently come from
// here.
type dialect int

const (
	sqlite dialect = iota
	postgres
)

// jsonEach is a table of the elements of the JSON array in param, in a
// column named value: text on PostgreSQL, so a caller comparing numbers
// casts it (CAST(value AS BIGINT) reads the same on both).
func (d dialect) jsonEach(param string) string {
	if d == postgres {
		return "json_array_elements_text(CAST(" + param + " AS text)::json)"
	}
	return "json_each(" + param + ")"
}

// indexedBy names the index SQLite must use; PostgreSQL's planner picks
// its own.
func (d dialect) indexedBy(index string) string {
	if d == postgres {
		return ""
	}
	return " INDEXED BY " + index
}
