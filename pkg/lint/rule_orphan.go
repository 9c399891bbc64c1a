package lint

// RuleOrphan is the id of the rule orphan.
const RuleOrphan = "orphan"

var orphanRule = RuleInfo{
	ID:       RuleOrphan,
	Default:  Info,
	Summary:  "no other SOP relates to, supersedes or links to this one",
	refCheck: (*docCheck).orphan,
	Fix: "Link to the SOP from the procedures where it is used, or add its id to their related lists, " +
		"so readers can find it. If it is no longer needed, set its status to retired.",
	Bad: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Where the fault is ours, offer a goodwill credit.

# file: sops/goodwill-credits.md
---
id: goodwill-credits
title: Goodwill Credits
version: "1.0"
status: draft
owner: Customer Service Manager
related: [complaint-handling]
---
## Purpose
Keeps goodwill gestures fair and within budget.
## Scope
Account credits offered to settle a complaint.
## Procedure
1. Offer up to 10% of the order value; ask the team leader before offering more.
`,
	Good: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Where the fault is ours, offer a [goodwill credit](goodwill-credits.md).

# file: sops/goodwill-credits.md
---
id: goodwill-credits
title: Goodwill Credits
version: "1.0"
status: draft
owner: Customer Service Manager
related: [complaint-handling]
---
## Purpose
Keeps goodwill gestures fair and within budget.
## Scope
Account credits offered to settle a complaint.
## Procedure
1. Offer up to 10% of the order value; ask the team leader before offering more.
`,
}

// orphan: orphan, unless the SOP is retired.
func (c *docCheck) orphan() {
	if !c.inbound[c.i].Load() && !c.retired() {
		c.report(RuleOrphan, fileStart, "no other SOP relates to, supersedes or links to this one: link it from a related SOP so readers find it")
	}
}
