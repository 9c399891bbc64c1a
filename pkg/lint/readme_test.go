package lint

import (
	"os"
	"strings"
	"testing"
)

// readmeSection is what the README says under each rule's heading, whose
// GitHub anchor is the rule's HelpURI (SARIF links there).
func readmeSection(r RuleInfo) string {
	always := ""
	if r.Fixed {
		always = " It cannot be turned off, changed or suppressed."
	}
	return "#### Rule `" + r.ID + "`\n\nDefault " + r.Default.String() + "; fires when " + r.Summary + "." + always + " " + r.Fix + "\n"
}

// TestReadmeRuleSections keeps a section per rule in the README, in
// registry order, equal to the rule's doc: SARIF's helpUri leads there.
func TestReadmeRuleSections(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.ReplaceAll(string(b), "\r\n", "\n")
	var want strings.Builder
	for i, r := range Rules() {
		if i > 0 {
			want.WriteString("\n")
		}
		want.WriteString(readmeSection(r))
		if !strings.HasSuffix(r.HelpURI(), "#rule-"+r.ID) {
			t.Errorf("%s: HelpURI %s is not the anchor of its README heading", r.ID, r.HelpURI())
		}
	}
	if !strings.Contains(readme, want.String()) {
		t.Errorf("the README's rule sections differ from the registry; they should read:\n\n%s", want.String())
	}
}
