// Package markdown writes a handbook as a Markdown bundle that reads well
// on any git host and feeds mdBook: README.md (index), SUMMARY.md,
// handbook.md (everything in one file), sops/<id>.md and roles/<id>.md.
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Options configures the bundle.
type Options struct {
	KPINames map[string]string // KPI id -> name, for the metadata table
}

// Bundle renders the handbook, writes its files to out, and returns the
// warnings about links rendered as plain text. Each SOP's file and its
// part of handbook.md are made in parallel, and the file written as soon
// as it is made.
func Bundle(h *render.Handbook, out render.Output, opts Options) ([]render.Warning, error) {
	here, titleSlug := handbookPlacement(h)
	n := len(h.SOPs)
	sections := make([]string, n)
	warns := make([][]render.Warning, n)
	errs := make([]error, n)
	parallel.For(n, func(i int) {
		p := h.SOPs[i]
		var page []byte
		page, warns[i] = sopFile(h, p, opts)
		errs[i] = out.WriteFile("sops/"+p.ID+".md", page)
		sections[i] = handbookSection(h, p, opts, here)
	})
	files := []file{
		{"README.md", []byte(index(h))},
		{"SUMMARY.md", []byte(summary(h))},
		{"handbook.md", handbook(h, titleSlug, sections)},
	}
	for _, r := range h.Roles {
		if !r.Other {
			files = append(files, file{"roles/" + r.ID + ".md", []byte(fmt.Sprintf("# %s\n\n[All SOPs](../README.md)\n\n%s", escape(r.Title), sopTable(r.SOPs, "../sops/")))})
		}
	}
	for _, f := range files {
		errs = append(errs, out.WriteFile(f.name, f.data))
	}
	return slices.Concat(warns...), errors.Join(errs...)
}

// file is one file of the bundle.
type file struct {
	name string
	data []byte
}

// sopFile is an SOP's own file in sops/, and the warnings about its links.
func sopFile(h *render.Handbook, p *render.Page, opts Options) ([]byte, []render.Warning) {
	warnings := h.LinkWarnings(p)
	sopsDir := placement{href: func(to *render.Page, a string) string { return fileHref(to.ID+".md", a) }, root: "../"}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", escape(p.Title))
	if p.Doc.Meta.Retired() {
		b.WriteString("> **Retired:** this SOP is no longer in force.")
		if len(p.SupersededBy) > 0 {
			b.WriteString(" It is superseded by " + pageLinks(p.SupersededBy, "") + ".")
		}
		b.WriteString("\n\n")
	}
	b.WriteString(metaTable(p, opts, "../roles/"))
	text, w := body(h, p, sopsDir)
	if w != nil {
		warnings = append(warnings, *w)
	}
	b.WriteString("\n" + text + "\n")
	b.WriteString("## Related SOPs\n\n" + pageList(p.Related, "", "None listed.") + "\n")
	b.WriteString("## Referenced by\n\n" + pageList(p.ReferencedBy, "", "No other SOP refers to this one.") + "\n")
	if len(p.History) > 0 {
		b.WriteString("## Revision history\n\n| Date | Author | Change | Commit |\n|---|---|---|---|\n")
		for _, r := range p.History {
			fmt.Fprintf(&b, "| %s | %s | %s | `%s` |\n", r.Date.Format("2006-01-02"), escape(r.Author), escape(r.Subject), r.Commit)
		}
	}
	return []byte(strings.TrimRight(b.String(), "\n") + "\n"), warnings
}

func fileHref(file, anchor string) string {
	if anchor != "" {
		return file + "#" + anchor
	}
	return file
}

func pageLinks(ps []*render.Page, dir string) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = "[" + escape(p.Title) + "](" + dir + p.ID + ".md)"
	}
	return strings.Join(out, ", ")
}

func pageList(ps []*render.Page, dir, none string) string {
	if len(ps) == 0 {
		return none + "\n"
	}
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "- [%s](%s%s.md)\n", escape(p.Title), dir, p.ID)
	}
	return b.String()
}

// metaTable is the model's metadata block as a table of the entries
// that are set, but related SOPs (a section of their own). Roles link to
// their pages; KPIs show with their names.
func metaTable(p *render.Page, opts Options, rolesDir string) string {
	var b strings.Builder
	b.WriteString("| Field | Value |\n|---|---|\n")
	for _, e := range p.Meta() {
		value := escape(e.Value.Text)
		switch {
		case e.Name == "related":
			continue
		case e.Name == "id":
			value = "`" + p.ID + "`"
		case e.Name == render.NextReview && p.Overdue:
			value = p.NextReview + " (overdue)"
		case e.Name == render.NextReview:
			value = p.NextReview
		case e.Name == "roles":
			var roles []string
			for _, r := range p.Roles {
				roles = append(roles, "["+escape(r.Title)+"]("+rolesDir+r.ID+".md)")
			}
			value = strings.Join(roles, ", ")
		case e.Name == "kpis":
			var kpis []string
			for _, k := range e.List.Strings() {
				if name, ok := opts.KPINames[k]; ok {
					k = name + " (" + k + ")"
				}
				kpis = append(kpis, escape(k))
			}
			value = strings.Join(kpis, ", ")
		case e.IsList:
			value = escape(strings.Join(e.List.Strings(), ", "))
		}
		if value != "" {
			fmt.Fprintf(&b, "| %s | %s |\n", e.Label, value)
		}
	}
	return b.String()
}

