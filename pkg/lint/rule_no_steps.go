package lint

// RuleNoSteps is the id of the rule no-steps.
const RuleNoSteps = "no-steps"

var noStepsRule = RuleInfo{
	ID:      RuleNoSteps,
	Default: Error,
	Summary: "the Procedure section has no numbered list of steps",
	check:   (*docCheck).noSteps,
	Fix: "Write the steps in the Procedure section as a numbered list (1. 2. 3.), one instruction per step, " +
		"in the order they are done. Bullets may still appear inside a step.",
	Bad: `---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Escalation Procedure

## Purpose
Gets a complaint to someone with the authority to settle it before the customer gives up.

## Scope
Complaints a first-line agent cannot resolve within their own approval limit.

## Procedure
- Tell the customer you are passing the case on, and to whom.
- Hand the case to the team leader with a summary of what has been tried.
- The team leader contacts the customer within four working hours.
`,
	Good: `---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
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
}

// noSteps: no-steps.
func (c *docCheck) noSteps() {
	if s, ok := c.d.Markdown.Section("Procedure"); ok && !s.Empty && !s.OrderedList {
		c.report(RuleNoSteps, s.Pos, "the Procedure has no numbered steps: write them as a numbered list (1. 2. 3.)")
	}
}
