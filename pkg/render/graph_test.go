package render_test

import (
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestGraphEscapes: a title or a handbook title with control characters
// (YAML's "\e" and "\a" escapes make them) comes out of DOT and Mermaid as
// visible escapes, written as each language writes a backslash, and never
// raw.
func TestGraphEscapes(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml": "title: \"Hand\\e[2Jbook\"\n",
		"sops/a.md":   "---\nid: a\ntitle: \"R\\e]0;PWN\\a\\e[31mT \\\" \\\\ \\u009b1m \\u202eevil\\r\\nnext\"\nrelated: [b]\n---\n# x\n",
		"sops/b.md":   "---\nid: b\ntitle: B\n---\n# B\n",
	})
	h, _ := rendertest.Load(t, dir, nil)
	tests := []struct {
		format string
		out    string
		want   []string
	}{
		{"dot", h.DOT(), []string{
			`label="Hand\\x1b[2Jbook";`,
			`"a" [label="R\\x1b]0;PWN\\a\\x1b[31mT \" \\ \\u009b1m \\u202eevil\\r\nnext\na"];`,
			`"a" -> "b";`,
		}},
		{"mermaid", h.Mermaid(), []string{
			`s0["R\x1b#93;0;PWN\a\x1b#91;31mT #34; \ \u009b1m \u202eevil\r next"]`,
			"s0 --> s1",
		}},
	}
	for _, tt := range tests {
		for _, r := range tt.out {
			if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
				t.Errorf("%s holds %q:\n%s", tt.format, r, tt.out)
			}
		}
		for _, w := range tt.want {
			if !strings.Contains(tt.out, w) {
				t.Errorf("%s lacks %s:\n%s", tt.format, w, tt.out)
			}
		}
	}
}
