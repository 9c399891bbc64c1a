package lint

import (
	"github.com/sopctl/sopctl/pkg/library"
)

// RuleRetiredRef is the id of the rule retired-ref.
const RuleRetiredRef = "retired-ref"

var retiredRefRule = RuleInfo{
	ID:       RuleRetiredRef,
	Default:  Error,
	Summary:  "an SOP that is not retired relates or links to a retired SOP",
	refCheck: (*docCheck).retiredRefs,
	Fix: "Refer to the SOP that replaced the retired one instead. " +
		"If this SOP is the replacement, move the retired id from related to supersedes, where it belongs.",
	Bad: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "2.0"
status: draft
owner: Customer Service Manager
related: [refund-policy-2023]
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/refund-policy-2023.md
---
id: refund-policy-2023
title: Refund Policy 2023
version: "3.2"
status: retired
owner: Customer Service Manager
---
## Purpose
Set the refund rules used until Refund Approval replaced it.
## Scope
Refund requests received during 2023.
## Procedure
1. Refund any order returned within 14 days.
`,
	Good: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "2.0"
status: draft
owner: Customer Service Manager
supersedes: [refund-policy-2023]
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/refund-policy-2023.md
---
id: refund-policy-2023
title: Refund Policy 2023
version: "3.2"
status: retired
owner: Customer Service Manager
---
## Purpose
Set the refund rules used until Refund Approval replaced it.
## Scope
Refund requests received during 2023.
## Procedure
1. Refund any order returned within 14 days.
`,
}

// retiredRefs: retired-ref, in related and in body links, unless the SOP
// is retired itself.
func (c *docCheck) retiredRefs() {
	c.refsTo(func(t int) bool { return c.briefs[t].Retired() })
}

// refsTo reports retired-ref for each item of related and each body link
// that names an SOP (by its index) for which retired is true, unless the
// SOP checked is retired itself.
func (c *docCheck) refsTo(retired func(int) bool) {
	if c.retired() {
		return
	}
	id := c.b.ID().Text
	for it := range c.b.Items("related") {
		if t := c.lib.IndexesOf(it.Text); it.Text != id && len(t) > 0 && retired(int(t[0])) {
			c.report(RuleRetiredRef, it.Pos, "%s is retired: relate to the SOP that supersedes it instead", it.Text)
		}
	}
	for j := range c.hops {
		if t, _ := c.linkedSOP(j); t >= 0 && t != c.i && retired(t) {
			l := c.b.Link(j)
			c.report(RuleRetiredRef, l.Pos, "link to %s, which is retired: link to the SOP that supersedes it instead", l.Dest)
		}
	}
}

// RetirementRefs returns what retired-ref will report once the SOP with
// id is retired: each item of related and each link naming it in an SOP
// that is not retired (sopctl retire lists them), sorted, whatever the
// rule's severity (an SOP's own suppression comments are not read).
func RetirementRefs(lib *library.Library, opts Options, id string) []Finding {
	target := lib.IndexesOf(id)
	if len(target) == 0 {
		return nil
	}
	opts.Severities = map[string]Severity{RuleRetiredRef: Error}
	c := newChecker(lib, opts)
	var out []Finding
	for i := range c.briefs {
		if i == int(target[0]) {
			continue
		}
		dc := c.docCheck(i)
		dc.refsTo(func(t int) bool { return t == int(target[0]) })
		out = append(out, dc.out...)
	}
	Sort(out)
	return out
}
