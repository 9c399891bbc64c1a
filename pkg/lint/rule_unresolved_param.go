package lint

import (
	"github.com/sopctl/sopctl/pkg/fix"
	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleUnresolvedParam is the id of the rule unresolved-param.
const RuleUnresolvedParam = "unresolved-param"

var unresolvedParamRule = RuleInfo{
	ID:      RuleUnresolvedParam,
	Default: Error,
	Summary: "a template parameter citation like {{follow_up_days}} was left in the SOP instead of its value",
	check:   (*docCheck).unresolvedParams,
	Fixer:   fix.ResolveParam,
	Fix: "Write the value in place of the {{id}}, or set the parameter under params: in sopctl.yaml " +
		"and run sopctl lint --fix, which writes that value in place of each citation in the body " +
		"(front matter you edit by hand). sopctl new writes every value itself; a citation is left " +
		"by a template edited by hand or copied from elsewhere. To show a citation as it is, " +
		"put it in code: `{{id}}`.",
	Bad: `---
id: complaint-follow-up
title: Complaint Follow-Up
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Complaint Follow-Up

## Purpose
Confirms with each customer that their complaint was resolved to their satisfaction.

## Scope
Every complaint closed as resolved, on any channel.

## Procedure
1. Call the customer within {{complaint_follow_up_days}} business days of resolution.
2. Record the answer on the complaint and reopen it if the customer is not satisfied.
`,
	Good: `---
id: complaint-follow-up
title: Complaint Follow-Up
version: "1.0"
status: draft
owner: Customer Service Manager
---

# Complaint Follow-Up

## Purpose
Confirms with each customer that their complaint was resolved to their satisfaction.

## Scope
Every complaint closed as resolved, on any channel.

## Procedure
1. Call the customer within 5 business days of resolution.
2. Record the answer on the complaint and reopen it if the customer is not satisfied.
`,
}

// unresolvedParams: unresolved-param, in the front matter's values and
// in the body outside code.
func (c *docCheck) unresolvedParams() {
	if c.d.Front != nil {
		for _, p := range sop.NodeCitations(c.d.Front, nil) {
			c.reportParam(p.ID, p.Pos)
		}
	}
	for _, p := range c.d.Markdown.Params {
		c.reportParam(p.ID, p.Pos)
	}
}

func (c *docCheck) reportParam(id string, pos sop.Pos) {
	if v, ok := c.lib.Config.Param(id); ok {
		c.report(RuleUnresolvedParam, pos, "{{%s}} is a template parameter that was never filled in: write its value, %q from params: in sopctl.yaml (sopctl lint --fix does it in the body)", id, v)
		return
	}
	c.report(RuleUnresolvedParam, pos, "{{%s}} is a template parameter that was never filled in: write its value here, or set %s under params: in sopctl.yaml and run sopctl lint --fix", id, id)
}
