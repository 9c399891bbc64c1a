package lint

import (
	"github.com/sopctl/sopctl/pkg/fix"

	"github.com/sopctl/sopctl/pkg/sop"
)

var unknownFieldRule = RuleInfo{
	ID:      sop.RuleUnknownField,
	Default: Error,
	Summary: "a front-matter key is neither a known field nor an x- key of your own",
	check:   (*docCheck).unknownFields,
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
	Fixer: fix.RenameField,
}

// unknownFields: the unknown-field problems the parser found.
func (c *docCheck) unknownFields() { c.frontMatterProblems(sop.RuleUnknownField) }
