package store

import (
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Pray for Ana's visa!", []string{"pray", "for", "ana's", "visa"}},
		{"Pray for Ana’s visa", []string{"pray", "for", "ana's", "visa"}},
		{"'quoted' -- and, then…", []string{"quoted", "and", "then"}},
		{"Ombi: Wiki 12 ya_kwanza", []string{"ombi", "wiki", "12", "ya_kwanza"}},
		{"Bergström ÉGLISE", []string{"bergström", "église"}},
		{"  ", nil},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := words(tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("words(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"a b c d", "a b c d", 1},
		{"a b c d", "D, C. b A!", 1},
		{"a b c d", "a b c e", 3.0 / 5},
		{"a b", "c d", 0},
		{"", "", 0},
		{"a", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.a+"|"+tc.b, func(t *testing.T) {
			if got := jaccard(newWordSet(tc.a), newWordSet(tc.b)); got != tc.want {
				t.Errorf("jaccard = %v, want %v", got, tc.want)
			}
		})
	}
}

func cand(kind string, pos int, text string) candidate {
	return candidate{kind: kind, words: newWordSet(text), position: pos}
}

func TestMatch(t *testing.T) {
	long := "one two three four five six seven eight nine ten"
	edit := strings.Replace(long, "ten", "eleven", 1) // 9/11 ≈ 0.82
	tests := []struct {
		name       string
		news, olds []candidate
		want       []int
	}{
		{"identical", []candidate{cand("prayer", 0, long)}, []candidate{cand("prayer", 0, long)}, []int{0}},
		{"light edit", []candidate{cand("prayer", 0, edit)}, []candidate{cand("prayer", 0, long)}, []int{0}},
		{"kind differs", []candidate{cand("praise", 0, long)}, []candidate{cand("prayer", 0, long)}, []int{-1}},
		{"too different", []candidate{cand("prayer", 0, "one two three")}, []candidate{cand("prayer", 0, long)}, []int{-1}},
		{"best first", []candidate{cand("prayer", 0, edit), cand("prayer", 1, long)},
			[]candidate{cand("prayer", 0, long)}, []int{-1, 0}},
		{"one to one", []candidate{cand("prayer", 0, long), cand("prayer", 1, long)},
			[]candidate{cand("prayer", 5, long)}, []int{-1, 0}},
		{"repeats keep positions", []candidate{cand("prayer", 1, long), cand("prayer", 0, long)},
			[]candidate{cand("prayer", 0, long), cand("prayer", 1, long)}, []int{1, 0}},
		{"nothing stored", []candidate{cand("prayer", 0, long)}, nil, []int{-1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := match(tc.news, tc.olds); !slices.Equal(got, tc.want) {
				t.Errorf("match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestItemID(t *testing.T) {
	base := itemID("ijm", "https://ijm.example/feed", "u1", normalize("Pray for the team."), "")
	tests := []struct {
		name                        string
		partner, source, guid, text string
		salt                        string
		same                        bool
	}{
		{"same", "ijm", "https://ijm.example/feed", "u1", "Pray for the team.", "", true},
		{"case and punctuation", "ijm", "https://ijm.example/feed", "u1", "pray  for the TEAM", "", true},
		{"other partner", "kelu", "https://ijm.example/feed", "u1", "Pray for the team.", "", false},
		{"other source", "ijm", "https://ijm.example/rss", "u1", "Pray for the team.", "", false},
		{"other guid", "ijm", "https://ijm.example/feed", "u2", "Pray for the team.", "", false},
		{"word order", "ijm", "https://ijm.example/feed", "u1", "the team Pray for", "", false},
		{"salted", "ijm", "https://ijm.example/feed", "u1", "Pray for the team.", "position 1", false},
		{"fields do not run together", "ij", "mhttps://ijm.example/feed", "u1", "Pray for the team.", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id := itemID(tc.partner, tc.source, tc.guid, normalize(tc.text), tc.salt)
			if got := id == base; got != tc.same {
				t.Errorf("id %q vs %q: same = %v, want %v", id, base, got, tc.same)
			}
			if len(id) != 16 || strings.ContainsAny(id, "+/=") {
				t.Errorf("id %q: want 16 URL-safe characters", id)
			}
		})
	}
}

// Normalizing is idempotent and leaves only words separated by single
// spaces, whatever the input.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Pray for Ana’s visa!", "'quoted' -- and, then…", "\xff\xfe", "ÉGLISE ´x´ `y`", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := normalize(s)
		if again := normalize(n); again != n {
			t.Errorf("normalize(%q) = %q, normalized again %q", s, n, again)
		}
		for _, w := range strings.Split(n, " ") {
			if n != "" && (w == "" || strings.Trim(w, "'") != w) {
				t.Errorf("normalize(%q) = %q: bad word %q", s, n, w)
			}
		}
	})
}
