package lint

import "github.com/sopctl/sopctl/pkg/fix"

// RuleTitleMismatch is the id of the rule title-mismatch.
const RuleTitleMismatch = "title-mismatch"

var titleMismatchRule = RuleInfo{
	ID:      RuleTitleMismatch,
	Default: Warning,
	Summary: "the SOP's own H1 (its first level-1 heading outside block quotes and lists) differs from the title field",
	check:   (*docCheck).titleMismatch,
	Fix: "Make the SOP's H1 say the same as title, changing whichever is out of date. " +
		"A level-1 heading inside a block quote or a list is not the SOP's H1 and is not compared. " +
		"The heading is optional, so you can also delete it.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Approving Customer Refunds

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
	Fixer: fix.RetitleHeading,
}

// titleMismatch: title-mismatch.
func (c *docCheck) titleMismatch() {
	m, body := c.d.Meta, &c.d.Markdown
	if h, repeats := body.TitleHeading(m.Title.Text); h != nil && m.Title.Set && !repeats {
		c.report(RuleTitleMismatch, h.Pos, "the heading %q differs from the title %q: make them the same", h.Text, m.Title.Text)
	}
}
