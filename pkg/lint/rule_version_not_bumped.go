package lint

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// RuleVersionNotBumped is the id of the rule version-not-bumped.
const RuleVersionNotBumped = "version-not-bumped"

// Since is the library as it was at a revision, for version-not-bumped
// (lint --since REV).
type Since struct {
	// Rev is the revision as the user named it, for messages.
	Rev string
	// Before maps the library path of each SOP file whose bytes changed
	// since Rev to its bytes at Rev (at its path then, for a file moved
	// since). An SOP that is not in Before did not change, or is new.
	Before map[string][]byte
}

const refundV14 = `---
id: refund-approval
title: Refund Approval
version: "1.4"
status: approved
owner: Customer Service Manager
approver: Head of Customer Experience
effective: 2026-06-01
reviewed: 2026-06-01
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
`

var versionNotBumpedRule = RuleInfo{
	ID:       RuleVersionNotBumped,
	Default:  Error,
	Summary:  "an approved SOP changed since REV (other than its reviewed date) but kept its version; only with lint --since REV",
	refCheck: (*docCheck).versionNotBumped,
	Fix: "Give the SOP a new version (and, for a change people must learn, a new approval), or undo the change. " +
		"The rule runs only with lint --since REV, which compares each approved SOP with its file at the git revision REV: " +
		"a change to anything but the reviewed line is a change; new SOPs and drafts never fire.",
	Bad: "# before: sops/refund-approval.md\n" + refundV14 + "# file: sops/refund-approval.md\n" +
		replaceOnce(refundV14, "your limit", "your limit of 200 EUR"),
	Good: "# before: sops/refund-approval.md\n" + refundV14 + "# file: sops/refund-approval.md\n" +
		replaceOnce(replaceOnce(refundV14, "your limit", "your limit of 200 EUR"), `"1.4"`, `"1.5"`),
}

func replaceOnce(s, old, new string) string { return strings.Replace(s, old, new, 1) }

// versionNotBumped: version-not-bumped.
func (c *docCheck) versionNotBumped() {
	version := c.b.Version()
	if c.opts.Since == nil || c.b.Status() != sop.StatusApproved || version.Text == "" {
		return
	}
	old, ok := c.opts.Since.Before[c.path]
	if !ok {
		return
	}
	// A library of Briefs (lint's) reads the file again: this rule is
	// the one that needs an SOP's bytes, and only of the few that changed.
	now, err := c.lib.SourceAt(c.i)
	if err != nil || bytes.Equal(withoutReviewed(old), withoutReviewed(now)) {
		return
	}
	then, err := sop.Parse(c.path, old)
	if err != nil || then.Meta.Version.Text != version.Text {
		return
	}
	c.report(RuleVersionNotBumped, version.Pos, "the SOP changed since %s but its version is still %q: set a new version (and approve it again), or undo the change",
		c.opts.Since.Rev, version.Text)
}

// reviewedLine is a front-matter line that sets reviewed, at the top
// level (not indented).
var reviewedLine = regexp.MustCompile(`^reviewed[ \t]*:`)

// withoutReviewed returns an SOP file's bytes with LF line ends, no BOM
// and without the reviewed line of its front matter: recording a review
// changes nothing that needs a new version.
func withoutReviewed(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out []byte
	fences := 0
	for i, line := range lines {
		if bytes.Equal(bytes.TrimRight(line, "\n"), []byte("---")) {
			fences++
		}
		if fences == 1 && i > 0 && reviewedLine.Match(line) {
			continue
		}
		out = append(out, line...)
	}
	return out
}
