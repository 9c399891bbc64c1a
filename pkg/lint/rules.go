package lint

import (
	"fmt"
	"path"
	"slices"
	"strings"

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

// docChecks are the per-file checks, each of one rule (frontMatterProblems:
// of the rules the parser applies to fields).
var docChecks = []func(*docCheck){
	(*docCheck).frontMatterProblems,
	(*docCheck).missingFields,
	(*docCheck).idMismatch,
	(*docCheck).missingSections,
	(*docCheck).emptySections,
	(*docCheck).noSteps,
	(*docCheck).brokenRefs,
	(*docCheck).selfRefs,
	(*docCheck).retiredRefs,
	(*docCheck).brokenLinks,
	(*docCheck).approvalIncomplete,
	(*docCheck).reviewOverdue,
	(*docCheck).titleMismatch,
	(*docCheck).placeholders,
}

// checkDoc runs every per-file check on one SOP.
func (c *checker) checkDoc(d *sop.Doc) []Finding {
	dc := &docCheck{checker: c, d: d, resolved: c.links[d]}
	for _, check := range docChecks {
		check(dc)
	}
	return dc.out
}

// frontMatterProblems reports the fields the parser found wrong
// (invalid-field, unknown-field).
func (c *docCheck) frontMatterProblems() {
	for _, p := range c.d.Problems {
		c.report(p.Rule, p.Pos, "%s", p.Msg)
	}
}

// missingFields: missing-field.
func (c *docCheck) missingFields() {
	for _, f := range c.lib.Config.RequiredFields {
		if !c.d.Meta.Has(f) {
			c.report("missing-field", fileStart, "required field %s is missing or empty: add %s: to the front matter", f, f)
		}
	}
}

// idMismatch: id-mismatch.
func (c *docCheck) idMismatch() {
	m := c.d.Meta
	stem := strings.TrimSuffix(path.Base(c.d.Path), ".md")
	if m.ID.Set && m.ID.Text != stem {
		c.report("id-mismatch", m.ID.Pos, "id %q differs from the file name %s.md: rename the file to %s.md or set id: %s", m.ID.Text, stem, m.ID.Text, stem)
	}
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
			c.report("missing-section", at, "required section %q is missing: add a heading ## %s with its text", name, name)
		}
	}
}

// emptySections: empty-section, for the required sections.
func (c *docCheck) emptySections() {
	for _, name := range c.lib.Config.RequiredSections {
		if s, ok := c.d.Markdown.Section(name); ok && s.Empty {
			c.report("empty-section", s.Pos, "section %q is empty: write its text under the heading", s.Text)
		}
	}
}

// noSteps: no-steps.
func (c *docCheck) noSteps() {
	if s, ok := c.d.Markdown.Section("Procedure"); ok && !s.Empty && !s.OrderedList {
		c.report("no-steps", s.Pos, "the Procedure has no numbered steps: write them as a numbered list (1. 2. 3.)")
	}
}

// brokenRefs: broken-ref, for each list field that the table says names
// SOPs, roles or KPIs (sop.Field.Refs).
func (c *docCheck) brokenRefs() {
	for _, f := range c.fields {
		if known, hint := c.refLookup(f.Refs); known != nil {
			c.refs(f.Name, f.List(&c.d.Meta), known, hint)
		}
	}
}

// refLookup returns whether a name is one of what r names, and the hint
// that says what an unknown name is not; nil for free text.
func (c *docCheck) refLookup(r sop.Ref) (known func(string) bool, hint func(string) string) {
	switch r {
	case sop.RefSOP:
		return func(id string) bool { return len(c.lib.Lookup(id)) > 0 }, c.sopHint
	case sop.RefRole:
		return func(r string) bool { return c.roles[r] }, c.roleHint
	case sop.RefKPI:
		return func(k string) bool { _, ok := c.lib.Config.KPI(k); return ok }, c.kpiHint
	}
	return nil, nil
}

// refs reports each item of the field's list that known does not know,
// saying what it is not with hint.
func (c *docCheck) refs(field string, l sop.List, known func(string) bool, hint func(string) string) {
	for _, it := range l.Items {
		if !known(it.Text) {
			c.report("broken-ref", it.Pos, "%s names %q, which %s", field, it.Text, hint(it.Text))
		}
	}
}

