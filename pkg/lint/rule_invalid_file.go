package lint

import (
	"github.com/sopctl/sopctl/pkg/sop"
)

var invalidFileRule = RuleInfo{
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
}
