package html

import (
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
		tok.add(d.text)
		if got := strings.Join(tok.words, " "); got != d.want {
			t.Errorf("%q: words %q, want %q", d.text, got, d.want)
		}
	}
}
