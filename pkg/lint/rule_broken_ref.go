package lint

import (
	"slices"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleBrokenRef is the id of the rule broken-ref.
const RuleBrokenRef = "broken-ref"

var brokenRefRule = RuleInfo{
	ID:       RuleBrokenRef,
	Default:  Error,
	Summary:  "related, supersedes, roles or kpis names an SOP, role or KPI that does not exist",
	refCheck: (*docCheck).brokenRefs,
	Fix: "Correct the entry or remove it. SOPs are named by id (the file name without .md), roles by a " +
		"role template id or a key of roles: in sopctl.yaml, and KPIs by a key of kpis: in sopctl.yaml.",
	Bad: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
related: [escalation-procedures]
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit, or escalate the case to your team leader.

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
`,
	Good: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
related: [escalation-procedure]
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit, or escalate the case to your team leader.

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
`,
}

// brokenRefs: broken-ref, for each list field that the table says names
// SOPs, roles or KPIs (sop.Field.Refs).
func (c *docCheck) brokenRefs() {
	for _, f := range c.fields {
		if known, hint := c.refLookup(f.Refs); known != nil {
			c.refs(f.Name, known, hint)
		}
	}
}

// refLookup returns whether a name is one of what r names, and the hint
// that says what an unknown name is not; nil for free text.
func (c *docCheck) refLookup(r sop.Ref) (known func(string) bool, hint func(string) string) {
	switch r {
	case sop.RefSOP:
		return func(id string) bool { return len(c.lib.IndexesOf(id)) > 0 }, c.sopHint
	case sop.RefRole:
		return func(r string) bool { return c.roles[r] }, c.roleHint
	case sop.RefKPI:
		return func(k string) bool { _, ok := c.lib.Config.KPI(k); return ok }, c.kpiHint
	}
	return nil, nil
}

// refs reports each item of the field's list that known does not know,
// saying what it is not with hint.
func (c *docCheck) refs(field string, known func(string) bool, hint func(string) string) {
	for it := range c.b.Items(field) {
		if !known(it.Text) {
			c.report(RuleBrokenRef, it.Pos, "%s names %q, which %s", field, it.Text, hint(it.Text))
		}
	}
}

func (c *docCheck) sopHint(id string) string {
	return "is no SOP of this library" + suggest(id, c.ids, "fix the id or remove it")
}

func (c *docCheck) roleHint(r string) string {
	return "is no role template and not under roles: in " + library.ConfigFile + suggest(r, mapKeys(c.roles), "add it there or fix the id")
}

func (c *docCheck) kpiHint(k string) string {
	var ids []string
	for _, e := range c.lib.Config.KPIs {
		ids = append(ids, e.ID)
	}
	return "is not under kpis: in " + library.ConfigFile + suggest(k, ids, "add it there with its name")
}

// suggest ends a message about the unknown name s: with the closest of
// known, else with what to do.
func suggest(s string, known []string, otherwise string) string {
	if q := sop.DidYouMean(s, known); q != "" {
		return ": " + q
	}
	return ": " + otherwise
}

func mapKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
