package lint

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/sop"
)

// TestRegistry: every rule has an id of its own, lower-case words joined
// by hyphens, a doc, and a way to be found: a check, a library check, or
// one of the sources outside the registry's checks.
func TestRegistry(t *testing.T) {
	elsewhere := map[string]string{
		sop.RuleInvalidFile:    "the parser (library.Failed)",
		sop.RuleYAMLSyntax:     "the parser (library.Failed)",
		RuleUnusedSuppression:  "suppress",
		RuleInvalidSuppression: "suppress",
	}
	idPattern := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	seen := map[string]bool{}
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			if seen[r.ID] {
				t.Errorf("%s is registered twice", r.ID)
			}
			seen[r.ID] = true
			if !idPattern.MatchString(r.ID) {
				t.Errorf("id %q is not lower-case words joined by hyphens", r.ID)
			}
			if r.Default == Off || r.Summary == "" || r.Fix == "" || r.Bad == "" || r.Good == "" {
				t.Errorf("%s lacks a default severity, summary, fix or example", r.ID)
			}
			if strings.HasSuffix(r.Summary, ".") || strings.ToLower(r.Summary[:1]) != r.Summary[:1] {
				t.Errorf("%s: the summary %q reads after \"fires when\": lower-case, no full stop", r.ID, r.Summary)
			}
			found := 0
			if r.check != nil {
				found++
			}
			if r.refCheck != nil {
				found++
			}
			if r.libCheck != nil {
				found++
			}
			if _, ok := elsewhere[r.ID]; ok {
				found++
			}
			if found != 1 {
				t.Errorf("%s: %d ways to be found (check, refCheck, libCheck, elsewhere), want 1", r.ID, found)
			}
			if r.Fixed != (r.ID == sop.RuleInvalidFile || r.ID == sop.RuleYAMLSyntax) {
				t.Errorf("%s: Fixed = %v", r.ID, r.Fixed)
			}
			if got, ok := Rule(r.ID); !ok || got.ID != r.ID {
				t.Errorf("Rule(%q) = %v, %v", r.ID, got.ID, ok)
			}
		})
	}
	if _, ok := Rule("nope"); ok {
		t.Error(`Rule("nope") found a rule`)
	}
}

// TestRuleIDsOnce: each rule id is written once in the code, as the
// constant the rest refers to (comments aside).
func TestRuleIDsOnce(t *testing.T) {
	files, err := filepath.Glob("../*/*.go")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../*/*/*.go")
	count := map[string][]string{}
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if code, _, _ := strings.Cut(line, "//"); code != "" {
				for _, id := range RuleIDs() {
					if strings.Contains(code, `"`+id+`"`) {
						count[id] = append(count[id], f)
					}
				}
			}
		}
	}
	for _, id := range RuleIDs() {
		if len(count[id]) != 1 {
			t.Errorf("%q is written %d times in non-test code (%v), want once: use its constant", id, len(count[id]), count[id])
		}
	}
}
