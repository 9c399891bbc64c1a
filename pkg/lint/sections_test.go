package lint

import (
	"fmt"
	"testing"
)

// missing-section is reported at the SOP's H1 (sop.Body.H1), else at line
// 1 (SPEC section 5).
func TestMissingSectionPosition(t *testing.T) {
	const sections = "## Purpose\nP.\n## Procedure\n1. Do it.\n"
	for _, tt := range []struct {
		name, body string
		want       string // "line:col" of the finding about Scope
	}{
		{"no H1", "\n" + sections, "1:1"},
		{"H1", "\n# Alpha\n\n" + sections, "7:1"},
		{"setext H1", "Alpha\n=====\n" + sections, "6:1"},
		{"indented H1", "\n  # Alpha\n" + sections, "7:3"},
		{"H1 that differs from the title", "# Beta\n" + sections, "6:1"},
		{"second H1 is not the H1", "# Alpha\n\n# Again\n" + sections, "6:1"},
		{"quoted H1 is not the H1", "> # Alpha\n\n" + sections, "1:1"},
		{"H1 in a list item is not the H1", "- # Alpha\n\n" + sections, "1:1"},
		{"H1 after the sections", sections + "\n# Alpha\n", "11:1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			for _, f := range alphaFindings(t, tt.body, "missing-section") {
				got += fmt.Sprintf("%d:%d", f.Line, f.Column)
			}
			if got != tt.want {
				t.Errorf("missing-section at %q, want %q", got, tt.want)
			}
		})
	}
}

// alphaFindings lints one SOP, sops/alpha.md titled Alpha, whose body
// starts on line 6, and returns its findings of the rule.
func alphaFindings(t *testing.T, body, rule string) []Finding {
	t.Helper()
	dir := t.TempDir()
	writeExample(t, dir, "---\nid: alpha\ntitle: Alpha\nstatus: draft\n---\n"+body)
	var out []Finding
	for _, f := range lintDir(t, dir) {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}
