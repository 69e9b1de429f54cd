package config

import (
	"reflect"
	"strings"
)

// Closest returns the option nearest to word, for a "did you mean"
// hint: within two edits (one for words of four letters or fewer), or ""
// when no option is that near.
func Closest(word string, options []string) string {
	word = strings.ToLower(word)
	best, bestD := "", 3
	if len([]rune(word)) <= 4 {
		bestD = 2
	}
	for _, o := range options {
		if d := editDistance(word, strings.ToLower(o)); d < bestD {
			best, bestD = o, d
		}
	}
	return best
}

// editDistance is the Damerau-Levenshtein distance (with adjacent
// transpositions, the commonest typo) between a and b.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// yamlKeys lists the keys a struct type of this package accepts, by the
// type's name as the yaml package writes it in errors ("config.Partner").
func yamlKeys(typeName string) []string {
	t, ok := keyTypes[strings.TrimPrefix(typeName, "config.")]
	if !ok {
		return nil
	}
	var keys []string
	for i := range t.NumField() {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if key != "" && key != "-" {
			keys = append(keys, key)
		}
	}
	return keys
}

// keyTypes are the struct types partners.yaml is read into.
var keyTypes = func() map[string]reflect.Type {
	m := map[string]reflect.Type{}
	for _, v := range []any{Config{}, Partner{}, Source{}, Select{}, Rotation{}, Markers{}, Digest{}, Retention{}, Schedule{}, Mail{}} {
		t := reflect.TypeOf(v)
		m[t.Name()] = t
	}
	return m
}()

// unknownKeyMsg explains an unknown key found in a value of type
// typeName: a misspelling of one of its keys, a key of another part of
// the file (usually an indentation slip), or neither.
func unknownKeyMsg(key, typeName string) string {
	if near := Closest(key, yamlKeys(typeName)); near != "" {
		return "unknown key " + key + ": did you mean " + near + "?"
	}
	for name, t := range keyTypes {
		if name == strings.TrimPrefix(typeName, "config.") {
			continue
		}
		for _, k := range yamlKeys("config." + t.Name()) {
			if k == key {
				return "unknown key " + key + " here (" + key + " belongs elsewhere: check its indentation)"
			}
		}
	}
	return "unknown key " + key + " (check its spelling and indentation)"
}
