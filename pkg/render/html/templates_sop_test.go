package html

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// TestSOPPageMatchesTemplate holds sopPage, which writes an SOP's page
// directly, to what html/template writes from the layout and
// sopPageTemplate (the page as a template, kept here as the reference):
// byte for byte, for every SOP of the writers' libraries, as they are and
// with markup, quotes, schemes, %-escapes and non-ASCII text put in every
// value the page shows (ids, titles, roles, slugs, edit links, history,
// the handbook's title and organization, the language).
func TestSOPPageMatchesTemplate(t *testing.T) {
	libs := append(rendertest.WriterLibs(rendertest.XSSHistory("<script>x</script>")),
		rendertest.Lib{Name: "files", Dir: rendertest.FilesDir},
		rendertest.Lib{Name: "print", Dir: rendertest.PrintLibrary(t, 2), History: printHistory()})
	variants := []struct {
		name    string
		opts    Options
		hostile bool
	}{
		{name: "plain", opts: Options{Lang: "en"}},
		{name: "options", opts: Options{Lang: "de", ThemeCSS: []byte("a{}"), PageEnd: "<script>reload()</script>",
			SOPPanel: func(p *render.Page) htmltemplate.HTML { return htmltemplate.HTML("<aside>" + p.ID + "</aside>\n") }}},
		{name: "hostile", opts: Options{Lang: `en"><script>x</script>`}, hostile: true},
	}
	for _, lib := range libs {
		for _, v := range variants {
			t.Run(lib.Name+"/"+v.name, func(t *testing.T) {
				h, _ := rendertest.Load(t, lib.Dir, lib.History)
				if v.hostile {
					makeHostile(h)
				}
				tpl := htmltemplate.Must(htmltemplate.Must(templates(h, "").Clone()).
					Funcs(referenceFuncs(h)).
					Parse(sopMetaTemplate + sopPageTemplate))
				for _, p := range h.SOPs {
					body := []byte("<p>The body of " + p.ID + ".</p>")
					var panel htmltemplate.HTML
					if v.opts.SOPPanel != nil {
						panel = v.opts.SOPPanel(p)
					}
					var want, got bytes.Buffer
					err := tpl.ExecuteTemplate(&want, "layout", page{Lang: v.opts.Lang, PageTitle: pageTitle(p.Title, h.Title), Root: "../",
						Handbook: h, Page: p, Nav: navRole(h, p), Body: htmltemplate.HTML(body), Panel: panel, End: v.opts.PageEnd, Theme: v.opts.ThemeCSS != nil})
					if err != nil {
						t.Fatal(err)
					}
					sopPage(&got, h, p, v.opts, body, panel)
					if !bytes.Equal(got.Bytes(), want.Bytes()) {
						t.Errorf("%s: sopPage differs from the template: %s", p.ID, testlib.FirstDiff(got.Bytes(), want.Bytes()))
					}
				}
			})
		}
	}
}

// hostileValues are put in turn in every value a page shows.
var hostileValues = []string{
	`javascript:alert(1)`, `"><script>alert('x')</script>`, `a+b&c=d#e'f`, `HTTPS://x.example/%41%zz%4`,
	`mailto:a@b.example?subject=é ü`, `/path:with:colons`, `x/y:z`, "nul\x00byte\x7f\t", `%`, `é-ß_~.!*()[]`, "",
}

// makeHostile puts hostileValues in h's pages, roles and KPIs.
func makeHostile(h *render.Handbook) {
	v := func(i int) string { return hostileValues[i%len(hostileValues)] }
	h.Title, h.Organization = v(1), v(2)
	for i, r := range h.Roles {
		r.ID, r.Title = v(i)+r.ID, r.Title+v(i+1)
	}
	for i, p := range h.SOPs {
		p.ID, p.Title, p.EditURL = v(i+3)+p.ID, v(i+4)+p.Title, v(i)
		for j := range p.Doc.Markdown.Headings {
			hd := &p.Doc.Markdown.Headings[j]
			hd.Slug, hd.Text = hd.Slug+v(i+j), v(i+j+1)+hd.Text
		}
		if i%2 == 0 {
			p.History = append(p.History, gitlog.Revision{Commit: v(i), Author: v(i + 1), Subject: v(i + 2),
				Date: time.Date(2026, 1, 2, 23, 0, 0, 0, time.FixedZone("", -5*3600))})
		}
		for _, e := range p.Doc.Meta.KPIs.Strings() {
			if k := h.KPI(e); k != nil {
				k.Name, k.Target = v(i)+k.Name, v(i+1)
			}
		}
		p.Doc.Meta.Owner.Text, p.Doc.Meta.Status.Text = v(i+5), v(i+6)+p.Doc.Meta.Status.Text
	}
}

// printHistory gives the print library's SOPs a history of two commits.
func printHistory() gitlog.History {
	out := gitlog.History{}
	for i, id := range []string{"a", "b", "c", "d", "e", "f"} {
		out["sops/"+id+".md"] = []gitlog.Revision{
			{Commit: fmt.Sprintf("%012x", i), Author: "A", Date: time.Date(2026, 3, i+1, 0, 0, 0, 0, time.UTC), Subject: "Second"},
			{Commit: fmt.Sprintf("%012x", i+10), Author: "B", Date: time.Date(2026, 2, i+1, 0, 0, 0, 0, time.UTC), Subject: "First"},
		}
	}
	return out
}

