package lint

import "github.com/sopctl/sopctl/pkg/fix"

// RuleMissingSection is the id of the rule missing-section.
const RuleMissingSection = "missing-section"

var missingSectionRule = RuleInfo{
	ID:      RuleMissingSection,
	Default: Error,
	Summary: "a required section has no level-2 heading",
	check:   (*docCheck).missingSections,
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
	Fixer: fix.AppendSection,
}

// missingSections: missing-section, at the SOP's H1 (the sections belong
// under it), else at line 1.
func (c *docCheck) missingSections() {
	at := fileStart
	if h := c.d.Markdown.H1; h != nil {
		at = h.Pos
	}
	for _, name := range c.lib.Config.RequiredSections {
		if _, ok := c.d.Markdown.Section(name); !ok {
			c.report(RuleMissingSection, at, "required section %q is missing: add a heading ## %s with its text", name, name)
		}
	}
}
