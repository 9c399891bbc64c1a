package lint

import (
	"fmt"
	"sync/atomic"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

// checker holds what the rules look up across the library, built once
// before files are checked in parallel; it is only read after that. The
// rules across SOPs read the SOPs' Briefs, and name an SOP by its index
// in the library's order, so that what lint keeps of a large library is
// little for the garbage collector to scan.
type checker struct {
	lib    *library.Library
	opts   Options
	roles  map[string]bool
	ids    []string
	fields []sop.Field // the front-matter fields, copied once
	briefs []sop.Brief // lib.Briefs()
	// inbound marks, by index, the SOPs that another SOP refers to; the
	// workers that resolve the links mark it together.
	inbound []atomic.Bool
	// hops are each SOP's links resolved, in order, one SOP after
	// another: SOP i's start at hopsAt[i].
	hops   []hop
	hopsAt []int32
}

// hop is what the rules need of a resolved link, without its strings: a
// broken one's message resolves it again (docCheck.resolve).
type hop struct {
	target     int32 // the SOP it leads to (Link.SOP), -1 for none
	kind       library.LinkKind
	problem    library.LinkProblem
	anchorOnly bool
}

func newChecker(lib *library.Library, opts Options) *checker {
	briefs := lib.Briefs()
	c := &checker{lib: lib, opts: opts, roles: map[string]bool{}, fields: sop.Fields(), briefs: briefs,
		inbound: make([]atomic.Bool, len(briefs)), hopsAt: make([]int32, len(briefs)+1)}
	for i := range briefs {
		c.hopsAt[i+1] = c.hopsAt[i] + int32(briefs[i].NumLinks())
	}
	c.hops = make([]hop, c.hopsAt[len(briefs)])
	parallel.For(len(briefs), func(i int) {
		b := &briefs[i]
		for j := range b.NumLinks() {
			r := lib.ResolveLinkAt(i, b.Link(j).Dest)
			c.hops[int(c.hopsAt[i])+j] = hop{target: int32(r.SOP), kind: r.Kind, problem: r.Problem, anchorOnly: r.AnchorOnly}
		}
		c.markInbound(i) // it reads only the i-th SOP's hops
	})
	for i := range briefs {
		if id := briefs[i].ID().Text; id != "" {
			c.ids = append(c.ids, id)
		}
	}
	for _, r := range opts.Roles {
		c.roles[r] = true
	}
	return c
}

// markInbound marks the SOPs that the i-th refers to (in the fields that
// name SOPs, and by links).
func (c *checker) markInbound(i int) {
	b := &c.briefs[i]
	for _, f := range c.fields {
		if f.Refs != sop.RefSOP {
			continue
		}
		for it := range b.Items(f.Name) {
			// A shared id belongs to the first file by path (SPEC 8).
			if t := c.lib.IndexesOf(it.Text); len(t) > 0 && int(t[0]) != i {
				c.inbound[t[0]].Store(true)
			}
		}
	}
	for j, h := range c.hopsOf(i) {
		if !b.Link(j).Image && h.target >= 0 && int(h.target) != i {
			c.inbound[h.target].Store(true)
		}
	}
}

// hopsOf returns the i-th SOP's links resolved.
func (c *checker) hopsOf(i int) []hop { return c.hops[c.hopsAt[i]:c.hopsAt[i+1]] }

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

// docCheck is what each per-file check looks at: one SOP, and the
// checker's lookups across the library. The rules that read one SOP alone
// (check) read d, the whole Doc; those across SOPs (refCheck) read b, its
// Brief, i, its index in the library's order, and hops, its links
// resolved. Checks report into it.
type docCheck struct {
	*checker
	path string
	d    *sop.Doc
	i    int
	b    *sop.Brief
	hops []hop
	out  []Finding
}

// report adds a finding about the SOP unless its rule is off.
func (c *docCheck) report(rule string, pos sop.Pos, format string, args ...any) {
	c.out = c.add(c.out, rule, c.path, pos, format, args...)
}

// retired reports whether the SOP is itself retired: it may then refer to
// retired SOPs.
func (c *docCheck) retired() bool { return c.b.Retired() }

// checkDoc runs every rule's per-file check on the i-th SOP: those that
// read it alone (or, with Options.Local, takes what they found as it was
// loaded), then those across SOPs, then its suppression comments.
func (c *checker) checkDoc(i int) []Finding {
	dc := c.docCheck(i)
	if c.opts.Local != nil {
		dc.out = c.opts.Local.findings(dc.path, c.opts.Severities)
	} else {
		dc.d = c.lib.Docs[i]
		dc.run(func(r RuleInfo) func(*docCheck) { return r.check })
	}
	dc.run(func(r RuleInfo) func(*docCheck) { return r.refCheck })
	dc.suppress()
	return dc.out
}

// docCheck starts the check of the i-th SOP.
func (c *checker) docCheck(i int) *docCheck {
	b := &c.briefs[i]
	return &docCheck{checker: c, path: b.Path(), i: i, b: b, hops: c.hopsOf(i)}
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

// linkedSOP returns the index of the SOP that the SOP's j-th link leads
// to, and the link resolved; -1 for an image, a link that is not local or
// is broken, or a file that is no SOP.
func (c *docCheck) linkedSOP(j int) (int, hop) {
	h := c.hops[j]
	if c.b.Link(j).Image || h.kind != library.LinkLocal || h.problem != library.LinkOK {
		return -1, h
	}
	return int(h.target), h
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
