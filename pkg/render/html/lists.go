package html

import (
	"bytes"
	"cmp"
	htmltemplate "html/template"
	"strconv"

	"github.com/sopctl/sopctl/pkg/render"
)

// The index and the role pages list SOPs in tables of at most
// render.ListPageSize rows a page, continuing on index-2.html,
// roles/<id>-2.html, ... (SPEC section 8), so that no page grows with the
// library.

// listPage is one page of a list that continues over pages.
type listPage struct {
	Index  int      // from 0
	Pages  []string // the files of every page of the list, relative to each other
	Groups []listGroup
	// Roles, on the index's first page over handbook_max_sops, are the
	// roles listed with their counts in place of their SOPs.
	Roles []*render.Role
}

// Prev and Next are the files of the pages before and after, "" at the
// ends.
func (l *listPage) Prev() string {
	if l.Index == 0 {
		return ""
	}
	return l.Pages[l.Index-1]
}

func (l *listPage) Next() string {
	if l.Index+1 >= len(l.Pages) {
		return ""
	}
	return l.Pages[l.Index+1]
}

// title is a page's title: the list's, then the page's number after the
// first, so that browser tabs and history tell the pages apart.
func (l *listPage) title(list string) string {
	if l.Index == 0 {
		return list
	}
	return list + ", page " + strconv.Itoa(l.Index+1)
}

func (l *listPage) rows() int {
	n := 0
	for _, g := range l.Groups {
		n += len(g.SOPs)
	}
	return n
}

// listGroup is the part of one role's SOPs on a page; Continued says that
// it began on an earlier page. Title and SOPs are what "soptable" shows.
type listGroup struct {
	Role      *render.Role
	Title     string
	SOPs      []*render.Page
	Continued bool
}

// paginate splits the SOPs of groups, in order, over pages of at most
// render.ListPageSize rows, repeating a group's heading on each page it
// continues on. The pages are named after base (index, <role id>), in
// one folder.
func paginate(groups []*render.Role, base string) []*listPage {
	type row struct {
		role *render.Role
		i    int
	}
	var rows []row
	for _, r := range groups {
		for i := range r.SOPs {
			rows = append(rows, row{r, i})
		}
	}
	chunks := render.Chunks(len(rows), render.ListPageSize)
	names := make([]string, len(chunks))
	for i := range chunks {
		names[i] = render.PageName(base, i, ".html")
	}
	out := make([]*listPage, len(chunks))
	for i, c := range chunks {
		lp := &listPage{Index: i, Pages: names}
		for _, rw := range rows[c[0]:c[1]] {
			if n := len(lp.Groups); n == 0 || lp.Groups[n-1].Role != rw.role {
				lp.Groups = append(lp.Groups, listGroup{Role: rw.role, Title: rw.role.Title, Continued: rw.i > 0})
			}
			g := &lp.Groups[len(lp.Groups)-1]
			g.SOPs = append(g.SOPs, rw.role.SOPs[rw.i])
		}
		out[i] = lp
	}
	return out
}

// RolePages names the files of a role's pages in an HTML bundle:
// roles/<id>.html, then roles/<id>-2.html, ... as its SOPs need.
func RolePages(r *render.Role) []string {
	chunks := render.Chunks(len(r.SOPs), render.ListPageSize)
	out := make([]string, len(chunks))
	for i := range chunks {
		out[i] = render.PageName("roles/"+r.ID, i, ".html")
	}
	return out
}

// sopRows are the rows of a table of SOPs ("soptable"), a line each, their
// pages' addresses starting with hrefPrefix. They are written directly,
// not by the template: the role pages and the index hold a row for each
// SOP of each role, and html/template's reflection cost several times the
// writing. Each value is escaped as html/template escapes it there
// (escape.go; TestSOPRowsMatchTemplate).
func sopRows(hrefPrefix string, pages []*render.Page) htmltemplate.HTML {
	var b bytes.Buffer
	b.Grow(len(pages) * 400)
	for _, p := range pages {
		b.WriteString("<tr><td>")
		escText(&b, p.ID)
		b.WriteString(`</td><td><a href="`)
		escURL(&b, hrefPrefix+p.ID+".html", true)
		b.WriteString(`">`)
		escText(&b, p.Title)
		b.WriteString("</a>")
		if p.Doc.Meta.Draft() {
			b.WriteString(` <span class="badge status-draft">Draft</span>`)
		}
		for _, v := range []string{p.Doc.Meta.Owner.Text, p.Doc.Meta.Status.Text, p.Doc.Meta.Version.Text} {
			b.WriteString("</td><td>")
			escText(&b, v)
		}
		b.WriteString("</td><td")
		if p.Overdue {
			b.WriteString(` class="overdue"`)
		}
		b.WriteByte('>')
		escText(&b, cmp.Or(p.NextReview, "—"))
		if p.Overdue {
			b.WriteString(" (overdue)")
		}
		b.WriteString("</td></tr>\n")
	}
	return htmltemplate.HTML(b.String())
}
