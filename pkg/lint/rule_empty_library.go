package lint

import (
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
)

// RuleEmptyLibrary is the id of the rule empty-library.
const RuleEmptyLibrary = "empty-library"

var emptyLibraryRule = RuleInfo{
	ID:       RuleEmptyLibrary,
	Default:  Warning,
	Summary:  "the library holds no SOP: sops_dir has no *.md file that is an SOP",
	libCheck: (*checker).emptyLibrary,
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
}

// emptyLibrary: empty-library, at sopctl.yaml, so only when the files
// linted include it (the whole library): lint passing with nothing checked
// is most often a sops_dir or exclude that misses the SOP files.
func (c *checker) emptyLibrary() []Finding {
	if len(c.briefs)+len(c.lib.Failed) > 0 || !c.want(library.ConfigFile) {
		return nil
	}
	cfg := c.lib.Config
	where := cfg.SOPsDir + "/ (sops_dir)"
	if cfg.SOPsDir == "." {
		where = "the library's folder (sops_dir: .)"
	}
	if c.lib.Excluded > 0 {
		return c.add(nil, RuleEmptyLibrary, library.ConfigFile, fileStart,
			"no SOP found in %s: exclude (%s) leaves out every *.md file there; narrow exclude, or set sops_dir to the folder that holds the SOP files",
			where, strings.Join(cfg.Exclude, ", "))
	}
	return c.add(nil, RuleEmptyLibrary, library.ConfigFile, fileStart,
		"no SOP found in %s: add one with sopctl new, or set sops_dir to the folder that holds the SOP files (*.md, not README.md, not starting with . or _)", where)
}
