package lint

import (
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleTodoPlaceholder is the id of the rule todo-placeholder.
const RuleTodoPlaceholder = "todo-placeholder"

var todoPlaceholderRule = RuleInfo{
	ID:      RuleTodoPlaceholder,
	Default: Warning,
	Summary: "a TODO: placeholder that sopctl new wrote is still waiting to be filled in",
	check:   (*docCheck).placeholders,
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
}

// placeholders: todo-placeholder, in the front matter's free-text single
// values (title, owner, approver) and in the body.
func (c *docCheck) placeholders() {
	for _, f := range c.fields {
		if v := f.Value(&c.d.Meta); f.Kind == sop.FreeText && strings.Contains(v.Text, sop.Placeholder) {
			c.report(RuleTodoPlaceholder, v.Pos, "a placeholder is still here: replace %q with the real value", v.Text)
		}
	}
	for _, p := range c.d.Markdown.Placeholders {
		c.report(RuleTodoPlaceholder, p, "a %s placeholder from scaffolding is still here: write the text it asks for", strings.TrimSuffix(sop.Placeholder, ":"))
	}
}
