package lint

// RuleReviewOverdue is the id of the rule review-overdue.
const RuleReviewOverdue = "review-overdue"

var reviewOverdueRule = RuleInfo{
	ID:      RuleReviewOverdue,
	Default: Warning,
	Summary: "more than review_cycle_days (the SOP's, else sopctl.yaml's) have passed since reviewed (or else effective)",
	check:   (*docCheck).reviewOverdue,
	Fix: "Review the procedure with its owner, bring it up to date, and set reviewed to the date of the " +
		"review. review_cycle_days in sopctl.yaml sets how often reviews fall due (every 365 days by default); " +
		"review_cycle_days in an SOP's front matter overrides it for that SOP.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.4"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2023-06-01
reviewed: 2024-01-10
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
version: "1.5"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2023-06-01
reviewed: 2026-11-16
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

// reviewOverdue: review-overdue.
func (c *docCheck) reviewOverdue() {
	m := c.d.Meta
	if r, ok := m.NextReview(c.lib.Config.ReviewCycleDays, c.opts.Now); ok && r.Overdue() {
		c.report(RuleReviewOverdue, r.Base.Pos, "review was due on %s (%s + %d days): review the SOP and set reviewed: to the date of the review",
			r.Due, r.Base.Text, r.Cycle)
	}
}
