package lint

import (
	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleApprovalIncomplete is the id of the rule approval-incomplete.
const RuleApprovalIncomplete = "approval-incomplete"

var approvalIncompleteRule = RuleInfo{
	ID:      RuleApprovalIncomplete,
	Default: Error,
	Summary: "status is approved but approver or effective is missing",
	check:   (*docCheck).approvalIncomplete,
	Fix: "Add approver (the job title of whoever signed the procedure off) and effective (the date it " +
		"takes effect, YYYY-MM-DD). If it has not been signed off yet, set status to review instead.",
	Bad: `---
id: escalation-procedure
title: Escalation Procedure
version: "1.2"
status: approved
owner: Customer Service Manager
effective: 2026-10-01
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
version: "1.2"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2026-10-01
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

// approvalIncomplete: approval-incomplete, for the fields the table says
// an approved SOP needs (sop.Field.Approval).
func (c *docCheck) approvalIncomplete() {
	m := &c.d.Meta
	if m.Status.Text != sop.StatusApproved {
		return
	}
	var missing, asks []string
	for _, f := range c.fields {
		if f.Approval && !m.Has(f.Name) {
			missing, asks = append(missing, f.Name), append(asks, f.Asks)
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		c.report(RuleApprovalIncomplete, m.Status.Pos, "status is approved but %s is missing: add it", missing[0])
	default:
		c.report(RuleApprovalIncomplete, m.Status.Pos, "status is approved but %s are missing: add %s", sop.JoinWords(missing, "and"), sop.JoinWords(asks, "and"))
	}
}
