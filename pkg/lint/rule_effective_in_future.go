package lint

import (
	"time"

	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleEffectiveInFuture is the id of the rule effective-in-future.
const RuleEffectiveInFuture = "effective-in-future"

var effectiveInFutureRule = RuleInfo{
	ID:      RuleEffectiveInFuture,
	Default: Info,
	Summary: "an approved SOP's effective date is after today: it is not in force yet",
	check:   (*docCheck).effectiveInFuture,
	Fix: "Nothing to do when the date is right: the finding says the approved procedure takes effect later. " +
		"If it is in force already, set effective to the day it took effect.",
	Bad: `---
id: refund-approval
title: Refund Approval
version: "1.4"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2027-01-04
reviewed: 2027-01-04
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

// effectiveInFuture: effective-in-future, at the effective value. A
// zero Options.Now is no clock: nothing is in the future then.
func (c *docCheck) effectiveInFuture() {
	m := &c.d.Meta
	if m.Status.Text != sop.StatusApproved || !m.Effective.Set || c.opts.Now.IsZero() {
		return
	}
	if _, err := sop.ParseDate(m.Effective.Text); err != nil {
		return // invalid-field
	}
	// Dates written YYYY-MM-DD compare as text.
	if today := c.opts.Now.Format(time.DateOnly); m.Effective.Text > today {
		c.report(RuleEffectiveInFuture, m.Effective.Pos, "approved, but not in force until %s (today is %s)", m.Effective.Text, today)
	}
}
