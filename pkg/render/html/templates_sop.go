package html

import (
	"bytes"
	"cmp"
	htmltemplate "html/template"
	"time"

	"github.com/sopctl/sopctl/pkg/render"
)

// sopPage writes the page of one SOP, sops/<id>.html, into b: the layout
// (templates.go) around the SOP. Breadcrumbs lead up to its first role and
// the index; its reading order (Prev, Next) follows the article.
//
// It is the one page written without html/template, which costs several
// times the writing itself when run for every SOP (reflection on each
// value). Each value from a user's files is escaped as html/template
// escapes it in the same place (escape.go), and TestSOPPageMatchesTemplate
// holds the page byte for byte to what the layout and the templates give.
func sopPage(b *bytes.Buffer, h *render.Handbook, p *render.Page, opts Options, body []byte, panel htmltemplate.HTML) {
	nav := navRole(h, p)
	sopHead(b, h, p, opts)
	b.WriteString(string(panel))
	b.WriteString(`<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="../index.html">Handbook</a></li>`)
	if nav != nil && !nav.Other {
		b.WriteString(`<li><a href="../roles/`)
		escURL(b, nav.ID, false)
		b.WriteString(`.html">`)
		escText(b, nav.Title)
		b.WriteString(`</a></li>`)
	}
	b.WriteString(`<li aria-current="page">`)
	escText(b, p.Title)
	b.WriteString("</li></ol></nav>\n<h1>")
	escText(b, p.Title)
	b.WriteString("</h1>")
	sopNotices(b, p)
	b.WriteByte('\n')
	sopMeta(b, h, p)
	if headings := toc(p); headings != nil {
		b.WriteString("\n" + `<nav class="toc" aria-label="On this page"><ol>`)
		for _, hd := range headings {
			b.WriteString(`<li><a href="#`)
			escURLPart(b, hd.Slug)
			b.WriteString(`">`)
			escText(b, hd.Text)
			b.WriteString(`</a></li>`)
		}
		b.WriteString(`</ol></nav>`)
	}
	b.WriteString("\n<div class=\"body\">\n")
	b.Write(body)
	b.WriteString("\n</div>")
	if len(p.Supersedes) > 0 {
		b.WriteString("<h2 id=\"Supersedes\">Supersedes</h2>\n")
		pageList(b, p.Supersedes, "")
	}
	b.WriteString("\n<h2 id=\"Related\">Related SOPs</h2>\n")
	pageList(b, p.Related, `<p class="muted">None listed.</p>`)
	b.WriteString("\n<h2 id=\"Referenced-by\">Referenced by</h2>\n")
	pageList(b, p.ReferencedBy, `<p class="muted">No other SOP refers to this one.</p>`)
	sopHistory(b, p)
	b.WriteString("\n</article>")
	if p.Prev != nil || p.Next != nil {
		b.WriteString("\n" + `<nav class="prevnext" aria-label="Previous and next SOP">`)
		if p.Prev != nil {
			pageLink(b, ` rel="prev"`, "← Previous: ", p.Prev, "")
		}
		if p.Next != nil {
			pageLink(b, ` rel="next"`, "Next: ", p.Next, " →")
		}
		b.WriteString("</nav>")
	}
	sopFoot(b, h, p, nav, opts)
}

// sopHead is the layout up to the SOP page's content.
func sopHead(b *bytes.Buffer, h *render.Handbook, p *render.Page, opts Options) {
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	escText(b, opts.Lang)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n" +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` + "\n<title>")
	escText(b, pageTitle(p.Title, h.Title))
	b.WriteString("</title>\n" + `<link rel="stylesheet" href="../assets/style.css">`)
	if opts.ThemeCSS != nil {
		b.WriteString("\n" + `<link rel="stylesheet" href="../assets/theme.css">`)
	}
	b.WriteString("\n</head>\n<body>\n" + `<a class="skip" href="#Main">Skip to content</a>` + "\n" +
		`<header class="site"><a href="../index.html">`)
	escText(b, h.Title)
	b.WriteString("</a>\n" + `<form class="search" id="Search" role="search" action="../index.html" method="get">` +
		`<input type="search" id="Search-q" name="q" aria-label="Search the handbook" placeholder="Search"><button>Search</button></form>` + "\n" +
		`<nav aria-label="Handbook"><a href="../handbook.html">Whole handbook</a></nav></header>` + "\n" +
		"<main id=\"Main\">\n<article>\n")
}

// sopFoot is the layout after the SOP page's content: the sidebar, whose
// list of the SOPs of the role nav (nil: none) its script fills, and the
// footer.
func sopFoot(b *bytes.Buffer, h *render.Handbook, p *render.Page, nav *render.Role, opts Options) {
	b.WriteString("\n</main>\n" + `<nav id="Side" aria-label="Roles and SOPs">`)
	if nav != nil {
		b.WriteString("\n" + `<ol id="Side-sops" data-root="../" data-current="`)
		escText(b, p.ID)
		b.WriteString(`"></ol>` + "\n<p>")
		if nav.Other {
			b.WriteString(`<a href="../index.html">All SOPs</a>`)
		} else {
			b.WriteString(`<a href="../roles/`)
			escURL(b, nav.ID, false)
			b.WriteString(`.html">All SOPs of this role</a>`)
		}
		b.WriteString("</p>")
	}
	b.WriteString("\n</nav>\n<footer>")
	if h.Organization != "" {
		escText(b, h.Organization)
		b.WriteString(" · ")
	}
	b.WriteString("Published with sopctl.</footer>\n" + `<script src="../assets/nav`)
	if nav != nil {
		b.WriteByte('-')
		escURL(b, nav.ID, false)
	}
	b.WriteString(`.js"></script>` + "\n")
	b.WriteString(string(opts.PageEnd))
	b.WriteString("\n</body>\n</html>\n")
}