// sopMetaTemplate is the metadata list of the SOP page, as a template.
const sopMetaTemplate = `{{define "meta"}}<dl class="meta">
{{range meta .}}{{if .Status}}
{{end}}<dt>{{.Label}}</dt><dd{{if .Overdue}} class="overdue"{{end}}>{{if .Status}}{{template "status" $}}{{else if .Roles}}{{range $i, $r := .Roles}}{{if $i}}, {{end}}<a href="../roles/{{$r.ID}}.html">{{$r.Title}}</a>{{end}}{{else if .KPIs}}{{range $i, $k := .KPIs}}{{if $i}}, {{end}}{{with $k.KPI}}<a href="../kpis.html#{{.Anchor}}">{{.Label}}</a>{{else}}{{$k.ID}}{{end}}{{end}}{{else}}{{.Text}}{{if .Overdue}} (overdue){{end}}{{end}}</dd>{{end}}
</dl>{{end}}
{{define "status"}}<span class="badge status-{{.Doc.Meta.Status.Text}}">{{or .Doc.Meta.Status.Text "unknown"}}</span>{{end}}`

const sopPageTemplate = `{{define "content"}}<article>
{{.Panel}}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="../index.html">Handbook</a></li>{{with .Nav}}{{if not .Other}}<li><a href="../roles/{{.ID}}.html">{{.Title}}</a></li>{{end}}{{end}}<li aria-current="page">{{.Page.Title}}</li></ol></nav>
<h1>{{.Page.Title}}</h1>
{{- if .Page.Doc.Meta.Draft}}<p class="notice draft" role="note"><strong>Draft</strong>: not yet approved; it may still change.</p>{{end}}
{{- if .Page.Doc.Meta.Retired}}<p class="notice" role="note">This SOP is retired and no longer in force.{{with .Page.SupersededBy}} It is superseded by {{range $i, $p := .}}{{if $i}}, {{end}}<a href="{{$p.ID}}.html">{{$p.Title}}</a>{{end}}.{{end}}</p>{{end}}
{{- with updated .Page}}
<p class="updated">Last updated {{.}}{{with $.Page.EditURL}} · <a href="{{.}}">Edit this page</a>{{end}}</p>
{{- else}}{{with .Page.EditURL}}
<p class="updated"><a href="{{.}}">Edit this page</a></p>{{end}}{{end}}
{{template "meta" .Page}}
{{- with toc .Page}}
<nav class="toc" aria-label="On this page"><ol>{{range .}}<li><a href="#{{.Slug}}">{{.Text}}</a></li>{{end}}</ol></nav>{{end}}
<div class="body">
{{.Body}}
</div>
{{- with .Page.Supersedes}}<h2 id="Supersedes">Supersedes</h2>
<ul>{{range .}}<li><a href="{{.ID}}.html">{{.Title}}</a></li>{{end}}</ul>{{end}}
<h2 id="Related">Related SOPs</h2>
{{with .Page.Related}}<ul>{{range .}}<li><a href="{{.ID}}.html">{{.Title}}</a></li>{{end}}</ul>{{else}}<p class="muted">None listed.</p>{{end}}
<h2 id="Referenced-by">Referenced by</h2>
{{with .Page.ReferencedBy}}<ul>{{range .}}<li><a href="{{.ID}}.html">{{.Title}}</a></li>{{end}}</ul>{{else}}<p class="muted">No other SOP refers to this one.</p>{{end}}
{{- with .Page.History}}
<h2 id="Change-log">Change log</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="Change-log"><table>
<thead><tr><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Change</th><th scope="col">Commit</th></tr></thead>
<tbody>{{range .}}<tr><td>{{date .Date}}</td><td>{{.Author}}</td><td>{{.Subject}}</td><td><code>{{.Commit}}</code></td></tr>{{end}}</tbody>
</table></div>{{end}}
</article>
{{- if or .Page.Prev .Page.Next}}
<nav class="prevnext" aria-label="Previous and next SOP">{{with .Page.Prev}}<a rel="prev" href="{{.ID}}.html">← Previous: {{.Title}}</a>{{end}}{{with .Page.Next}}<a rel="next" href="{{.ID}}.html">Next: {{.Title}} →</a>{{end}}</nav>{{end}}{{end}}`

// referenceFuncs are the functions the reference templates call that no
// template of the bundle does any more: sopPage writes what they gave.
func referenceFuncs(h *render.Handbook) htmltemplate.FuncMap {
	return htmltemplate.FuncMap{
		"meta": func(p *render.Page) []metaRow { return metaRows(h, p) },
		"date": func(t time.Time) string { return t.Format(time.DateOnly) }, // in the author's zone, as git shows it
		"updated": func(p *render.Page) string {
			if t, ok := p.LastUpdated(); ok {
				return t.Format(time.DateOnly)
			}
			return ""
		},
		"toc": toc,
	}
}
