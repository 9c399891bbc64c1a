package html

import (
	"bytes"
	"cmp"
	htmltemplate "html/template"
	"iter"
	"path"
	"strings"

	"github.com/sopctl/sopctl/pkg/render"
)

// The printable handbooks: handbook.html, every SOP grouped by role (over
// handbook_max_sops, links to the role handbooks instead), and each
// role's roles/<id>-handbook.html, continuing on -2.html, ... Each SOP is
// written once for the one-page handbook and once for each of its roles'
// books, so the work stays linear in the library.

// printView is what a printable handbook's template shows.
type printView struct {
	Groups []printGroup // handbook.html
	// Book, Part, Start, Prev and Next are a role handbook's: its book,
	// which part of it this file is (from 1), the number of its first SOP
	// in the book, and the files before and after ("" for none).
	Book             *render.Book
	Part, Start      int
	Prev, Next       string
	Sections         iter.Seq[htmltemplate.HTML] // read as the template reaches them (spooledSections)
	Contents         []*render.Page
	Elsewhere        []*render.Page // the first part's: Book.Elsewhere
	Retired          []*render.Page // the first part's: Book.Retired
	OnePage, Several bool
}

// printGroup is one role's part of handbook.html: the sections of the SOPs
// whose first role it is, and the role's other SOPs, printed under theirs.
type printGroup struct {
	Book      *render.Book
	Sections  iter.Seq[htmltemplate.HTML]
	Elsewhere []*render.Page
	Retired   []*render.Page // Book.Retired
}

// bookLinker places the SOPs of one part of a role handbook on its page:
// a link to an SOP on the same page is an in-page anchor (as on the
// one-page handbook); to any other, a link to its page in sops/.
type bookLinker struct {
	h    *render.Handbook
	book *render.Book
	part int
}

func (l bookLinker) HeadingID(p *render.Page, slug string) string {
	return handbookLinker{l.h}.HeadingID(p, slug)
}

func (l bookLinker) Href(from, to *render.Page, anchor string) string {
	if part, ok := l.book.Part(to); ok && part == l.part {
		return handbookLinker{l.h}.Href(from, to, anchor)
	}
	return "../sops/" + pageLinker{}.Href(from, to, anchor)
}

func (bookLinker) Level(l int) int { return l + 1 } // under the SOP's h2
func (bookLinker) Root() string    { return "../" } // roles/<id>-handbook.html lies in roles/

// printLinkers are the places p is printed: the one-page handbook (unless
// over handbook_max_sops), then its books, as Handbook.BooksOf lists them.
func printLinkers(h *render.Handbook, p *render.Page) []linker {
	var out []linker
	if h.OnePagePrints(p) {
		out = append(out, handbookLinker{h})
	}
	for _, b := range h.BooksOf(p) {
		part, _ := b.Part(p)
		out = append(out, bookLinker{h, b, part})
	}
	return out
}

// printSections wraps p's bodies, written by printLinkers, in the section
// of each place (writeSection), written in b (a buffer kept from SOP to
// SOP, sopBufs) then copied into the part's strings.
func printSections(h *render.Handbook, p *render.Page, linkers []linker, bodies [][]byte, b *bytes.Buffer) sopPart {
	part := sopPart{bookKey: bookKey(h, p)}
	for i, l := range linkers {
		b.Reset()
		b.Grow(len(bodies[i]) + 512)
		_, sub := l.(handbookLinker)
		writeSection(b, p, bodies[i], sub)
		if sub {
			part.section = htmltemplate.HTML(b.String())
		} else {
			part.books = append(part.books, htmltemplate.HTML(b.String()))
		}
	}
	return part
}