// sopMeta is the SOP's metadata list (metaRows).
func sopMeta(b *bytes.Buffer, h *render.Handbook, p *render.Page) {
	b.WriteString("<dl class=\"meta\">\n")
	for _, r := range metaRows(h, p) {
		if r.Status {
			b.WriteByte('\n')
		}
		b.WriteString("<dt>")
		escText(b, r.Label)
		b.WriteString("</dt><dd")
		if r.Overdue {
			b.WriteString(` class="overdue"`)
		}
		b.WriteByte('>')
		switch {
		case r.Status:
			b.WriteString(`<span class="badge status-`)
			escText(b, p.Doc.Meta.Status.Text)
			b.WriteString(`">`)
			escText(b, cmp.Or(p.Doc.Meta.Status.Text, "unknown"))
			b.WriteString("</span>")
		case len(r.Roles) > 0:
			for i, role := range r.Roles {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(`<a href="../roles/`)
				escURL(b, role.ID, false)
				b.WriteString(`.html">`)
				escText(b, role.Title)
				b.WriteString("</a>")
			}
		case len(r.KPIs) > 0:
			metaKPIs(b, r.KPIs)
		default:
			escText(b, r.Text)
			if r.Overdue {
				b.WriteString(" (overdue)")
			}
		}
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>")
}

// metaKPIs are the KPIs an SOP cites, each linked to its entry on the KPI
// page when sopctl.yaml defines it.
func metaKPIs(b *bytes.Buffer, kpis []kpiRef) {
	for i, k := range kpis {
		if i > 0 {
			b.WriteString(", ")
		}
		if k.KPI == nil {
			escText(b, k.ID)
			continue
		}
		b.WriteString(`<a href="../kpis.html#`)
		escURLPart(b, k.KPI.Anchor())
		b.WriteString(`">`)
		escText(b, k.KPI.Label())
		b.WriteString("</a>")
	}
}

// sopNotices are the draft and retired notices and the line of the last
// update and the edit link.
func sopNotices(b *bytes.Buffer, p *render.Page) {
	if p.Doc.Meta.Draft() {
		b.WriteString(`<p class="notice draft" role="note"><strong>Draft</strong>: not yet approved; it may still change.</p>`)
	}
	if p.Doc.Meta.Retired() {
		b.WriteString(`<p class="notice" role="note">This SOP is retired and no longer in force.`)
		if len(p.SupersededBy) > 0 {
			b.WriteString(" It is superseded by ")
			for i, s := range p.SupersededBy {
				if i > 0 {
					b.WriteString(", ")
				}
				pageLink(b, "", "", s, "")
			}
			b.WriteByte('.')
		}
		b.WriteString("</p>")
	}
	updated, ok := p.LastUpdated()
	if !ok && p.EditURL == "" {
		return
	}
	b.WriteString("\n" + `<p class="updated">`)
	if ok {
		b.WriteString("Last updated " + updated.Format(time.DateOnly))
		if p.EditURL != "" {
			b.WriteString(" · ")
		}
	}
	if p.EditURL != "" {
		b.WriteString(`<a href="`)
		escURL(b, p.EditURL, true)
		b.WriteString(`">Edit this page</a>`)
	}
	b.WriteString("</p>")
}

// pageLink is a link to an SOP's page beside this one, its title between
// before and after.
func pageLink(b *bytes.Buffer, rel, before string, to *render.Page, after string) {
	b.WriteString("<a" + rel + ` href="`)
	escURL(b, to.ID, true)
	b.WriteString(`.html">` + before)
	escText(b, to.Title)
	b.WriteString(after + "</a>")
}

// pageList lists links to SOP pages, or writes none when there are none.
func pageList(b *bytes.Buffer, pages []*render.Page, none string) {
	if len(pages) == 0 {
		b.WriteString(none)
		return
	}
	b.WriteString("<ul>")
	for _, to := range pages {
		b.WriteString("<li>")
		pageLink(b, "", "", to, "")
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
}

// sopHistory is the SOP's change log, from git.
func sopHistory(b *bytes.Buffer, p *render.Page) {
	if len(p.History) == 0 {
		return
	}
	b.WriteString("\n<h2 id=\"Change-log\">Change log</h2>\n" +
		`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="Change-log"><table>` + "\n" +
		`<thead><tr><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Change</th><th scope="col">Commit</th></tr></thead>` + "\n<tbody>")
	for _, r := range p.History {
		b.WriteString("<tr><td>" + r.Date.Format(time.DateOnly) + "</td><td>")
		escText(b, r.Author)
		b.WriteString("</td><td>")
		escText(b, r.Subject)
		b.WriteString("</td><td><code>")
		escText(b, r.Commit)
		b.WriteString("</code></td></tr>")
	}
	b.WriteString("</tbody>\n</table></div>")
}
