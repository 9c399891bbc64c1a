package lint

import (
	"github.com/sopctl/sopctl/pkg/fix"

	"github.com/sopctl/sopctl/pkg/sop"
)

var invalidFieldRule = RuleInfo{
	ID:      sop.RuleInvalidField,
	Default: Error,
	Summary: "a field has the wrong type, or a malformed date, version, status or id",
	check:   (*docCheck).invalidFields,
	Fix: "Write the value in the form the message gives: versions in quotes, like \"1.10\" " +
		"(unquoted, YAML reads 1.10 as the number 1.1), dates as YYYY-MM-DD, status as draft, review, " +
		"approved or retired, ids as lower-case words joined by hyphens, and lists as [a, b].",
	Bad: `---
id: escalation-procedure
title: Escalation Procedure
version: 1.10
status: review
owner: Customer Service Manager
---

# Escalation Procedure

## Purpose
Gets a complaint to someone with the authority to settle it before the customer gives up.

## Scope
Complaints a first-line agent cannot resolve within their own approval limit.

## Procedure
1. Tell the customer you are passing the case on, and to whom.
2. Hand the case to the team leader with a summary of what has been tried.
3. The team leader contacts the customer within four working hours.
`,
	Good: `---
id: escalation-procedure
title: Escalation Procedure
version: "1.10"
status: review
owner: Customer Service Manager
---

# Escalation Procedure

## Purpose
Gets a complaint to someone with the authority to settle it before the customer gives up.

## Scope
Complaints a first-line agent cannot resolve within their own approval limit.

## Procedure
1. Tell the customer you are passing the case on, and to whom.
2. Hand the case to the team leader with a summary of what has been tried.
3. The team leader contacts the customer within four working hours.
`,
	Fixer: fix.QuoteVersion,
}

// invalidFields: the invalid-field problems the parser found.
func (c *docCheck) invalidFields() { c.frontMatterProblems(sop.RuleInvalidField) }
