package lint

// RuleSelfRef is the id of the rule self-ref.
const RuleSelfRef = "self-ref"

var selfRefRule = RuleInfo{
	ID:       RuleSelfRef,
	Default:  Error,
	Summary:  "an SOP lists itself in related or links to its own file",
	refCheck: (*docCheck).selfRefs,
	Fix: "Remove the SOP's own id from related, and list the procedures it actually works with instead. " +
		"To point to another part of the same SOP, link to the heading alone, like [limits](#refund-limits).",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
related: [refund-approval]
---

# Refund Approval

## Purpose
Makes sure refunds are fair, consistent and paid within five business days.

## Scope
Refund requests from customers on any channel, handled by representatives and team leaders.

## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.
3. Tell the customer the amount and when to expect it.
`,
	Good: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
related: []
---

# Refund Approval

## Purpose
Makes sure refunds are fair, consistent and paid within five business days.

## Scope
Refund requests from customers on any channel, handled by representatives and team leaders.

## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.
3. Tell the customer the amount and when to expect it.
`,
}

// selfRefs: self-ref, in related, in supersedes and in body links.
func (c *docCheck) selfRefs() {
	id := c.b.ID().Text
	for it := range c.b.Items("related") {
		if it.Text == id {
			c.report(RuleSelfRef, it.Pos, "the SOP lists itself in related: remove %s", it.Text)
		}
	}
	for it := range c.b.Items("supersedes") {
		if it.Text == id {
			c.report(RuleSelfRef, it.Pos, "the SOP supersedes itself: remove %s from supersedes", it.Text)
		}
	}
	for j := range c.hops {
		if t, h := c.linkedSOP(j); t == c.i && !h.anchorOnly {
			l := c.b.Link(j)
			c.report(RuleSelfRef, l.Pos, "the SOP links to itself (%s): link to the heading with #anchor, or remove the link", l.Dest)
		}
	}
}
