// Package markdown writes a handbook as a Markdown bundle that reads well
// on any git host and feeds mdBook: README.md (index), SUMMARY.md,
// handbook.md (everything in one file, grouped by role; over
// handbook_max_sops, links to the role handbooks), sops/<id>.md,
// roles/<id>.md, each role's printable roles/<id>-handbook.md, and the KPI
// page kpis.md. Into a render.Keyed output, every file goes with its key,
// and the files the previous render made from the same inputs are reused
// rather than written. Into a render.Spooler (a Stage), the SOPs' sections
// of the handbooks wait in its spool, not in memory, until the handbooks
// are written (spool.go).
package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/render"
)

// Options configures the bundle.
type Options struct {
	kpiAnchors map[string]string // KPI id -> its anchor on the KPI page; Bundle sets it
}

// Bundle renders the handbook, writes its files to out, and returns the
// warnings about links rendered as plain text. Each SOP's body is read
// (Handbook.Body) and parsed once, and its file and its sections of the
// handbooks made from it, in parallel; the file is written as soon as it
// is made, and the sections are held in out's spool (a render.Spooler)
// until the handbooks are written, one file at a time.
func Bundle(h *render.Handbook, out render.Output, opts Options) (_ []render.Warning, err error) {
	opts.kpiAnchors = kpiAnchors(h)
	libKey, contentKey := render.Key("markdown", "library", h.LibraryKey()), render.Key("markdown", "content", h.ContentKey())
	libReused, err := render.Reuse(out, libKey)
	if err != nil {
		return nil, err
	}
	contentReused, err := render.Reuse(out, contentKey)
	if err != nil {
		return nil, err
	}
	var plan *printPlan
	var pr *printed
	if !contentReused {
		plan = planPrint(h)
		if pr, err = newPrinted(out, len(h.SOPs)); err != nil {
			return nil, err
		}
		defer func() { err = errors.Join(err, pr.close()) }()
	}
	warnings, err := sopFiles(h, out, opts, plan, pr)
	if err != nil {
		return nil, err
	}
	if !libReused {
		for _, f := range libraryFiles(h, libKey) {
			if err := render.WriteKeyed(out, f.name, f.key, f.data); err != nil {
				return nil, err
			}
		}
	}
	if !contentReused {
		err = plan.writeHandbooks(h, out, pr, contentKey)
	}
	return warnings, err
}

// sopFiles makes and writes every SOP's file, in parallel, and, with a
// plan, puts its sections of the handbooks in pr. The file is made even
// when the previous output gives it: making it finds the warnings about
// its body.
func sopFiles(h *render.Handbook, out render.Output, opts Options, plan *printPlan, pr *printed) ([]render.Warning, error) {
	n := len(h.SOPs)
	warns := make([][]render.Warning, n)
	errs := make([]error, n)
	parallel.For(n, func(i int) {
		p := h.SOPs[i]
		pb, err := parseBody(h, p)
		if err != nil {
			errs[i] = err
			return
		}
		key := render.Key("markdown", "sops/"+p.ID+".md", h.PageKey(p))
		var page []byte
		page, warns[i] = sopFile(h, p, pb, opts)
		reused, err := render.Reuse(out, key)
		if errs[i] = err; err == nil && !reused {
			errs[i] = render.WriteKeyed(out, "sops/"+p.ID+".md", key, page)
		}
		if errs[i] == nil && plan != nil {
			sections, lens := plan.sections(h, p, pb, opts)
			errs[i] = pr.put(i, sections, lens)
		}
	})
	return slices.Concat(warns...), errors.Join(errs...)
}

// libraryFiles are the files made from the whole library but no SOP's
// body: the index, the summary, the KPI page and the role pages.
func libraryFiles(h *render.Handbook, key string) []file {
	files := []file{
		{"README.md", []byte(index(h)), key},
		{"SUMMARY.md", []byte(summary(h)), key},
		{kpiFile, kpiPage(h), key},
	}
	for _, b := range h.Books() {
		if r := b.Role; !r.Other {
			files = append(files, file{"roles/" + r.ID + ".md", []byte(fmt.Sprintf("# %s\n\n[All SOPs](../README.md) · [Printable handbook](%s)\n\n%s",
				escape(r.Title), path.Base(b.File(0, ".md")), sopTable(r.SOPs, "../sops/"))), key})
		}
	}
	return files
}

// file is one file of the bundle.
type file struct {
	name string
	data []byte
	key  string // what it is made from (render.Key)
}

