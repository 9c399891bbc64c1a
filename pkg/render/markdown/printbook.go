package markdown

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The handbooks in one file: handbook.md, every SOP grouped by role, each
// in full once, under its first role (over handbook_max_sops, links to
// the role handbooks instead), and each role's roles/<id>-handbook.md,
// continuing on -2.md, ... as render.Book cuts it.

// anchors are the GitHub slugs of a file's headings, made unique in file
// order: where each SOP printed in the file, and each heading of its
// body, lands.
type anchors struct {
	slugs   *sop.Slugger
	title   map[*render.Page]string
	heading map[*render.Page]map[string]string
}

// newAnchors starts a file whose first headings have these texts.
func newAnchors(headings ...string) *anchors {
	a := &anchors{slugs: sop.NewSlugger(), title: map[*render.Page]string{}, heading: map[*render.Page]map[string]string{}}
	for _, h := range headings {
		a.of(h)
	}
	return a
}

// of is the anchor of the file's next heading, with text as escape
// writes it.
func (a *anchors) of(text string) string {
	return a.slugs.Slug(strings.Join(strings.Fields(text), " "))
}

// add places p's title and its body's headings next in the file.
func (a *anchors) add(p *render.Page) {
	a.title[p] = a.of(p.Title)
	a.heading[p] = map[string]string{}
	hs := p.Doc.Markdown.Headings
	title, repeats := p.Doc.Markdown.TitleHeading(p.Title)
	for i, hd := range hs {
		if repeats && &hs[i] == title {
			continue // dropped: the SOP's own heading stands for it
		}
		a.heading[p][hd.Slug] = a.slugs.Slug(hd.Text)
	}
}

// placement puts the bodies of the file's SOPs shift levels down, their
// links to SOPs of the file in-file, and to any other SOP where
// elsewhere says.
func (a *anchors) placement(shift int, elsewhere func(to *render.Page, anchor string) string) placement {
	return placement{shift: shift, href: func(to *render.Page, anchor string) string {
		t, ok := a.title[to]
		if !ok {
			return elsewhere(to, anchor)
		}
		if s, ok := a.heading[to][anchor]; ok && anchor != "" {
			return "#" + s
		}
		return "#" + t
	}}
}

// printPlan is where every SOP lands in the handbooks: handbook.md's
// anchors (nil over handbook_max_sops) and its role headings', and each
// part of each book's.
type printPlan struct {
	handbook *anchors
	roleSlug map[*render.Book]string
	parts    map[*render.Book][]*anchors
}

func planPrint(h *render.Handbook) *printPlan {
	plan := &printPlan{roleSlug: map[*render.Book]string{}, parts: map[*render.Book][]*anchors{}}
	if h.OnePage() {
		plan.handbook = newAnchors(h.Title, "Contents")
		for _, b := range h.Books() {
			plan.roleSlug[b] = plan.handbook.of(b.Role.Title)
			printed, _ := h.OnePageSplit(b)
			for _, p := range printed {
				plan.handbook.add(p)
			}
		}
	}
	for _, b := range h.Books() {
		for j := range b.Parts {
			a := newAnchors(bookTitle(b, j), "Contents")
			for _, p := range b.PartSOPs(j) {
				a.add(p)
			}
			plan.parts[b] = append(plan.parts[b], a)
		}
	}
	return plan
}

// bookTitle is the heading of part j of a role handbook.
func bookTitle(b *render.Book, j int) string {
	if len(b.Parts) > 1 {
		return fmt.Sprintf("%s: printable handbook, part %d of %d", b.Role.Title, j+1, len(b.Parts))
	}
	return b.Role.Title + ": printable handbook"
}

// sections writes p's sections of the handbooks, one after another:
// handbook.md's (none over handbook_max_sops), then its books', as
// Handbook.BooksOf lists them; and their lengths.
func (plan *printPlan) sections(h *render.Handbook, p *render.Page, pb *parsedBody, opts Options) ([]byte, []int) {
	var b bytes.Buffer
	b.Grow((1 + len(h.BooksOf(p))) * (len(pb.src) + 1<<10))
	lens := []int{0}
	if plan.handbook != nil && h.OnePagePrints(p) {
		pl := plan.handbook.placement(2, func(to *render.Page, a string) string { return fileHref("sops/"+to.ID+".md", a) })
		printSection(&b, h, p, pb, opts, "###", "roles/", pl)
		lens[0] = b.Len()
	}
	for _, bk := range h.BooksOf(p) {
		part, _ := bk.Part(p)
		pl := plan.parts[bk][part].placement(1, func(to *render.Page, a string) string { return fileHref("../sops/"+to.ID+".md", a) })
		pl.root = "../" // roles/<id>-handbook.md lies in roles/
		n := b.Len()
		printSection(&b, h, p, pb, opts, "##", "", pl)
		lens = append(lens, b.Len()-n)
	}
	return b.Bytes(), lens
}

// printSection writes an SOP's section of a handbook file, under a
// heading of the given level, to b.
func printSection(b *bytes.Buffer, h *render.Handbook, p *render.Page, pb *parsedBody, opts Options, level, rolesDir string, pl placement) {
	fmt.Fprintf(b, "\n%s %s\n\n%s", level, escape(p.Title), notices(p, ""))
	b.WriteString(metaTable(h, p, pb.meta, opts, rolesDir, pl.root+kpiFile))
	text, _ := pb.place(h, p, pl)
	b.WriteString("\n")
	b.WriteString(text)
}

// entry is an SOP's line in a handbook's contents.
func entry(p *render.Page, anchor, indent string) string {
	return fmt.Sprintf("%s- [%s](#%s)%s\n", indent, escape(p.Title), anchor, draftWord(p))
}

