package render

import (
	"fmt"
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

// Pages ranked by rankByTitle sort by byTitle as they would without
// ranks: by title, case-insensitively, ties by id; and a page without a
// rank (none from a Build) is still compared by its title.
func TestRankByTitle(t *testing.T) {
	titles := []string{"a", "A", "ab", "B", "é", "É", "İ", "i", "\xff", "\uFFFD", "K", "\u212a", "k", "Zeta", "zeta x", "a"}
	var ranked, plain []*Page
	for i, title := range titles {
		id := fmt.Sprintf("sop-%02d", len(titles)-i) // ids not in title order
		ranked = append(ranked, &Page{ID: id, Title: title})
		plain = append(plain, &Page{ID: id, Title: title})
	}
	rankByTitle(ranked)
	for i := range ranked {
		if ranked[i].titleRank == 0 {
			t.Fatalf("%q has no rank", ranked[i].Title)
		}
		for j := range ranked {
			if got, want := byTitle(ranked[i], ranked[j]), byTitle(plain[i], plain[j]); got != want {
				t.Errorf("byTitle(%q %s, %q %s) = %d ranked, %d by title", ranked[i].Title, ranked[i].ID, ranked[j].Title, ranked[j].ID, got, want)
			}
		}
	}
	if byTitle(ranked[0], plain[3]) >= 0 || byTitle(plain[3], ranked[0]) <= 0 {
		t.Errorf("a ranked page and one without a rank are not compared by title")
	}
}
