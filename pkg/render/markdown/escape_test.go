package markdown

import (
	"testing"
)

// TestEscape: escape's short cut for plain text (plainText) gives what
// its long way gives.
func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Refund a card payment", "Refund a card payment"},
		{"v1.2 - 3 of 4, 50% done.", "v1.2 - 3 of 4, 50% done."},
		{" lead", "lead"},
		{"trail ", "trail"},
		{"two  spaces", "two spaces"},
		{"tab\there", "tab here"},
		{"line\nbreak", "line break"},
		{"no\u00a0break", "no break"},
		{"café", "café"},
		{"a<b>&c", "a&lt;b&gt;&amp;c"},
		{`[x](y) *b* _i_ #1 |t| !~{}\`, `\[x\]\(y\) \*b\* \_i\_ \#1 \|t\| \!\~\{\}\\`},
		{"`code`", "\\`code\\`"},
	} {
		if got := escape(tc.in); got != tc.want {
			t.Errorf("escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzEscape: the short cut never differs from the long way.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"Plain title", " x", "a  b", "a\tb", "[x]", "é", "\x7f", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainText(s) && escapeText(s) != s {
			t.Errorf("plainText(%q) but escape's long way gives %q", s, escapeText(s))
		}
	})
}