func (c *docCheck) sopHint(id string) string {
	return "is no SOP of this library" + suggest(id, c.ids, "fix the id or remove it")
}

func (c *docCheck) roleHint(r string) string {
	return "is no role template and not under roles: in " + library.ConfigFile + suggest(r, mapKeys(c.roles), "add it there or fix the id")
}

func (c *docCheck) kpiHint(k string) string {
	var ids []string
	for _, e := range c.lib.Config.KPIs {
		ids = append(ids, e.ID)
	}
	return "is not under kpis: in " + library.ConfigFile + suggest(k, ids, "add it there with its name")
}

// suggest ends a message about the unknown name s: with the closest of
// known, else with what to do.
func suggest(s string, known []string, otherwise string) string {
	if q := sop.DidYouMean(s, known); q != "" {
		return ": " + q
	}
	return ": " + otherwise
}

// selfRefs: self-ref, in related, in supersedes and in body links.
func (c *docCheck) selfRefs() {
	m := c.d.Meta
	for _, it := range m.Related.Items {
		if it.Text == m.ID.Text {
			c.report("self-ref", it.Pos, "the SOP lists itself in related: remove %s", it.Text)
		}
	}
	for _, it := range m.Supersedes.Items {
		if it.Text == m.ID.Text {
			c.report("self-ref", it.Pos, "the SOP supersedes itself: remove %s from supersedes", it.Text)
		}
	}
	for j, l := range c.d.Markdown.Links {
		if t, r := c.linkedSOP(j); t == c.d && !r.AnchorOnly {
			c.report("self-ref", l.Pos, "the SOP links to itself (%s): link to the heading with #anchor, or remove the link", l.Dest)
		}
	}
}

