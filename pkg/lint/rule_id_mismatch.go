package lint

import (
	"path"
	"strings"
)

// RuleIDMismatch is the id of the rule id-mismatch.
const RuleIDMismatch = "id-mismatch"

var idMismatchRule = RuleInfo{
	ID:      RuleIDMismatch,
	Default: Error,
	Summary: "the id differs from the file name without .md",
	check:   (*docCheck).idMismatch,
	Fix: "Make the id and the file name agree: change the id, or rename the file to <id>.md. " +
		"Other SOPs refer to an SOP by its id, so update their related lists and links to match.",
	Bad: `# file: sops/refund-approval.md
---
id: refunds
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
	Good: `# file: sops/refund-approval.md
---
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
}

// idMismatch: id-mismatch.
func (c *docCheck) idMismatch() {
	m := c.d.Meta
	stem := strings.TrimSuffix(path.Base(c.d.Path), ".md")
	if m.ID.Set && m.ID.Text != stem {
		c.report(RuleIDMismatch, m.ID.Pos, "id %q differs from the file name %s.md: rename the file to %s.md or set id: %s", m.ID.Text, stem, m.ID.Text, stem)
	}
}
