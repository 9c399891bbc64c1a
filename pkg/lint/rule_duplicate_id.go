package lint

import (
	"strings"
)

// RuleDuplicateID is the id of the rule duplicate-id.
const RuleDuplicateID = "duplicate-id"

var duplicateIDRule = RuleInfo{
	ID:       RuleDuplicateID,
	Default:  Error,
	Summary:  "two or more SOP files have the same id",
	refCheck: (*docCheck).duplicateID,
	Fix: "Give each SOP an id of its own and rename its file to match. " +
		"If the two files describe the same procedure, merge them into one.",
	Bad: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/billing/refund-approval.md
---
id: refund-approval
title: Card Chargeback Refunds
version: "1.0"
status: draft
owner: Billing Team Leader
---
## Purpose
Settles card chargebacks before the bank decides them for us.
## Scope
Chargeback notices from the card processor, handled by the billing team.
## Procedure
1. Match the chargeback to its order and check whether a refund was already paid.
2. Refund the customer, or send the processor the evidence that the order was delivered.
`,
	Good: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/billing/card-chargeback-refunds.md
---
id: card-chargeback-refunds
title: Card Chargeback Refunds
version: "1.0"
status: draft
owner: Billing Team Leader
---
## Purpose
Settles card chargebacks before the bank decides them for us.
## Scope
Chargeback notices from the card processor, handled by the billing team.
## Procedure
1. Match the chargeback to its order and check whether a refund was already paid.
2. Refund the customer, or send the processor the evidence that the order was delivered.
`,
}

// duplicateID: duplicate-id, on every file that shares the id.
func (c *docCheck) duplicateID() {
	id := c.b.ID()
	if same := c.lib.IndexesOf(id.Text); len(same) > 1 {
		var others []string
		for _, o := range same {
			if int(o) != c.i {
				others = append(others, c.briefs[o].Path())
			}
		}
		c.report(RuleDuplicateID, id.Pos, "id %q is also used by %s: give each SOP its own id", id.Text, strings.Join(others, ", "))
	}
}
