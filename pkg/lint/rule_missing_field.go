package lint

import "github.com/sopctl/sopctl/pkg/fix"

// RuleMissingField is the id of the rule missing-field.
const RuleMissingField = "missing-field"

var missingFieldRule = RuleInfo{
	ID:      RuleMissingField,
	Default: Error,
	Summary: "a required field is absent or empty",
	check:   (*docCheck).missingFields,
	Fix: "Add the field with a value. By default id, title, version, status and owner are required " +
		"(required_fields in sopctl.yaml changes the list); owner is the job title of the person " +
		"responsible for the procedure.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
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
	Fixer: fix.AddField,
}

// missingFields: missing-field.
func (c *docCheck) missingFields() {
	for _, f := range c.lib.Config.RequiredFields {
		if !c.d.Meta.Has(f) {
			c.report(RuleMissingField, fileStart, "required field %s is missing or empty: add %s: to the front matter", f, f)
		}
	}
}
