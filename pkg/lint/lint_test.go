package lint

import (
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
)

var today = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)

var builtinRoles = []string{"customer-contact-specialist", "customer-service-representative",
	"customer-service-correspondence-clerk", "customer-service-operations"}

// writeExample writes a rule's example into a library: files are
// separated by "# file: PATH" lines; a single file is sops/<id>.md.
func writeExample(t *testing.T, dir, example string) {
	t.Helper()
	files := map[string]string{}
	if strings.HasPrefix(example, "# file: ") {
		for _, part := range strings.Split(example, "# file: ")[1:] {
			name, body, _ := strings.Cut(part, "\n")
			files[strings.TrimSpace(name)] = body
		}
	} else {
		id := ""
		for _, line := range strings.Split(example, "\n") {
			if v, ok := strings.CutPrefix(line, "id: "); ok {
				id = strings.TrimSpace(v)
				break
			}
		}
		if id == "" {
			id = "example"
		}
		files["sops/"+id+".md"] = example
	}
	files["sopctl.yaml"] = "title: Examples\nkpis: {CSAT: Customer Satisfaction Score, FCR: First Contact Resolution}\n"
	testlib.WriteTree(t, dir, files)
}

func lintDir(t *testing.T, dir string) []Finding {
	t.Helper()
	return runBoth(t, dir, Options{Now: today, Roles: builtinRoles, Severities: defaultSeverities()})
}

// TestRuleExamples: every rule fires on its documented bad example and
// the fixed example has no error or warning at all.
func TestRuleExamples(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			bad := t.TempDir()
			fired := false
			for _, f := range lintExample(t, bad, r.Bad) {
				if f.Rule == r.ID {
					fired = true
					if f.Line < 1 || f.Column < 1 || f.Message == "" {
						t.Errorf("finding without position or message: %+v", f)
					}
				}
			}
			if !fired {
				t.Errorf("%s does not fire on its bad example", r.ID)
			}
			good := t.TempDir()
			for _, f := range lintExample(t, good, r.Good) {
				if f.Rule == r.ID || f.Severity >= Warning {
					t.Errorf("good example: %s:%d:%d: %s %s: %s", f.Path, f.Line, f.Column, f.Severity, f.Rule, f.Message)
				}
			}
		})
	}
}

func TestRulesDocumented(t *testing.T) {
	want := []string{"invalid-file", "yaml-syntax", "missing-field", "invalid-field", "unknown-field", "id-mismatch",
		"duplicate-id", "missing-section", "empty-section", "no-steps", "broken-ref", "broken-link", "self-ref",
		"retired-ref", "approval-incomplete", "review-overdue", "title-mismatch", "todo-placeholder", "orphan", "empty-library",
		"unused-suppression", "version-not-bumped", "invalid-suppression", "approver-is-owner", "effective-in-future", "review-before-effective", "unresolved-param"}
	rules := Rules()
	if len(rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(rules), len(want))
	}
	for i, r := range rules {
		if r.ID != want[i] || r.Summary == "" || r.Fix == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("rule %d = %s, want %s with summary, fix and examples", i, r.ID, want[i])
		}
	}
}

func TestConfigure(t *testing.T) {
	tests := []struct {
		rules, want string
	}{
		{"{orphan: off, title-mismatch: error}", ""},
		{"{orphn: off}", `sopctl.yaml:2:16: lint.rules: unknown rule "orphn": did you mean "orphan"?`},
		{"{yaml-syntax: warning}", "sopctl.yaml:2:16: lint.rules: yaml-syntax cannot be changed"},
		{"{invalid-file: error}", ""},
	}
	for _, tt := range tests {
		cfg, err := library.ParseConfig("sopctl.yaml", []byte("title: T\nlint: {rules: "+tt.rules+"}\n"))
		if err != nil {
			t.Fatal(err)
		}
		sev, err := Configure(cfg)
		if tt.want == "" {
			if err != nil || (strings.Contains(tt.rules, "orphan: off") && sev["orphan"] != Off) {
				t.Errorf("Configure(%s) = %v, %v", tt.rules, sev, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Configure(%s) error = %v, want %q", tt.rules, err, tt.want)
		}
	}
}
