package lint

import (
	"github.com/sopctl/sopctl/pkg/sop"
)

var yamlSyntaxRule = RuleInfo{
	ID:      sop.RuleYAMLSyntax,
	Default: Error,
	Fixed:   true,
	Summary: "the front matter is not valid YAML, or is more than plain key: value data",
	Fix: "Write the front matter as plain key: value lines indented with spaces, giving each key once. " +
		"Write values out in full instead of using anchors (&), aliases (*), merge keys (<<) or tags (!), " +
		"and keep to a single YAML document; the message names the line to look at.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.3"
status: review
owner: Billing Team Leader
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
	Good: `---
id: refund-approval
title: Refund Approval
version: "1.3"
status: review
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
