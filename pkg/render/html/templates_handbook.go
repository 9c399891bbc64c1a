package html

// The printable handbook: handbook.html, every SOP on one page.
const handbookPage = `{{define "content"}}<h1>{{.Handbook.Title}}</h1>
<nav class="toc" aria-labelledby="Contents"><h2 id="Contents">Contents</h2>
<ol>{{range .Handbook.SOPs}}<li><a href="#{{.ID}}">{{.Title}}</a></li>{{end}}</ol></nav>
{{range .Sections}}{{.}}{{end}}{{end}}
{{define "section"}}<section class="sop">
<h2 id="{{.Page.ID}}">{{.Page.Title}}</h2>
{{- if .Page.Doc.Meta.Retired}}<p class="notice" role="note">This SOP is retired and no longer in force.</p>{{end}}
{{template "metaline" .Page}}
{{.Body}}</section>
{{end}}`
