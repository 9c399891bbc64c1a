package lint

// RuleUnusedSuppression is the id of the rule unused-suppression.
const RuleUnusedSuppression = "unused-suppression"

// unusedSuppressionRule is reported by suppress, after the other rules.
var unusedSuppressionRule = RuleInfo{
	ID:      RuleUnusedSuppression,
	Default: Info,
	Summary: "a suppression comment silenced nothing, or an sopctl-enable closes no sopctl-disable",
	Fix: "Remove the comment, or the rule id from it, once the finding it silenced is fixed: " +
		"a stale suppression would hide the next real finding on that line. " +
		"A suppression of a rule that sopctl.yaml turns off is not reported.",
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
<!-- sopctl-disable-next-line broken-link -->
1. Check the goods against the order in the order system.
2. Give the customer a returns receipt.
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
2. Give the customer a returns receipt.
`,
}