// writeSection writes p's section of a printable handbook, body its
// body: its title (under its role's heading on handbook.html, sub; at the
// top of a role handbook), a DRAFT mark in words that prints, a line of
// metadata, the body (a retired SOP is listed, not printed). It is
// written without html/template, as sopPage is and for the same reason:
// executing the section's template for each place an SOP is printed took
// 0.18 s of the 4.9 s of CPU of a full render of 10,000 SOPs. Each value
// is escaped as html/template escapes it there (escape.go), and
// TestSectionMatchesTemplate holds it byte for byte to the template it
// was.
func writeSection(b *bytes.Buffer, p *render.Page, body []byte, sub bool) {
	tag := "h2"
	if sub {
		tag = "h3"
	}
	b.WriteString("<section class=\"sop\">\n<" + tag + ` id="`)
	escText(b, p.ID)
	b.WriteString(`">`)
	escText(b, p.Title)
	if p.Doc.Meta.Draft() {
		b.WriteString(` <span class="draft-mark">DRAFT</span>`)
	}
	b.WriteString("</" + tag + ">\n<p class=\"metaline\">")
	escText(b, cmp.Or(p.Doc.Meta.Status.Text, "no status"))
	if v := p.Doc.Meta.Version.Text; v != "" {
		b.WriteString(" · version ")
		escText(b, v)
	}
	if o := p.Doc.Meta.Owner.Text; o != "" {
		b.WriteString(" · owner: ")
		escText(b, o)
	}
	if r := p.NextReview; r != "" {
		b.WriteString(" · next review ")
		escText(b, r)
		if p.Overdue {
			b.WriteString(" (overdue)")
		}
	}
	b.WriteString("</p>\n")
	b.Write(body)
	b.WriteString("</section>\n")
}

// bookKey names the parts of its books that print p, by their first and
// last SOPs: a cached section can be reused while it stays the same, since
// which SOPs share p's page changes only with it or with SOPs that are
// rendered again anyway (serve's reload).
func bookKey(h *render.Handbook, p *render.Page) string {
	var b strings.Builder
	for _, book := range h.BooksOf(p) {
		part, _ := book.Part(p)
		sops := book.PartSOPs(part)
		b.WriteString(book.Role.ID + " " + sops[0].ID + " " + sops[len(sops)-1].ID + "\n")
	}
	return b.String()
}

// fits says whether a cached part holds what this render prints of p.
func (part sopPart) fits(h *render.Handbook, p *render.Page) bool {
	return (part.section != "" || !h.OnePagePrints(p)) && len(part.books) == len(h.BooksOf(p)) && part.bookKey == bookKey(h, p)
}

// handbook writes handbook.html, as its sections are read from the spool.
func (w *writer) handbook(all sopParts) []file {
	parts := all.parts
	h := w.h
	view := &printView{OnePage: h.OnePage()}
	var err error
	for _, b := range h.Books() {
		g := printGroup{Book: b, Retired: b.Retired}
		if view.OnePage {
			var printed []*render.Page
			printed, g.Elsewhere = h.OnePageSplit(b)
			g.Sections = spooledSections(printed, func(p *render.Page) (htmltemplate.HTML, error) {
				return w.sectionOf(parts[h.Index(p)])
			}, &err)
		}
		view.Groups = append(view.Groups, g)
	}
	return []file{w.streamLayout("handbook.html", w.handbookT,
		page{Lang: w.opts.Lang, PageTitle: pageTitle(h.Title, "all SOPs"), Handbook: h, Print: view}, &err)}
}

// bookPart writes part j of book b, as its sections are read from the
// spool.
func (w *writer) bookPart(parts []sopPart, b *render.Book, j int) file {
	h := w.h
	view := &printView{Book: b, Part: j + 1, Start: b.Parts[j][0] + 1, Contents: b.PartSOPs(j), Several: len(b.Parts) > 1}
	if j > 0 {
		view.Prev = path.Base(b.File(j-1, ".html"))
	} else {
		view.Elsewhere, view.Retired = b.Elsewhere, b.Retired
	}
	if j+1 < len(b.Parts) {
		view.Next = path.Base(b.File(j+1, ".html"))
	}
	var err error
	view.Sections = spooledSections(view.Contents, func(p *render.Page) (htmltemplate.HTML, error) {
		return w.bookOf(parts[h.Index(p)], h.BookIndex(p, b))
	}, &err)
	title := b.Role.Title + ": printable handbook"
	return w.streamLayout(b.File(j, ".html"), w.bookT(),
		page{Lang: w.opts.Lang, PageTitle: pageTitle(title, h.Title), Root: "../", Handbook: h, Print: view}, &err)
}

// spooledSections are the sections section gives pages, each read (from
// the spool) only when the template reaches it, so that a handbook's
// sections are never all in memory. The first error ends them and is
// kept in *err.
func spooledSections(pages []*render.Page, section func(*render.Page) (htmltemplate.HTML, error), err *error) iter.Seq[htmltemplate.HTML] {
	return func(yield func(htmltemplate.HTML) bool) {
		for _, p := range pages {
			s, e := section(p)
			if e != nil {
				*err = e
				return
			}
			if !yield(s) {
				return
			}
		}
	}
}
