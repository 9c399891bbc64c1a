package fix_test

import (
	"slices"
	"strings"
	"testing"
)

// lint --fix writes sopctl.yaml's value of a parameter in place of its
// citation in the body, escaped as Markdown; a citation in front matter,
// in code or of a parameter sopctl.yaml lacks stays.
func TestResolveParam(t *testing.T) {
	config := map[string]string{"sopctl.yaml": "title: T\nparams:\n  days: 3\n  mark: \"*5*\"\n"}
	tests := []struct {
		name, src, want string
		fixed           int
	}{
		{"body", fm + strings.Replace(b, "1. Step.", "1. Wait {{days}} days, then {{ mark }}.", 1),
			fm + strings.Replace(b, "1. Step.", "1. Wait 3 days, then \\*5\\*.", 1), 2},
		{"CRLF", strings.ReplaceAll(fm+strings.Replace(b, "Why.", "Within é{{days}}.", 1), "\n", "\r\n"),
			strings.ReplaceAll(fm+strings.Replace(b, "Why.", "Within é3.", 1), "\n", "\r\n"), 1},
		{"not in sopctl.yaml", fm + strings.Replace(b, "Why.", "{{weeks}}", 1), "", 0},
		{"front matter", strings.Replace(fm, "title: A", "title: A in {{days}}", 1) + strings.Replace(b, "# A", "# A in {{days}}", 1),
			strings.Replace(fm, "title: A", "title: A in {{days}}", 1) + strings.Replace(b, "# A", "# A in 3", 1), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, rules := fixOnce(t, tt.src, config)
			n := 0
			for _, r := range rules {
				if r == "unresolved-param" {
					n++
				}
			}
			if n != tt.fixed {
				t.Errorf("fixed %d unresolved-param findings (%v), want %d", n, rules, tt.fixed)
			}
			if tt.fixed > 0 && got != tt.want {
				t.Errorf("fixed file:\n%q\nwant:\n%q", got, tt.want)
			}
			if tt.fixed == 0 && slices.Contains(rules, "unresolved-param") {
				t.Errorf("fixed %v", rules)
			}
		})
	}
}