func sopTable(ps []*render.Page, dir string) string {
	var b strings.Builder
	b.WriteString("| ID | Title | Owner | Status | Version | Next review |\n|---|---|---|---|---|---|\n")
	for _, p := range ps {
		m := p.Doc.Meta
		next := p.NextReview
		if next == "" {
			next = "—"
		} else if p.Overdue {
			next += " (overdue)"
		}
		fmt.Fprintf(&b, "| `%s` | [%s](%s%s.md) | %s | %s | %s | %s |\n", p.ID, escape(p.Title), dir, p.ID,
			escape(m.Owner.Text), escape(m.Status.Text), escape(m.Version.Text), next)
	}
	return b.String()
}

func index(h *render.Handbook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", escape(h.Title))
	org := ""
	if h.Organization != "" {
		org = " of " + escape(h.Organization)
	}
	fmt.Fprintf(&b, "%d standard operating procedures%s. Read them [all in one file](handbook.md), or by role below.\n", len(h.SOPs), org)
	for _, r := range h.Roles {
		title := escape(r.Title)
		if !r.Other {
			title = "[" + title + "](roles/" + r.ID + ".md)"
		}
		fmt.Fprintf(&b, "\n## %s\n\n%s", title, sopTable(r.SOPs, "sops/"))
	}
	return b.String()
}

// summary is mdBook's table of contents: each role with the SOPs it is the
// first role of (mdBook lists a file once), then SOPs of no role.
func summary(h *render.Handbook) string {
	var b strings.Builder
	b.WriteString("# Summary\n\n[Introduction](README.md)\n\n")
	for _, r := range h.Roles {
		if r.Other {
			b.WriteString("\n# " + escape(r.Title) + "\n\n")
			for _, p := range r.SOPs {
				fmt.Fprintf(&b, "- [%s](sops/%s.md)\n", escape(p.Title), p.ID)
			}
			b.WriteString("\n")
			continue
		}
		fmt.Fprintf(&b, "- [%s](roles/%s.md)\n", escape(r.Title), r.ID)
		for _, p := range r.SOPs {
			if p.Roles[0] == r {
				fmt.Fprintf(&b, "  - [%s](sops/%s.md)\n", escape(p.Title), p.ID)
			}
		}
	}
	b.WriteString("\n---\n\n[The whole handbook](handbook.md)\n")
	return b.String()
}

// handbookPlacement decides where each SOP and each heading of its body
// lands in handbook.md: every SOP under a level-2 heading, its body's
// headings one level down, links to SOPs pointing into the file. The
// anchors are the GitHub slugs of the headings as they appear there, made
// unique in file order, so this runs before the sections are written.
func handbookPlacement(h *render.Handbook) (placement, map[*render.Page]string) {
	slugs := sop.NewSlugger()
	slugs.Slug(h.Title)
	slugs.Slug("Contents")
	titleSlug := map[*render.Page]string{}
	headingSlug := map[*render.Page]map[string]string{}
	for _, p := range h.SOPs {
		titleSlug[p] = slugs.Slug(strings.Join(strings.Fields(p.Title), " ")) // as escape writes it
		headingSlug[p] = map[string]string{}
		hs := p.Doc.Markdown.Headings
		title, repeats := p.Doc.Markdown.TitleHeading(p.Title)
		for i, hd := range hs {
			if repeats && &hs[i] == title {
				continue // dropped: the SOP's own heading stands for it
			}
			headingSlug[p][hd.Slug] = slugs.Slug(hd.Text)
		}
	}
	here := placement{shift: 1, href: func(to *render.Page, a string) string {
		if a != "" {
			if s, ok := headingSlug[to][a]; ok {
				return "#" + s
			}
		}
		return "#" + titleSlug[to]
	}}
	return here, titleSlug
}

// handbookSection is an SOP's part of handbook.md.
func handbookSection(h *render.Handbook, p *render.Page, opts Options, here placement) string {
	var b strings.Builder
	fmt.Fprintf(&b, "\n## %s\n\n", escape(p.Title))
	if p.Doc.Meta.Retired() {
		b.WriteString("> **Retired:** this SOP is no longer in force.\n\n")
	}
	b.WriteString(metaTable(p, opts, "roles/"))
	text, _ := body(h, p, here)
	b.WriteString("\n" + text)
	return b.String()
}

// handbook puts every SOP in one file: a contents list, then the sections.
func handbook(h *render.Handbook, titleSlug map[*render.Page]string, sections []string) []byte {
	size := len(h.Title) + 64
	for i, p := range h.SOPs {
		size += len(p.Title) + len(titleSlug[p]) + 8 + len(sections[i])
	}
	var b bytes.Buffer
	b.Grow(size)
	fmt.Fprintf(&b, "# %s\n\n## Contents\n\n", escape(h.Title))
	for _, p := range h.SOPs {
		fmt.Fprintf(&b, "- [%s](#%s)\n", escape(p.Title), titleSlug[p])
	}
	for _, s := range sections {
		b.WriteString(s)
	}
	return b.Bytes()
}