// retiredRefs: retired-ref, in related and in body links, unless the SOP
// is retired itself.
func (c *docCheck) retiredRefs() {
	if c.retired() {
		return
	}
	m := c.d.Meta
	for _, it := range m.Related.Items {
		if it.Text != m.ID.Text && c.isRetired(it.Text) {
			c.report("retired-ref", it.Pos, "%s is retired: relate to the SOP that supersedes it instead", it.Text)
		}
	}
	for j, l := range c.d.Markdown.Links {
		if t, _ := c.linkedSOP(j); t != nil && t != c.d && t.Meta.Retired() {
			c.report("retired-ref", l.Pos, "link to %s, which is retired: link to the SOP that supersedes it instead", l.Dest)
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

// brokenLinks: broken-link, for the local links and images of the body
// (the web, mail and other schemes are render's to judge). The library's
// resolver decides, as it does for render.
func (c *docCheck) brokenLinks() {
	for j, l := range c.d.Markdown.Links {
		r := c.resolved[j]
		if r.Kind != library.LinkLocal {
			continue
		}
		// Worded as render words its warning about the same link.
		what, link := "link", "link to "+l.Dest
		if l.Image {
			what, link = "image", "image "+l.Dest
		}
		switch r.Problem {
		case library.LinkEmpty:
			c.report("broken-link", l.Pos, "%s %s: write the file or #heading it leads to", what, r.Reason())
		case library.LinkOutside:
			c.report("broken-link", l.Pos, "%s %s: link to a file inside the library, or to its web address", link, r.Reason())
		case library.LinkMissing:
			c.report("broken-link", l.Pos, "%s %s: fix the path (relative to this file, or starting with / for the library root)", link, r.Reason())
		case library.LinkNoHeading:
			c.report("broken-link", l.Pos, "%s %s%s", link, r.Reason(), anchorHint(r.Doc, r.Anchor))
		}
	}
}

// approvalIncomplete: approval-incomplete, for the fields the table says
// an approved SOP needs (sop.Field.Approval).
func (c *docCheck) approvalIncomplete() {
	m := &c.d.Meta
	if m.Status.Text != sop.StatusApproved {
		return
	}
	var missing, asks []string
	for _, f := range c.fields {
		if f.Approval && !m.Has(f.Name) {
			missing, asks = append(missing, f.Name), append(asks, f.Asks)
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		c.report("approval-incomplete", m.Status.Pos, "status is approved but %s is missing: add it", missing[0])
	default:
		c.report("approval-incomplete", m.Status.Pos, "status is approved but %s are missing: add %s", sop.JoinWords(missing, "and"), sop.JoinWords(asks, "and"))
	}
}

// reviewOverdue: review-overdue.
func (c *docCheck) reviewOverdue() {
	m := c.d.Meta
	if r, ok := m.NextReview(c.lib.Config.ReviewCycleDays, c.opts.Now); ok && r.Overdue() {
		c.report("review-overdue", r.Base.Pos, "review was due on %s (%s + %d days): review the SOP and set reviewed: to the date of the review",
			r.Due, r.Base.Text, c.lib.Config.ReviewCycleDays)
	}
}

// titleMismatch: title-mismatch.
func (c *docCheck) titleMismatch() {
	m, body := c.d.Meta, &c.d.Markdown
	if h, repeats := body.TitleHeading(m.Title.Text); h != nil && m.Title.Set && !repeats {
		c.report("title-mismatch", h.Pos, "the heading %q differs from the title %q: make them the same", h.Text, m.Title.Text)
	}
}

// placeholders: todo-placeholder, in the front matter's free-text single
// values (title, owner, approver) and in the body.
func (c *docCheck) placeholders() {
	for _, f := range c.fields {
		if v := f.Value(&c.d.Meta); f.Kind == sop.FreeText && strings.Contains(v.Text, sop.Placeholder) {
			c.report("todo-placeholder", v.Pos, "a placeholder is still here: replace %q with the real value", v.Text)
		}
	}
	for _, p := range c.d.Markdown.Placeholders {
		c.report("todo-placeholder", p, "a %s placeholder from scaffolding is still here: write the text it asks for", strings.TrimSuffix(sop.Placeholder, ":"))
	}
}

// checkLibrary runs the rules about the library as a whole and those that
// compare files: empty-library, duplicate-id, orphan.
func (c *checker) checkLibrary() []Finding {
	out := c.emptyLibrary()
	for _, d := range c.lib.Docs {
		if !c.want(d.Path) {
			continue
		}
		if docs := c.lib.Lookup(d.Meta.ID.Text); len(docs) > 1 {
			var others []string
			for _, o := range docs {
				if o != d {
					others = append(others, o.Path)
				}
			}
			out = c.add(out, "duplicate-id", d.Path, d.Meta.ID.Pos, "id %q is also used by %s: give each SOP its own id", d.Meta.ID.Text, strings.Join(others, ", "))
		}
		if !c.inbound[d] && !d.Meta.Retired() {
			out = c.add(out, "orphan", d.Path, fileStart, "no other SOP relates to, supersedes or links to this one: link it from a related SOP so readers find it")
		}
	}
	return out
}

// emptyLibrary: empty-library, at sopctl.yaml, so only when the files
// linted include it (the whole library): lint passing with nothing checked
// is most often a sops_dir or exclude that misses the SOP files.
func (c *checker) emptyLibrary() []Finding {
	if len(c.lib.Docs)+len(c.lib.Failed) > 0 || !c.want(library.ConfigFile) {
		return nil
	}
	cfg := c.lib.Config
	where := cfg.SOPsDir + "/ (sops_dir)"
	if cfg.SOPsDir == "." {
		where = "the library's folder (sops_dir: .)"
	}
	if c.lib.Excluded > 0 {
		return c.add(nil, "empty-library", library.ConfigFile, fileStart,
			"no SOP found in %s: exclude (%s) leaves out every *.md file there; narrow exclude, or set sops_dir to the folder that holds the SOP files",
			where, strings.Join(cfg.Exclude, ", "))
	}
	return c.add(nil, "empty-library", library.ConfigFile, fileStart,
		"no SOP found in %s: add one with sopctl new, or set sops_dir to the folder that holds the SOP files (*.md, not README.md, not starting with . or _)", where)
}

func (c *checker) isRetired(id string) bool {
	docs := c.lib.Lookup(id)
	return len(docs) > 0 && docs[0].Meta.Retired()
}

func anchorHint(t *sop.Doc, anchor string) string {
	var slugs []string
	for _, h := range t.Markdown.Headings {
		slugs = append(slugs, h.Slug)
	}
	if s := sop.Closest(anchor, slugs); s != "" {
		return fmt.Sprintf(": did you mean #%s?", s)
	}
	return ": fix the anchor"
}

func mapKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
