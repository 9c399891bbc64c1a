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
	// links are each SOP's Markdown.Links resolved, in order, once.
	links map[*sop.Doc][]library.Link
}

func newChecker(lib *library.Library, opts Options) *checker {
	c := &checker{lib: lib, opts: opts, roles: map[string]bool{}, inbound: map[*sop.Doc]bool{},
		links: make(map[*sop.Doc][]library.Link, len(lib.Docs))}
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
	for _, e := range lib.Config.Roles {
		c.roles[e.ID] = true
	}
	for _, d := range lib.Docs {
		for _, id := range append(d.Meta.Related.Strings(), d.Meta.Supersedes.Strings()...) {
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

// checkDoc runs every per-file rule on one SOP.
func (c *checker) checkDoc(d *sop.Doc) []Finding {
	var out []Finding
	add := func(rule string, pos sop.Pos, format string, args ...any) {
		out = c.add(out, rule, d.Path, pos, format, args...)
	}
	m := d.Meta

	for _, p := range d.Problems {
		add(p.Rule, p.Pos, "%s", p.Msg)
	}
	for _, f := range c.lib.Config.RequiredFields {
		if !m.Has(f) {
			add("missing-field", fileStart, "required field %s is missing or empty: add %s: to the front matter", f, f)
		}
	}
	stem := strings.TrimSuffix(path.Base(d.Path), ".md")
	if m.ID.Set && m.ID.Text != stem {
		add("id-mismatch", m.ID.Pos, "id %q differs from the file name %s.md: rename the file to %s.md or set id: %s", m.ID.Text, stem, m.ID.Text, stem)
	}

	body := &d.Markdown
	for _, name := range c.lib.Config.RequiredSections {
		s, ok := body.Section(name)
		switch {
		case !ok:
			add("missing-section", fileStart, "required section %q is missing: add a heading ## %s with its text", name, name)
		case s.Empty:
			add("empty-section", s.Pos, "section %q is empty: write its text under the heading", s.Text)
		}
	}
	if s, ok := body.Section("Procedure"); ok && !s.Empty && !s.OrderedList {
		add("no-steps", s.Pos, "the Procedure has no numbered steps: write them as a numbered list (1. 2. 3.)")
	}

	retired := m.Status.Text == "retired"
	checkRefs := func(field string, l sop.List, known func(string) bool, hint func(string) string) {
		for _, it := range l.Items {
			if !known(it.Text) {
				add("broken-ref", it.Pos, "%s names %q, which %s", field, it.Text, hint(it.Text))
			}
		}
	}
	sopRef := func(id string) bool { return len(c.lib.Lookup(id)) > 0 }
	sopHint := func(id string) string {
		msg := "is no SOP of this library"
		if s := sop.Closest(id, c.ids); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += ": fix the id or remove it"
		}
		return msg
	}
	checkRefs("related", m.Related, sopRef, sopHint)
	checkRefs("supersedes", m.Supersedes, sopRef, sopHint)
	checkRefs("roles", m.Roles, func(r string) bool { return c.roles[r] }, func(r string) string {
		msg := "is no role template and not under roles: in " + library.ConfigFile
		if s := sop.Closest(r, mapKeys(c.roles)); s != "" {
			return msg + fmt.Sprintf(": did you mean %q?", s)
		}
		return msg + ": add it there or fix the id"
	})
	checkRefs("kpis", m.KPIs, func(k string) bool { _, ok := c.lib.Config.KPI(k); return ok }, func(k string) string {
		msg := "is not under kpis: in " + library.ConfigFile
		var ids []string
		for _, e := range c.lib.Config.KPIs {
			ids = append(ids, e.ID)
		}
		if s := sop.Closest(k, ids); s != "" {
			return msg + fmt.Sprintf(": did you mean %q?", s)
		}
		return msg + ": add it there with its name"
	})
	for _, it := range m.Related.Items {
		if it.Text == m.ID.Text {
			add("self-ref", it.Pos, "the SOP lists itself in related: remove %s", it.Text)
			continue
		}
		if !retired && c.isRetired(it.Text) {
			add("retired-ref", it.Pos, "%s is retired: relate to the SOP that supersedes it instead", it.Text)
		}
	}
	for _, it := range m.Supersedes.Items {
		if it.Text == m.ID.Text {
			add("self-ref", it.Pos, "the SOP supersedes itself: remove %s from supersedes", it.Text)
		}
	}

	for j, l := range body.Links {
		out = c.checkLink(out, d, l, c.links[d][j], retired)
	}

	if m.Status.Text == "approved" {
		var missing []string
		if !m.Approver.Set {
			missing = append(missing, "approver")
		}
		if !m.Effective.Set {
			missing = append(missing, "effective")
		}
		switch len(missing) {
		case 1:
			add("approval-incomplete", m.Status.Pos, "status is approved but %s is missing: add it", missing[0])
		case 2:
			add("approval-incomplete", m.Status.Pos, "status is approved but approver and effective are missing: add who approved it and the date it applies from")
		}
	}
	if r, ok := m.NextReview(c.lib.Config.ReviewCycleDays, c.opts.Now); ok && r.Overdue() {
		add("review-overdue", r.Base.Pos, "review was due on %s (%s + %d days): review the SOP and set reviewed: to the date of the review",
			r.Due, r.Base.Text, c.lib.Config.ReviewCycleDays)
	}
	if h, repeats := body.TitleHeading(m.Title.Text); h != nil && m.Title.Set && !repeats {
		add("title-mismatch", h.Pos, "the heading %q differs from the title %q: make them the same", h.Text, m.Title.Text)
	}
	for _, v := range []sop.Value{m.Title, m.Owner, m.Approver} {
		if strings.Contains(v.Text, sop.Placeholder) {
			add("todo-placeholder", v.Pos, "a placeholder is still here: replace %q with the real value", v.Text)
		}
	}
	for _, p := range body.Placeholders {
		add("todo-placeholder", p, "a %s placeholder from scaffolding is still here: write the text it asks for", strings.TrimSuffix(sop.Placeholder, ":"))
	}
	return out
}

// checkLibrary runs the rules that compare files: duplicate-id, orphan.
func (c *checker) checkLibrary() []Finding {
	var out []Finding
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
		if !c.inbound[d] && d.Meta.Status.Text != "retired" {
			out = c.add(out, "orphan", d.Path, fileStart, "no other SOP relates to, supersedes or links to this one: link it from a related SOP so readers find it")
		}
	}
	return out
}

func (c *checker) isRetired(id string) bool {
	docs := c.lib.Lookup(id)
	return len(docs) > 0 && docs[0].Meta.Status.Text == "retired"
}

// checkLink reports a link or image of d that is broken (broken-link), or
// a link to d itself (self-ref) or to a retired SOP (retired-ref). The
// library's resolver decides, as it does for render.
func (c *checker) checkLink(out []Finding, d *sop.Doc, l sop.Link, r library.Link, retired bool) []Finding {
	if r.Kind != library.LinkLocal {
		return out // the web, mail and other schemes are render's to judge
	}
	// Worded as render words its warning about the same link.
	what, link := "link", "link to "+l.Dest
	if l.Image {
		what, link = "image", "image "+l.Dest
	}
	switch r.Problem {
	case library.LinkEmpty:
		return c.add(out, "broken-link", d.Path, l.Pos, "%s %s: write the file or #heading it leads to", what, r.Reason())
	case library.LinkOutside:
		return c.add(out, "broken-link", d.Path, l.Pos, "%s %s: link to a file inside the library, or to its web address", link, r.Reason())
	case library.LinkMissing:
		return c.add(out, "broken-link", d.Path, l.Pos, "%s %s: fix the path (relative to this file, or starting with / for the library root)", link, r.Reason())
	case library.LinkNoHeading:
		return c.add(out, "broken-link", d.Path, l.Pos, "%s %s%s", link, r.Reason(), anchorHint(r.Doc, r.Anchor))
	}
	switch t := r.Doc; {
	case l.Image || t == nil:
	case t == d && !r.AnchorOnly:
		out = c.add(out, "self-ref", d.Path, l.Pos, "the SOP links to itself (%s): link to the heading with #anchor, or remove the link", l.Dest)
	case t != d && !retired && t.Meta.Status.Text == "retired":
		out = c.add(out, "retired-ref", d.Path, l.Pos, "link to %s, which is retired: link to the SOP that supersedes it instead", l.Dest)
	}
	return out
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
