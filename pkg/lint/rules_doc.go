package lint

import "github.com/sopctl/sopctl/pkg/sop"

// ruleDocs describes every rule of SPEC section 5, in the order of its table,
// for --list-rules, --explain, the README and SARIF's tool.driver.rules.
//
// Bad is a complete SOP file that fires the rule and Good is the same file
// fixed. A single file is sops/<id>.md for the id in its front matter; where
// the file name matters, or an example needs more than one file, each file
// follows a line "# file: PATH".
var ruleDocs = []RuleInfo{
	{
		ID:      sop.RuleInvalidFile,
		Default: Error,
		Fixed:   true,
		Summary: "the file is not UTF-8, has control characters, is too big, or lacks front matter",
		Fix: "Start the file with a line ---, then the fields, then another --- line before the Markdown. " +
			"If the message names a character, save the file as UTF-8 and delete the stray control character; " +
			"split a file larger than max_file_kb into smaller SOPs.",
		Bad: `---
id: complaint-intake
title: Complaint Intake
version: "1.0"
status: draft
owner: Customer Service Manager

# Complaint Intake

## Purpose
Records every complaint the moment it arrives, so that none is lost between channels.

## Scope
Complaints by phone, email, chat and social media, and every agent who takes one.

## Procedure
1. Open a complaint case in the CRM while the customer is still in contact.
2. Record the channel, the order number and the customer's own words.
3. Give the customer the case reference and say when they will hear back.
`,
		Good: `---
id: complaint-intake
title: Complaint Intake
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Complaint Intake

## Purpose
Records every complaint the moment it arrives, so that none is lost between channels.

## Scope
Complaints by phone, email, chat and social media, and every agent who takes one.

## Procedure
1. Open a complaint case in the CRM while the customer is still in contact.
2. Record the channel, the order number and the customer's own words.
3. Give the customer the case reference and say when they will hear back.
`,
	},
	{
		ID:      sop.RuleYAMLSyntax,
		Default: Error,
		Fixed:   true,
		Summary: "the front matter is not valid YAML, or is more than plain key: value data",
		Fix: "Write the front matter as plain key: value lines indented with spaces, giving each key once. " +
			"Write values out in full instead of using anchors (&), aliases (*), merge keys (<<) or tags (!), " +
			"and keep to a single YAML document; the message names the line to look at.",
		Bad: `---
id: refund-approval
title: Refund Approval
version: "1.3"
status: review
owner: Billing Team Leader
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
		Good: `---
id: refund-approval
title: Refund Approval
version: "1.3"
status: review
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
	},
	{
		ID:      "missing-field",
		Default: Error,
		Summary: "a required field is absent or empty",
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
	},
	{
		ID:      sop.RuleInvalidField,
		Default: Error,
		Summary: "a field has the wrong type, or a malformed date, version, status or id",
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
	},
	{
		ID:      sop.RuleUnknownField,
		Default: Error,
		Summary: "a front-matter key is neither a known field nor an x- key of your own",
		Fix: "Correct the key's spelling; the message suggests the closest known field. " +
			"A key you added on purpose for your own tools must start with x-, like x-team.",
		Bad: `---
id: complaint-handling
title: Complaint Handling
version: "2.1"
status: draft
owner: Customer Service Manager
chanels: [phone, email, chat]
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
		Good: `---
id: complaint-handling
title: Complaint Handling
version: "2.1"
status: draft
owner: Customer Service Manager
channels: [phone, email, chat]
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
	},
	{
		ID:      "id-mismatch",
		Default: Error,
		Summary: "the id differs from the file name without .md",
		Fix: "Make the id and the file name agree: change the id, or rename the file to <id>.md. " +
			"Other SOPs refer to an SOP by its id, so update their related lists and links to match.",
		Bad: `# file: sops/refund-approval.md
---
id: refunds
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
		Good: `# file: sops/refund-approval.md
---
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
	},
	{
		ID:      "duplicate-id",
		Default: Error,
		Summary: "two or more SOP files have the same id",
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
	},
	{
		ID:      "missing-section",
		Default: Error,
		Summary: "a required section has no level-2 heading",
		Fix: "Add a level-2 heading with the section's name, like ## Scope, and write the section under it. " +
			"Names match ignoring case; by default Purpose, Scope and Procedure are required " +
			"(required_sections in sopctl.yaml changes the list).",
		Bad: `---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
		Good: `---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
	},
	{
		ID:      "empty-section",
		Default: Error,
		Summary: "a required section has a heading but nothing under it",
		Fix: "Write the section's content under its heading. " +
			"An HTML comment does not count: it is dropped when the handbook is rendered.",
		Bad: `---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope


## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
		Good: `---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Investigate the order history and agree a remedy within your limit.
3. Confirm the outcome to the customer in writing and close the case.
`,
	},
	{
		ID:      "no-steps",
		Default: Error,
		Summary: "the Procedure section has no numbered list of steps",
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
	},
	{
		ID:      "broken-ref",
		Default: Error,
		Summary: "related, supersedes, roles or kpis names an SOP, role or KPI that does not exist",
		Fix: "Correct the entry or remove it. SOPs are named by id (the file name without .md), roles by a " +
			"role template id or a key of roles: in sopctl.yaml, and KPIs by a key of kpis: in sopctl.yaml.",
		Bad: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
related: [escalation-procedures]
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit, or escalate the case to your team leader.

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
`,
		Good: `# file: sops/complaint-handling.md
---
id: complaint-handling
title: Complaint Handling
version: "2.0"
status: draft
owner: Customer Service Manager
related: [escalation-procedure]
---
## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.
## Scope
Every complaint from a customer, on any channel, and every agent who handles one.
## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit, or escalate the case to your team leader.

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
`,
	},
	{
		ID:      "broken-link",
		Default: Error,
		Summary: "a link or image names a missing local file, one outside the library, or a heading its .md target lacks",
		Fix: "Point the link or image at a file that exists inside the library: relative to the file that links, " +
			"or starting with / for the library root (character references and %-escapes are read as a browser " +
			"reads them). For a heading, use an anchor that one of its headings has: the heading's text in lower " +
			"case, punctuation dropped, spaces as hyphens.",
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
2. If the case meets a trigger listed in [Escalation](escalation-procedure.md#trigers), hand it on.
3. Follow the [escalation flow chart](/files/escalation-flow.pdf).

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Triggers
A refund above your limit, a legal threat, or a third contact about the same problem.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
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
2. If the case meets a trigger listed in [Escalation](escalation-procedure.md#triggers), hand it on.
3. Follow the [escalation flow chart](/files/escalation-flow.pdf).

# file: files/escalation-flow.pdf
%PDF-1.4

# file: sops/escalation-procedure.md
---
id: escalation-procedure
title: Escalation Procedure
version: "1.0"
status: draft
owner: Customer Service Manager
---
## Purpose
Gets a complaint to someone with the authority to settle it.
## Scope
Complaints a first-line agent cannot resolve within their own approval limit.
## Triggers
A refund above your limit, a legal threat, or a third contact about the same problem.
## Procedure
1. Hand the case to the team leader with a summary of what has been tried.
`,
	},
	{
		ID:      "self-ref",
		Default: Error,
		Summary: "an SOP lists itself in related or links to its own file",
		Fix: "Remove the SOP's own id from related, and list the procedures it actually works with instead. " +
			"To point to another part of the same SOP, link to the heading alone, like [limits](#refund-limits).",
		Bad: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
related: [refund-approval]
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
related: []
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
	},
	{
		ID:      "retired-ref",
		Default: Error,
		Summary: "an SOP that is not retired relates or links to a retired SOP",
		Fix: "Refer to the SOP that replaced the retired one instead. " +
			"If this SOP is the replacement, move the retired id from related to supersedes, where it belongs.",
		Bad: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "2.0"
status: draft
owner: Customer Service Manager
related: [refund-policy-2023]
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/refund-policy-2023.md
---
id: refund-policy-2023
title: Refund Policy 2023
version: "3.2"
status: retired
owner: Customer Service Manager
---
## Purpose
Set the refund rules used until Refund Approval replaced it.
## Scope
Refund requests received during 2023.
## Procedure
1. Refund any order returned within 14 days.
`,
		Good: `# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "2.0"
status: draft
owner: Customer Service Manager
supersedes: [refund-policy-2023]
---
## Purpose
Makes sure refunds are fair, consistent and paid within five business days.
## Scope
Refund requests from customers, handled by representatives and team leaders.
## Procedure
1. Confirm the order and the reason for the refund in the order system.
2. Approve refunds up to your limit and send larger ones to the team leader.

# file: sops/refund-policy-2023.md
---
id: refund-policy-2023
title: Refund Policy 2023
version: "3.2"
status: retired
owner: Customer Service Manager
---
## Purpose
Set the refund rules used until Refund Approval replaced it.
## Scope
Refund requests received during 2023.
## Procedure
1. Refund any order returned within 14 days.
`,
	},
	{
		ID:      "approval-incomplete",
		Default: Error,
		Summary: "status is approved but approver or effective is missing",
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
	},
	{
		ID:      "review-overdue",
		Default: Warning,
		Summary: "more than review_cycle_days have passed since reviewed (or else effective)",
		Fix: "Review the procedure with its owner, bring it up to date, and set reviewed to the date of the " +
			"review. review_cycle_days in sopctl.yaml sets how often reviews fall due (every 365 days by default).",
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
	},
	{
		ID:      "title-mismatch",
		Default: Warning,
		Summary: "the SOP's own H1 (its first level-1 heading outside block quotes and lists) differs from the title field",
		Fix: "Make the SOP's H1 say the same as title, changing whichever is out of date. " +
			"A level-1 heading inside a block quote or a list is not the SOP's H1 and is not compared. " +
			"The heading is optional, so you can also delete it.",
		Bad: `---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Approving Customer Refunds

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
	},
	{
		ID:      "todo-placeholder",
		Default: Warning,
		Summary: "a TODO: placeholder that sopctl new wrote is still waiting to be filled in",
		Fix: "Replace each line that starts with TODO: with the text it asks for. " +
			"sopctl new writes these placeholders wherever a person has to supply the content.",
		Bad: `---
id: complaint-handling
title: Complaint Handling
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Responsibilities
TODO: say who owns this procedure

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit and confirm it to the customer in writing.
`,
		Good: `---
id: complaint-handling
title: Complaint Handling
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Complaint Handling

## Purpose
Resolves complaints quickly and fairly, and records their causes so they can be removed.

## Scope
Every complaint from a customer, on any channel, and every agent who handles one.

## Responsibilities
The Customer Service Manager owns this procedure and reviews complaint causes every month.

## Procedure
1. Acknowledge the complaint and apologise for the trouble it has caused.
2. Agree a remedy within your limit and confirm it to the customer in writing.
`,
	},
	{
		ID:      "orphan",
		Default: Info,
		Summary: "no other SOP relates to, supersedes or links to this one",
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
	},
	{
		ID:      "empty-library",
		Default: Warning,
		Summary: "the library holds no SOP: sops_dir has no *.md file that is an SOP",
		Fix: "Put the SOP files in the folder sops_dir names (sopctl new scaffolds them there), " +
			"or set sops_dir in sopctl.yaml to the folder that holds them. " +
			"An SOP file ends in .md and is not README.md; names starting with . or _ and paths that an exclude glob matches are not SOPs, " +
			"so narrow exclude if it leaves out every file. " +
			"Reported at sopctl.yaml, only when the whole library is linted.",
		Bad: `# file: sops/README.md
# Customer Service SOPs

One file per SOP, named after its id.
`,
		Good: `# file: sops/README.md
# Customer Service SOPs

One file per SOP, named after its id.

# file: sops/refund-approval.md
---
id: refund-approval
title: Refund Approval
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Refund Approval

## Purpose
Keeps refunds fair and within each person's authority.

## Scope
Every refund an agent offers, on any channel.

## Procedure
1. Check the order and the reason the customer gives.
2. Approve refunds up to 50 EUR yourself; ask the team leader above that.
`,
	},
}

// ruleDoc returns the description of the rule with the id.
func ruleDoc(id string) (RuleInfo, bool) {
	for _, r := range ruleDocs {
		if r.ID == id {
			return r, true
		}
	}
	return RuleInfo{}, false
}
