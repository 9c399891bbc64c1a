package termsafe

import (
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func TestStrip(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text\twith tab\nand line", "plain text\twith tab\nand line"},
		{"a\x1b[1;31mb\x1b[0mc", "abc"},
		{"a\x1b[?25lb", "ab"},
		{"a\x1b]0;t\x07b", "ab"},
		{"a\x1b]0;t\x1b\\b", "ab"},
		{"a\x1b]0;t\u009cb", "ab"},
		{"a\x1b]0;never ends\nnext line", "a\nnext line"},
		{"a\x1b(Bb", "ab"},
		{"a\x1bcb", "ab"},
		{"a\x1b", "a"},
		{"a\x1b\x1b[2Jb", "ab"},
		{"a\u009b2Jb", "ab"},
		{"a\u009d0;t\x07b", "ab"},
		{"a\u0090x\u009cb\u0098y\u009cc\u009ez\u009cd\u009fw\u009ce", "abcde"},
		{"a\u0085b\u0080c", "abc"},
		{"a\x00b\x01c\x7fd\re", "abcde"},
		{"caf\xc3\xa9 \xff", "café \ufffd"},
		{"\u202eevil\u2066", "evil"},
		{"R\x1b]0;PWN\x07\x1b[31mT", "RT"},
		{"\x1b[2J\x1b]52;c;cHdu\x07Boss", "Boss"},
		{"right\u200fto\u200eleft", "right\u200fto\u200eleft"},
	}
	for _, tt := range tests {
		got := Strip(tt.in)
		if got != tt.want {
			t.Errorf("Strip(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if Text(got) != got {
			t.Errorf("Strip(%q) = %q still holds what Text escapes", tt.in, got)
		}
	}
}

func FuzzStrip(f *testing.F) {
	for _, s := range []string{"a\x1b[31mb", "\x1b]0;x\x07", "\u009b2J", "\xff", "\u202e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		defer testlib.Budget(t, len(s))()
		if got := Strip(s); Text(got) != got {
			t.Errorf("Strip(%q) = %q still holds what Text escapes", s, got)
		}
	})
}