// sopFile is an SOP's own file in sops/, and the warnings about its links.
func sopFile(h *render.Handbook, p *render.Page, pb *parsedBody, opts Options) ([]byte, []render.Warning) {
	warnings := h.LinkWarnings(p)
	sopsDir := placement{href: func(to *render.Page, a string) string { return fileHref(to.ID+".md", a) }, root: "../"}
	var b bytes.Buffer
	b.Grow(len(pb.src) + 2<<10) // the body and the page around it
	fmt.Fprintf(&b, "# %s\n\n", escape(p.Title))
	superseded := ""
	if len(p.SupersededBy) > 0 {
		superseded = " It is superseded by " + pageLinks(p.SupersededBy, "") + "."
	}
	b.WriteString(notices(p, superseded))
	b.WriteString(provenance(p))
	b.WriteString(metaTable(h, p, pb.meta, opts, "../roles/", "../"+kpiFile))
	text, w := pb.place(h, p, sopsDir)
	if w != nil {
		warnings = append(warnings, *w)
	}
	b.WriteString("\n")
	b.WriteString(text)
	b.WriteString("\n")
	b.WriteString("## Related SOPs\n\n" + pageList(p.Related, "", "None listed.") + "\n")
	b.WriteString("## Referenced by\n\n" + pageList(p.ReferencedBy, "", "No other SOP refers to this one.") + "\n")
	if len(p.History) > 0 {
		// "Change log": an SOP's own "Revision History" section, when it
		// has one, says what changed in its words; this is git's record.
		b.WriteString("## Change log\n\n| Date | Author | Change | Commit |\n|---|---|---|---|\n")
		for _, r := range p.History {
			fmt.Fprintf(&b, "| %s | %s | %s | `%s` |\n", r.Date.Format("2006-01-02"), escape(r.Author), escape(r.Subject), r.Commit)
		}
	}
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n'), warnings
}

// notices are the blockquotes at the top of an SOP: a draft's DRAFT mark
// in words, a retired one's notice (followed by superseded, when set).
func notices(p *render.Page, superseded string) string {
	switch {
	case p.Doc.Meta.Draft():
		return "> **DRAFT:** this SOP is not approved yet: do not take it for a procedure in force.\n\n"
	case p.Doc.Meta.Retired():
		return "> **Retired:** this SOP is no longer in force." + superseded + "\n\n"
	}
	return ""
}

// provenance is the line saying when the SOP's file last changed in git
// and where to edit it, when either is known.
func provenance(p *render.Page) string {
	var parts []string
	if t, ok := p.LastUpdated(); ok {
		parts = append(parts, "Last updated "+t.Format(time.DateOnly)) // in the author's zone, as git shows it
	}
	if p.EditURL != "" {
		parts = append(parts, "[Edit this page]("+destination(p.EditURL)+")")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, " · ") + "\n\n"
}

// destination writes a URL as a link destination that no Markdown reader
// ends early: spaces, brackets and parentheses percent-encoded.
func destination(u string) string { return destinationReplacer.Replace(u) }

// destinationReplacer is made once: a Replacer builds its tables on first
// use, which cost more than most of its uses.
var destinationReplacer = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

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

// metaTable is the model's metadata block (meta, p.Meta()) as a table of
// the entries that are set, but related SOPs (a section of their own).
// Roles link to their pages (in rolesDir), KPIs to their entries on the
// KPI page (kpiFile), with their names and targets.
func metaTable(h *render.Handbook, p *render.Page, meta []render.MetaField, opts Options, rolesDir, kpiFile string) string {
	var b strings.Builder
	b.WriteString("| Field | Value |\n|---|---|\n")
	for _, e := range meta {
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
			value = kpiLinks(h, e.List.Strings(), opts.kpiAnchors, kpiFile)
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
		draft := ""
		if m.Draft() {
			draft = "**DRAFT** "
		}
		fmt.Fprintf(&b, "| `%s` | %s[%s](%s%s.md) | %s | %s | %s | %s |\n", p.ID, draft, escape(p.Title), dir, p.ID,
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
	fmt.Fprintf(&b, "%d standard operating procedures%s. Read them [all in one file](handbook.md), or by role below. [KPIs](kpis.md): what the SOPs are measured by, and the targets.\n", len(h.SOPs), org)
	for _, bk := range h.Books() {
		r := bk.Role
		title := escape(r.Title)
		if !r.Other {
			title = "[" + title + "](roles/" + r.ID + ".md)"
		}
		fmt.Fprintf(&b, "\n## %s\n\n[Printable handbook](%s)\n\n%s", title, bk.File(0, ".md"), sopTable(r.SOPs, "sops/"))
	}
	return b.String()
}

// summary is mdBook's table of contents: each role with the SOPs it is the
// first role of (mdBook lists a file once) and its printable handbook,
// then SOPs of no role; SOPs ordered by title.
func summary(h *render.Handbook) string {
	var b strings.Builder
	b.WriteString("# Summary\n\n[Introduction](README.md)\n\n")
	for _, bk := range h.Books() {
		r, indent := bk.Role, "  "
		if r.Other {
			b.WriteString("\n# " + escape(r.Title) + "\n\n")
			indent = ""
		} else {
			fmt.Fprintf(&b, "- [%s](roles/%s.md)\n", escape(r.Title), r.ID)
		}
		for _, p := range render.ByTitle(r.SOPs) {
			if h.Home(p) == bk {
				fmt.Fprintf(&b, "%s- [%s](sops/%s.md)\n", indent, escape(p.Title), p.ID)
			}
		}
		for j := range bk.Parts {
			fmt.Fprintf(&b, "%s- [%s](%s)\n", indent, escape(bookTitle(bk, j)), bk.File(j, ".md"))
		}
		if r.Other {
			b.WriteString("\n")
		}
	}
	b.WriteString("\n---\n\n[The whole handbook](handbook.md)\n")
	return b.String()
}