func draftWord(p *render.Page) string {
	if p.Doc.Meta.Draft() {
		return " (DRAFT)"
	}
	return ""
}

// contentsLine is about what a handbook file holds of an SOP besides its
// section (its line in the contents, a link to it), to size the file
// before it is written.
const contentsLine = 160

// writeHandbooks writes handbook.md and the role handbooks, one file at a
// time, each SOP's sections read from pr, into one buffer: an Output
// keeps a copy of what it is given (render.Output).
func (plan *printPlan) writeHandbooks(h *render.Handbook, out render.Output, pr *printed, key string) error {
	b := new(bytes.Buffer)
	if err := plan.handbookFile(b, h, pr); err != nil {
		return err
	}
	if err := render.WriteKeyed(out, "handbook.md", key, b.Bytes()); err != nil {
		return err
	}
	for _, bk := range h.Books() {
		for j := range bk.Parts {
			b.Reset()
			if err := plan.bookFile(b, h, bk, j, pr); err != nil {
				return err
			}
			if err := render.WriteKeyed(out, bk.File(j, ".md"), key, b.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}

// handbookFile writes handbook.md to b.
func (plan *printPlan) handbookFile(b *bytes.Buffer, h *render.Handbook, pr *printed) error {
	fmt.Fprintf(b, "# %s\n", escape(h.Title))
	if plan.handbook == nil {
		fmt.Fprintf(b, "\nThis handbook has %d SOPs, more than the %d that one file holds (handbook_max_sops in sopctl.yaml). Read or print it by role:\n\n", len(h.SOPs), h.MaxSOPs)
		for _, bk := range h.Books() {
			fmt.Fprintf(b, "- %s\n", bookLink(bk))
		}
		return nil
	}
	size := 0
	for i := range h.SOPs {
		size += pr.size(i, 0) + contentsLine
	}
	b.Grow(size)
	b.WriteString("\n## Contents\n\n")
	for _, bk := range h.Books() {
		fmt.Fprintf(b, "- [%s](#%s)\n", escape(bk.Role.Title), plan.roleSlug[bk])
		for _, p := range bk.SOPs {
			b.WriteString(entry(p, plan.handbook.title[p], "  "))
		}
	}
	for _, bk := range h.Books() {
		fmt.Fprintf(b, "\n## %s\n", escape(bk.Role.Title))
		printed, others := h.OnePageSplit(bk)
		for _, p := range printed {
			if err := pr.writeTo(b, h.Index(p), 0); err != nil {
				return err
			}
		}
		var elsewhere []string
		for _, p := range others {
			elsewhere = append(elsewhere, "["+escape(p.Title)+"](#"+plan.handbook.title[p]+")")
		}
		if len(elsewhere) > 0 {
			fmt.Fprintf(b, "\nAlso for this role, printed under another role: %s.\n", strings.Join(elsewhere, ", "))
		}
		b.WriteString(retiredLine(bk, "sops/"))
	}
	return nil
}

// bookLink links a role handbook's first file from the bundle's root,
// with its counts.
func bookLink(b *render.Book) string {
	s := fmt.Sprintf("[%s](%s) (%d SOP", escape(b.Role.Title), b.File(0, ".md"), len(b.Role.SOPs))
	if len(b.Role.SOPs) != 1 {
		s += "s"
	}
	if len(b.Parts) > 1 {
		s += fmt.Sprintf(", in %d parts", len(b.Parts))
	}
	return s + ")"
}

// bookFile writes part j of a role handbook to s.
func (plan *printPlan) bookFile(s *bytes.Buffer, h *render.Handbook, b *render.Book, j int, pr *printed) error {
	fmt.Fprintf(s, "# %s\n\n[All SOPs](../README.md)", escape(bookTitle(b, j)))
	if !b.Role.Other {
		fmt.Fprintf(s, " · [%s](%s.md)", escape(b.Role.Title), b.Role.ID)
	}
	size := 0
	for _, p := range b.PartSOPs(j) {
		size += pr.size(h.Index(p), 1+h.BookIndex(p, b)) + contentsLine
	}
	s.Grow(size)
	s.WriteString("\n\n## Contents\n\n")
	for _, p := range b.PartSOPs(j) {
		s.WriteString(entry(p, plan.parts[b][j].title[p], ""))
	}
	if j == 0 {
		s.WriteString(retiredLine(b, "../sops/"))
	}
	if j == 0 && len(b.Elsewhere) > 0 {
		var links []string
		for _, p := range b.Elsewhere {
			links = append(links, "["+escape(p.Title)+"](../sops/"+p.ID+".md)")
		}
		fmt.Fprintf(s, "\nAlso for this role, printed in another role's handbook: %s.\n", strings.Join(links, ", "))
	}
	for _, p := range b.PartSOPs(j) {
		if err := pr.writeTo(s, h.Index(p), 1+h.BookIndex(p, b)); err != nil {
			return err
		}
	}
	var pager []string
	if j > 0 {
		pager = append(pager, "[Previous part]("+path.Base(b.File(j-1, ".md"))+")")
	}
	if j+1 < len(b.Parts) {
		pager = append(pager, "[Next part]("+path.Base(b.File(j+1, ".md"))+")")
	}
	if len(pager) > 0 {
		s.WriteString("\n" + strings.Join(pager, " · ") + "\n")
	}
	return nil
}

// retiredLine lists a book's retired SOPs, which it does not print, linking
// their pages in dir; "" when it has none.
func retiredLine(b *render.Book, dir string) string {
	if len(b.Retired) == 0 {
		return ""
	}
	links := make([]string, len(b.Retired))
	for i, p := range b.Retired {
		links[i] = "[" + escape(p.Title) + "](" + dir + p.ID + ".md)"
	}
	return "\nRetired, not printed: " + strings.Join(links, ", ") + ".\n"
}
