package render

import (
	"strings"
	"testing"
)

// compareLower orders two strings as strings.Compare of their
// strings.ToLower does, whatever they hold.
func TestCompareLower(t *testing.T) {
	tests := []struct{ a, b string }{
		{"", ""}, {"", "a"}, {"a", ""},
		{"Alpha", "alpha"}, {"alpha", "Beta"}, {"Zulu", "alpha"}, {"ab", "a"}, {"a", "ab"},
		{"Émile", "emile"}, {"émile", "Zoe"}, {"İstanbul", "istanbul"}, {"ǅ", "ǆ"}, {"Σ", "ς"},
		{"K", "k"}, // the Kelvin sign
		{"a\xffb", "a\uFFFDb"}, {"\xff", "\xfe"}, {"\xe2\x82", "\xe2\x82\xac"}, {"a\xff", "A"},
		{"ẞ", "ß"}, {"Ⅻ", "ⅻ"}, {"€", "\xe2\x82\xad"},
	}
	for _, tt := range tests {
		want := strings.Compare(strings.ToLower(tt.a), strings.ToLower(tt.b))
		if got := compareLower(tt.a, tt.b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", tt.a, tt.b, got, want)
		}
	}
}

func FuzzCompareLower(f *testing.F) {
	f.Add("Alpha", "alpha")
	f.Add("a\xffb", "a\uFFFDb")
	f.Add("İstanbul", "istanbul")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
