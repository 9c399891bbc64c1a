package lint

import "github.com/sopctl/sopctl/pkg/sop"

// RuleApproverIsOwner is the id of the rule approver-is-owner.
const RuleApproverIsOwner = "approver-is-owner"

var approverIsOwnerRule = RuleInfo{
	ID:      RuleApproverIsOwner,
	Default: Warning,
	Summary: "an approved SOP's approver is its owner (letter case and blanks aside)",
	check:   (*docCheck).approverIsOwner,
	Fix: "Have someone other than the owner approve the procedure, as a second pair of eyes, and set approver " +
		"to them (sopctl approve ID --by NAME). If one person must do both, turn the rule off in sopctl.yaml.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.4"
status: approved
owner: Customer Service Manager
approver: customer service manager
effective: 2026-06-01
reviewed: 2026-06-01
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
version: "1.4"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2026-06-01
reviewed: 2026-06-01
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

// approverIsOwner: approver-is-owner, at the approver's value.
func (c *docCheck) approverIsOwner() {
	m := &c.d.Meta
	if m.Status.Text == sop.StatusApproved && m.Approver.Set && m.Owner.Set && sop.SamePerson(m.Approver.Text, m.Owner.Text) {
		c.report(RuleApproverIsOwner, m.Approver.Pos, "the approver is the owner, %s: have someone else approve it (sopctl approve %s --by NAME)", m.Owner.Text, m.ID.Text)
	}
}
