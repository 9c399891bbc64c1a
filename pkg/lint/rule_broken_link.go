package lint

import (
	"github.com/sopctl/sopctl/pkg/fix"

	"fmt"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleBrokenLink is the id of the rule broken-link.
const RuleBrokenLink = "broken-link"

var brokenLinkRule = RuleInfo{
	ID:       RuleBrokenLink,
	Default:  Error,
	Summary:  "a link or image names a missing local file, one outside the library, or a heading its .md target lacks",
	refCheck: (*docCheck).brokenLinks,
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
	Fixer: fix.FixAnchor,
}

// brokenLinks: broken-link, for the local links and images of the body
// (the web, mail and other schemes are render's to judge). The library's
// resolver decides, as it does for render.
func (c *docCheck) brokenLinks() {
	for j, h := range c.hops {
		if h.kind != library.LinkLocal || h.problem == library.LinkOK {
			continue
		}
		l := c.b.Link(j)
		r := c.lib.ResolveLinkAt(c.i, l.Dest) // again, for the message's words: a broken link is rare
		// Worded as render words its warning about the same link.
		what, link := "link", "link to "+l.Dest
		if l.Image {
			what, link = "image", "image "+l.Dest
		}
		switch r.Problem {
		case library.LinkEmpty:
			c.report(RuleBrokenLink, l.Pos, "%s %s: write the file or #heading it leads to", what, r.Reason())
		case library.LinkOutside:
			c.report(RuleBrokenLink, l.Pos, "%s %s: link to a file inside the library, or to its web address", link, r.Reason())
		case library.LinkMissing:
			c.report(RuleBrokenLink, l.Pos, "%s %s: fix the path (relative to this file, or starting with / for the library root)", link, r.Reason())
		case library.LinkNoHeading:
			c.report(RuleBrokenLink, l.Pos, "%s %s%s", link, r.Reason(), anchorHint(c.briefs[r.SOP].Slugs(), r.Anchor))
		}
	}
}

func anchorHint(slugs []string, anchor string) string {
	if s := sop.Closest(anchor, slugs); s != "" {
		return fmt.Sprintf(": did you mean #%s?", s)
	}
	if len(slugs) == 0 {
		return ": it has no headings; link to the file without an anchor"
	}
	const listed = 8
	more := ""
	if len(slugs) > listed {
		more = fmt.Sprintf(" and %d more", len(slugs)-listed)
		slugs = slugs[:listed]
	}
	return ": use one of its anchors, #" + strings.Join(slugs, ", #") + more
}
