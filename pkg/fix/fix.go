// Package fix repairs lint findings that have one repair that cannot change
// an SOP's meaning (sopctl lint --fix). Each rule of pkg/lint's registry
// that has such a repair names its Fixer here: a fixer takes the parsed
// SOP, its bytes and one finding and returns byte edits of
// the file as it was read, so every byte it does not mean to change stays,
// BOM and CRLF included. File applies the edits of all of one file's
// findings at once; Write puts the result in place atomically, leaving alone
// a file that changed on disk since it was read.
//
// The lifecycle commands (sopctl approve, reviewed and retire) edit front
// matter with the same means: SetFields sets single values and AddToList
// adds to a list, in the file's own bytes (Approve, Reviewed, Retire and
// Supersede say which keys each sets); Diff shows the change for --dry-run.
package fix

import (
	"bytes"
	"cmp"
	"slices"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Finding is what a fixer needs of a lint finding: its rule, where it is
// and its message (which names the field or section for missing-field and
// missing-section).
type Finding struct {
	Rule    string
	Pos     sop.Pos
	Message string
	// Fix is the fixer of the finding's rule (lint's registry gives it);
	// a finding without one is left as it is.
	Fix Fixer
}

// Edit replaces the bytes From:To of the file as read with Text. Order
// sorts insertions at the same offset.
type Edit struct {
	From, To int
	Text     string
	Order    int
}

// Context is one SOP being fixed and what the fixers look up.
type Context struct {
	Doc *sop.Doc
	// Lib resolves links (broken-link) and gives the required fields and
	// sections; nil means a library with the default configuration and
	// no link is fixed.
	Lib *library.Library
	// Today is YYYY-MM-DD, for a required date field.
	Today string

	lines scaffold.Lines
	// renamed maps a key a rename supplies to the key node's name as
	// written: missing-field adds no key a rename supplies.
	renamed map[string]string
}

// Fixer returns the edits that fix one finding, or none when the finding
// has no repair that is sure not to change the SOP's meaning.
type Fixer func(c *Context, f Finding) []Edit

// RenameField renames an unknown key to the one known key it is a typo of.
func RenameField(c *Context, f Finding) []Edit { return renameField(c, f) }

// AddField adds a missing required key with scaffold's placeholder.
func AddField(c *Context, f Finding) []Edit { return addField(c, f) }

// QuoteVersion quotes an unquoted version, from the file's own bytes.
func QuoteVersion(c *Context, f Finding) []Edit { return quoteVersion(c, f) }

// RetitleHeading gives the H1 the title's text.
func RetitleHeading(c *Context, f Finding) []Edit { return retitleHeading(c, f) }

// AppendSection appends a missing required section with its placeholder.
func AppendSection(c *Context, f Finding) []Edit { return appendSection(c, f) }

// FixAnchor rewrites a link's anchor to the one heading it is a typo of.
func FixAnchor(c *Context, f Finding) []Edit { return fixAnchor(c, f) }

// ResolveParam writes the value sopctl.yaml's params give a parameter in
// place of its {{id}} left in the body.
func ResolveParam(c *Context, f Finding) []Edit { return resolveParam(c, f) }

// Result is what File did to one SOP.
type Result struct {
	Data  []byte    // the file fixed (the file as read when nothing was)
	Fixed []Finding // the findings fixed, in file order
}

// File fixes what it can of one SOP's findings. Renames (unknown-field)
// are computed first, so that missing-field adds no key that a rename
// supplies. All edits are made on the file as read; an edit that overlaps
// an earlier one is dropped with its finding. When the result would not
// parse as the original did, nothing is fixed.
func File(c *Context, findings []Finding) Result {
	c.lines = scaffold.NewLines(c.Doc.Src)
	c.renamed = map[string]string{}
	ordered := slices.Clone(findings)
	slices.SortStableFunc(ordered, func(a, b Finding) int {
		return cmp.Compare(phase(a.Rule), phase(b.Rule))
	})
	type fixEdits struct {
		f     Finding
		edits []Edit
	}
	var all []fixEdits
	for _, f := range ordered {
		if f.Fix == nil {
			continue
		}
		if e := f.Fix(c, f); len(e) > 0 {
			all = append(all, fixEdits{f, e})
		}
	}
	var kept []Edit
	var fixed []Finding
	for _, fe := range all {
		if overlapsAny(kept, fe.edits) {
			continue
		}
		kept = append(kept, fe.edits...)
		fixed = append(fixed, fe.f)
	}
	if len(kept) == 0 {
		return Result{Data: c.Doc.Src}
	}
	out := Apply(c.Doc.Src, kept)
	if _, err := sop.Parse(c.Doc.Path, out); err != nil {
		return Result{Data: c.Doc.Src}
	}
	slices.SortStableFunc(fixed, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Col, b.Pos.Col))
	})
	return Result{Data: out, Fixed: fixed}
}

// phase orders the rules' fixes: renames before anything adds a key.
func phase(rule string) int {
	if rule == sop.RuleUnknownField {
		return 0
	}
	return 1
}

// overlapsAny reports whether an edit of add overlaps one of have. Two
// insertions at one offset do not overlap; an insertion inside a
// replaced span does.
func overlapsAny(have, add []Edit) bool {
	for _, a := range add {
		for _, h := range have {
			if a.From < h.To && h.From < a.To ||
				a.From == a.To && h.From < a.From && a.From < h.To ||
				h.From == h.To && a.From < h.From && h.From < a.To {
				return true
			}
		}
	}
	return false
}

// Apply makes non-overlapping edits to src, insertions at one offset in
// Order, and returns the result.
func Apply(src []byte, edits []Edit) []byte {
	es := slices.Clone(edits)
	slices.SortStableFunc(es, func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To-a.From, b.To-b.From), cmp.Compare(a.Order, b.Order))
	})
	var out bytes.Buffer
	at := 0
	for _, e := range es {
		out.Write(src[at:e.From])
		out.WriteString(e.Text)
		at = e.To
	}
	out.Write(src[at:])
	return out.Bytes()
}

// config returns the required fields and sections to fix towards.
func (c *Context) config() *library.Config {
	if c.Lib != nil {
		return c.Lib.Config
	}
	return &library.Config{RequiredFields: library.DefaultRequiredFields(), RequiredSections: library.DefaultRequiredSections()}
}
