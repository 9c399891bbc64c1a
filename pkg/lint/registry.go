package lint

import (
	"slices"

	"github.com/sopctl/sopctl/pkg/fix"
)

// RuleInfo is one lint rule: its id, default severity, documentation (for
// --list-rules, --explain, the README and SARIF's tool.driver.rules), its
// check and, for lint --fix, its fix. Each rule is one file rule_<id>.go
// holding its value, and one entry in registry.
type RuleInfo struct {
	ID      string
	Default Severity
	// Fixed: the rule cannot be turned off, changed or suppressed
	// (invalid-file, yaml-syntax).
	Fixed   bool
	Summary string // one line: what the rule checks
	// Bad is a complete SOP file that fires the rule and Good is the same
	// file fixed. A single file is sops/<id>.md for the id in its front
	// matter; where the file name matters, or an example needs more than
	// one file, each file follows a line "# file: PATH".
	Bad  string
	Good string
	Fix  string // one paragraph: how to fix it by hand
	// Fixer is what lint --fix applies to the rule's findings (pkg/fix):
	// nil when the rule has no fix that cannot change meaning.
	Fixer fix.Fixer

	// check reports the rule's findings in one SOP that it reads alone,
	// whole (sopctl lint runs it as the file is parsed, Local); refCheck
	// those in one SOP that depend on other SOPs, reading of each SOP only
	// its sop.Brief (docCheck.b; it must not read d, nil when the library
	// holds Briefs); libCheck those about the library as a whole. Rules found elsewhere (by the parser, or about suppression
	// comments) have none.
	check    func(*docCheck)
	refCheck func(*docCheck)
	libCheck func(*checker) []Finding
}

// registry holds every rule in SPEC order (section 5's table, then
// section 8's additions): adding a rule is its file and one line here.
var registry = []RuleInfo{
	invalidFileRule,
	yamlSyntaxRule,
	missingFieldRule,
	invalidFieldRule,
	unknownFieldRule,
	idMismatchRule,
	duplicateIDRule,
	missingSectionRule,
	emptySectionRule,
	noStepsRule,
	brokenRefRule,
	brokenLinkRule,
	selfRefRule,
	retiredRefRule,
	approvalIncompleteRule,
	reviewOverdueRule,
	titleMismatchRule,
	todoPlaceholderRule,
	orphanRule,
	emptyLibraryRule,
	unusedSuppressionRule,
	versionNotBumpedRule,
	invalidSuppressionRule,
	approverIsOwnerRule,
	effectiveInFutureRule,
	reviewBeforeEffectiveRule,
	unresolvedParamRule,
}

// Rules returns every rule, in SPEC order.
func Rules() []RuleInfo { return slices.Clone(registry) }

// RuleIDs returns every rule's id, in SPEC order.
func RuleIDs() []string {
	ids := make([]string, len(registry))
	for i, r := range registry {
		ids[i] = r.ID
	}
	return ids
}

// Rule returns one rule by id.
func Rule(id string) (RuleInfo, bool) {
	i := slices.IndexFunc(registry, func(r RuleInfo) bool { return r.ID == id })
	if i < 0 {
		return RuleInfo{}, false
	}
	return registry[i], true
}

// HelpURI is where the README documents the rule: the anchor of its
// "#### Rule `ID`" heading.
func (r RuleInfo) HelpURI() string { return "https://github.com/sopctl/sopctl#rule-" + r.ID }
