package lint

import (
	"fmt"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// checker holds what the rules look up across the library, built once
// before files are checked in parallel; it is only read after that.
type checker struct {
	lib     *library.Library
	opts    Options
	roles   map[string]bool
	ids     []string
	inbound map[*sop.Doc]bool // SOPs that another SOP refers to
	fields  []sop.Field       // the front-matter fields, copied once
	// links are each SOP's Markdown.Links resolved, in order, once.
	links map[*sop.Doc][]library.Link
}

func newChecker(lib *library.Library, opts Options) *checker {
	c := &checker{lib: lib, opts: opts, roles: map[string]bool{}, inbound: map[*sop.Doc]bool{},
		fields: sop.Fields(), links: make(map[*sop.Doc][]library.Link, len(lib.Docs))}
	resolved := make([][]library.Link, len(lib.Docs))
	parallel.For(len(lib.Docs), func(i int) {
		d := lib.Docs[i]
		resolved[i] = make([]library.Link, len(d.Markdown.Links))
		for j, l := range d.Markdown.Links {
			resolved[i][j] = lib.ResolveLink(d, l.Dest)
		}
	})
	for i, d := range lib.Docs {
		c.links[d] = resolved[i]
	}
	for _, d := range lib.Docs {
		if d.Meta.ID.Text != "" {
			c.ids = append(c.ids, d.Meta.ID.Text)
		}
	}
	for _, r := range opts.Roles {
		c.roles[r] = true
	}
	for _, d := range lib.Docs {
		for _, id := range c.sopRefs(&d.Meta) {
			// A shared id belongs to the first file by path (SPEC 8).
			if t := lib.Lookup(id); len(t) > 0 && t[0] != d {
				c.inbound[t[0]] = true
			}
		}
		for j, l := range d.Markdown.Links {
			if r := c.links[d][j]; !l.Image && r.Doc != nil && r.Doc != d {
				c.inbound[r.Doc] = true
			}
		}
	}
	return c
}

// sopRefs lists the ids that the SOP's fields name as SOPs (the fields
// the table marks sop.RefSOP: related, supersedes), in table order.
func (c *checker) sopRefs(m *sop.Meta) []string {
	var ids []string
	for _, f := range c.fields {
		if f.Refs == sop.RefSOP {
			ids = append(ids, f.List(m).Strings()...)
		}
	}
	return ids
}

func (c *checker) want(p string) bool { return c.opts.Only == nil || c.opts.Only(p) }

// add appends a finding unless its rule is off.
func (c *checker) add(out []Finding, rule, p string, pos sop.Pos, format string, args ...any) []Finding {
	sev := c.opts.Severities[rule]
	if sev == Off {
		return out
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return append(out, Finding{Rule: rule, Severity: sev, Path: p, Line: max(pos.Line, 1), Column: max(pos.Col, 1), Message: msg})
}

var fileStart = sop.Pos{Line: 1, Col: 1}

// docCheck is what each per-file check looks at: one SOP with its links
// resolved, and the checker's lookups across the library. Checks report
// into it.
type docCheck struct {
	*checker
	d        *sop.Doc
	resolved []library.Link // d.Markdown.Links resolved, in order
	out      []Finding
}

// report adds a finding about the SOP unless its rule is off.
func (c *docCheck) report(rule string, pos sop.Pos, format string, args ...any) {
	c.out = c.add(c.out, rule, c.d.Path, pos, format, args...)
}

// retired reports whether the SOP is itself retired: it may then refer to
// retired SOPs.
func (c *docCheck) retired() bool { return c.d.Meta.Retired() }

// checkDoc runs every rule's per-file check on one SOP: those that read
// it alone (or, with Options.Local, takes what they found as it was
// loaded), then those across SOPs, then its suppression comments.
func (c *checker) checkDoc(d *sop.Doc) []Finding {
	dc := &docCheck{checker: c, d: d, resolved: c.links[d]}
	if c.opts.Local != nil {
		dc.out = c.opts.Local.findings(d.Path, c.opts.Severities)
	} else {
		dc.run(func(r RuleInfo) func(*docCheck) { return r.check })
	}
	dc.run(func(r RuleInfo) func(*docCheck) { return r.refCheck })
	dc.suppress()
	return dc.out
}

// run runs the check that pick chooses of every rule that has one.
func (c *docCheck) run(pick func(RuleInfo) func(*docCheck)) {
	for _, r := range registry {
		if check := pick(r); check != nil {
			check(c)
		}
	}
}

// frontMatterProblems reports the fields the parser found wrong with the
// rule (invalid-field or unknown-field).
func (c *docCheck) frontMatterProblems(rule string) {
	for _, p := range c.d.Problems {
		if p.Rule == rule {
			c.report(p.Rule, p.Pos, "%s", p.Msg)
		}
	}
}

// linkedSOP returns the SOP that the SOP's j-th link leads to, and the
// resolved link; nil for an image, a link that is not local or is broken,
// or a file that is no SOP.
func (c *docCheck) linkedSOP(j int) (*sop.Doc, library.Link) {
	r := c.resolved[j]
	if c.d.Markdown.Links[j].Image || r.Kind != library.LinkLocal || r.Problem != library.LinkOK {
		return nil, r
	}
	return r.Doc, r
}

// checkLibrary runs the rules about the library as a whole.
func (c *checker) checkLibrary() []Finding {
	var out []Finding
	for _, r := range registry {
		if r.libCheck != nil {
			out = append(out, r.libCheck(c)...)
		}
	}
	return out
}
