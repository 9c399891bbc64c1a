package html

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// words splits as search.js splits a query: lower-cased runs of letters
// and numbers (\p{L}\p{N}), kept when two to forty characters long, once.
func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Refund REFUND refund", []string{"refund"}},
		{"a an I/O x1", []string{"an", "x1"}},
		{"e-mail: 24h, 2026-01-15", []string{"mail", "24h", "2026", "01", "15"}},
		{"Ärger ÄRGER über Straße", []string{"ärger", "über", "straße"}},
		{"ΑΘΗΝΑ 東京都 ²³", []string{"αθηνα", "東京都", "²³"}},
		{strings.Repeat("x", 40) + " " + strings.Repeat("y", 41), []string{strings.Repeat("x", 40)}},
		{strings.Repeat("é", 40) + " " + strings.Repeat("é", 41), []string{strings.Repeat("é", 40)}},
		{"tab\tnew\nline\u00a0nbsp", []string{"tab", "new", "line", "nbsp"}},
		{"bad \xff utf8", []string{"bad", "utf8"}},
		{"iPhone café naïve x1Y über2 zz", []string{"iphone", "café", "naïve", "x1y", "über2", "zz"}}, // words that leave lower-case ASCII
	}
	for _, tt := range tests {
		if got := words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPageTitle(t *testing.T) {
	long := strings.Repeat("x", 80)
	tests := []struct{ title, handbook, want string }{
		{"Refund Processing", "Acme Handbook", "Refund Processing · Acme Handbook"},
		{strings.Repeat("a", 30), strings.Repeat("b", 37), strings.Repeat("a", 30) + " · " + strings.Repeat("b", 37)}, // 70
		{strings.Repeat("a", 30), strings.Repeat("b", 38), strings.Repeat("a", 30)},                                   // 71
		{strings.Repeat("é", 30), strings.Repeat("ü", 37), strings.Repeat("é", 30) + " · " + strings.Repeat("ü", 37)}, // counted in characters
		{long, "H", long},
	}
	for _, tt := range tests {
		if got := pageTitle(tt.title, tt.handbook); got != tt.want {
			t.Errorf("pageTitle(%q, %q) = %q, want %q", tt.title, tt.handbook, got, tt.want)
		}
	}
}

// A tokenizer reused for another document lists that document's words,
// including the ones an earlier document had.
func TestTokenizerReuse(t *testing.T) {
	tok := newTokenizer()
	docs := []struct{ text, want string }{
		{"Refund the order", "refund the order"},
		{"the refund, the REFUND", "the refund"},
		{"", ""},
		{"order status", "order status"},
	}
	for _, d := range docs {
		tok.start()
		tok.addString(d.text)
		if got := strings.TrimSuffix(tok.words(), " "); got != d.want {
			t.Errorf("%q: words %q, want %q", d.text, got, d.want)
		}
	}
}

// A tokenizer that has met more words than its hash table first holds
// still finds each one, and lists a document's words once each, in the
// order met.
func TestTokenizerManyWords(t *testing.T) {
	var all []string
	for i := range 5000 {
		all = append(all, fmt.Sprintf("w%d", i))
	}
	reversed := slices.Clone(all)
	slices.Reverse(reversed)
	docs := []struct {
		name       string
		text, want []string
	}{
		{"all", all, all},
		{"reversed", reversed, reversed},
		{"a few", all[:3], all[:3]},
		{"repeated", slices.Concat(all[4990:], all), slices.Concat(all[4990:], all[:4990])},
	}
	tok := newTokenizer()
	for _, d := range docs {
		tok.start()
		tok.addString(strings.Join(d.text, " "))
		if got := strings.Fields(tok.words()); !slices.Equal(got, d.want) {
			t.Errorf("%s: %d words, want %d", d.name, len(got), len(d.want))
		}
	}
	if len(tok.known) != len(all) {
		t.Errorf("%d words known, want %d", len(tok.known), len(all))
	}
}
