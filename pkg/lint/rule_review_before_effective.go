package lint

import "github.com/sopctl/sopctl/pkg/sop"

// RuleReviewBeforeEffective is the id of the rule review-before-effective.
const RuleReviewBeforeEffective = "review-before-effective"

var reviewBeforeEffectiveRule = RuleInfo{
	ID:      RuleReviewBeforeEffective,
	Default: Warning,
	Summary: "reviewed is earlier than effective: the last review predates the version in force",
	check:   (*docCheck).reviewBeforeEffective,
	Fix: "Set reviewed to the date of the review of the version in force, no earlier than effective " +
		"(sopctl reviewed ID records today's), or correct effective if it is the wrong date.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.4"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2026-06-01
reviewed: 2026-05-20
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

// reviewBeforeEffective: review-before-effective, at the reviewed value.
func (c *docCheck) reviewBeforeEffective() {
	m := &c.d.Meta
	if !m.Reviewed.Set || !m.Effective.Set {
		return
	}
	_, errR := sop.ParseDate(m.Reviewed.Text)
	_, errE := sop.ParseDate(m.Effective.Text)
	if errR == nil && errE == nil && m.Reviewed.Text < m.Effective.Text {
		c.report(RuleReviewBeforeEffective, m.Reviewed.Pos, "reviewed %s is before effective %s: set reviewed to the date of the latest review (sopctl reviewed %s)", m.Reviewed.Text, m.Effective.Text, m.ID.Text)
	}
}
