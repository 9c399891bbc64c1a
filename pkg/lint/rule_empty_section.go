package lint

// RuleEmptySection is the id of the rule empty-section.
const RuleEmptySection = "empty-section"

var emptySectionRule = RuleInfo{
	ID:      RuleEmptySection,
	Default: Error,
	Summary: "a required section has a heading but nothing under it",
	check:   (*docCheck).emptySections,
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
}

// emptySections: empty-section, for the required sections.
func (c *docCheck) emptySections() {
	for _, name := range c.lib.Config.RequiredSections {
		if s, ok := c.d.Markdown.Section(name); ok && s.Empty {
			c.report(RuleEmptySection, s.Pos, "section %q is empty: write its text under the heading", s.Text)
		}
	}
}
