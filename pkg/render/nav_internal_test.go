package render

import (
	"strings"
	"testing"
)

// compareLower orders as strings.Compare of the strings.ToLower copies.
func TestCompareLower(t *testing.T) {
	words := []string{"", "a", "A", "ab", "aB", "Ab", "b", "Z", "z[", "Z[", "_", "é", "É", "e\u0301", "İ", "i", "ı", "Σ", "σ", "ς",
		"\xff", "\xffa", "a\xff", "\uFFFD", "\uFFFDb", "ẞ", "ß", "Ǆ", "ǅ", "ǆ", "K", "\u212a", "k", "😀", "\U0001F600a", "ZETA", "zeta x"}
	for _, a := range words {
		for _, b := range words {
			want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
			if got := compareLower(a, b); got != want {
				t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func FuzzCompareLower(f *testing.F) {
	f.Add("Alpha", "alpha")
	f.Add("\xffÉ", "\uFFFDé")
	f.Fuzz(func(t *testing.T, a, b string) {
		want := strings.Compare(strings.ToLower(a), strings.ToLower(b))
		if got := compareLower(a, b); got != want {
			t.Errorf("compareLower(%q, %q) = %d, want %d", a, b, got, want)
		}
	})
}
