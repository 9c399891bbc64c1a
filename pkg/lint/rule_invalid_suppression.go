package lint

// RuleInvalidSuppression is the id of the rule invalid-suppression.
const RuleInvalidSuppression = "invalid-suppression"

// invalidSuppressionRule is reported by suppress, as it reads the comments.
var invalidSuppressionRule = RuleInfo{
	ID:      RuleInvalidSuppression,
	Default: Warning,
	Summary: "a suppression comment names an unknown rule, no rule, or one that cannot be suppressed",
	Fix: "Write the rule ids as sopctl lint --list-rules prints them, separated by commas, after the directive " +
		"(sopctl-disable-next-line, sopctl-disable, sopctl-enable or sopctl-disable-file). " +
		"invalid-file and yaml-syntax cannot be suppressed: fix the file instead.",
	Bad: `---
id: returns-desk
title: Returns Desk
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Returns Desk

## Purpose
Takes back goods quickly and gives the customer a receipt for them.

## Scope
Returns brought to the front desk by customers.

## Procedure
1. Check the goods against the order in the order system.
<!-- sopctl-disable-next-line brokn-link -- the form ships with release 2 -->
2. Give the customer the [returns form](forms/returns.pdf).
`,
	Good: `---
id: returns-desk
title: Returns Desk
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Returns Desk

## Purpose
Takes back goods quickly and gives the customer a receipt for them.

## Scope
Returns brought to the front desk by customers.

## Procedure
1. Check the goods against the order in the order system.
<!-- sopctl-disable-next-line broken-link -- the form ships with release 2 -->
2. Give the customer the [returns form](forms/returns.pdf).
`,
}
