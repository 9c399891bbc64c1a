package html

// The printable handbooks (printbook.go). handbook.html: the SOPs grouped
// by role, each printed in full once, under its first role; over
// handbook_max_sops, links to the role handbooks instead.
const handbookPage = `{{define "content"}}<h1>{{.Handbook.Title}}</h1>
{{- if .Print.OnePage}}
<nav class="toc" aria-labelledby="Contents"><h2 id="Contents">Contents</h2>
<ol>{{range .Print.Groups}}<li><a href="#Role-{{.Book.Role.ID}}">{{.Book.Role.Title}}</a>
<ol>{{range .Book.SOPs}}{{template "entry" .}}{{end}}</ol></li>
{{end}}</ol></nav>
{{range .Print.Groups}}<section class="role" aria-labelledby="Role-{{.Book.Role.ID}}">
<h2 id="Role-{{.Book.Role.ID}}">{{.Book.Role.Title}}</h2>
{{range .Sections}}{{.}}{{end}}
{{- with .Elsewhere}}<p class="elsewhere">Also for this role, printed under another role: {{range $i, $p := .}}{{if $i}}, {{end}}<a href="#{{$p.ID}}">{{$p.Title}}</a>{{end}}.</p>
{{end}}
{{- with .Retired}}<p class="elsewhere">Retired, not printed: {{range $i, $p := .}}{{if $i}}, {{end}}<a href="sops/{{$p.ID}}.html">{{$p.Title}}</a>{{end}}.</p>
{{end}}</section>
{{end}}
{{- else}}
<p>This handbook has {{len .Handbook.SOPs}} SOPs, more than the {{.Handbook.MaxSOPs}} that one printable page holds (handbook_max_sops in sopctl.yaml). Print it by role:</p>
<ul class="books">{{range .Print.Groups}}<li>{{template "booklink" .Book}}</li>
{{end}}</ul>
{{- end}}{{end}}
{{define "booklink"}}<a href="{{.File 0 ".html"}}">{{.Role.Title}}</a> ({{len .Role.SOPs}} SOP{{if ne (len .Role.SOPs) 1}}s{{end}}{{if gt (len .Parts) 1}}, in {{len .Parts}} parts{{end}}){{end}}`

// printParts are the parts of both kinds of printable handbook: an entry
// of the contents (an SOP's section is written by writeSection).
const printParts = `{{define "entry"}}<li><a href="#{{.ID}}">{{.Title}}</a>{{if .Doc.Meta.Draft}} (DRAFT){{end}}</li>{{end}}`

// bookPage is a role's printable handbook, roles/<id>-handbook.html, or
// one part of it.
const bookPage = `{{define "content"}}{{with .Print}}<p class="crumbs"><a href="../index.html">All SOPs</a>{{if not .Book.Role.Other}} › <a href="{{.Book.Role.ID}}.html">{{.Book.Role.Title}}</a>{{end}}</p>
<h1>{{.Book.Role.Title}}: printable handbook{{if .Several}}, part {{.Part}} of {{len .Book.Parts}}{{end}}</h1>
<nav class="toc" aria-labelledby="Contents"><h2 id="Contents">Contents</h2>
<ol{{if gt .Start 1}} start="{{.Start}}"{{end}}>{{range .Contents}}{{template "entry" .}}{{end}}</ol>
{{- with .Elsewhere}}
<p class="elsewhere">Also for this role, printed in another role's handbook: {{range $i, $p := .}}{{if $i}}, {{end}}<a href="../sops/{{$p.ID}}.html">{{$p.Title}}</a>{{end}}.</p>{{end}}
{{- with .Retired}}
<p class="elsewhere">Retired, not printed: {{range $i, $p := .}}{{if $i}}, {{end}}<a href="../sops/{{$p.ID}}.html">{{$p.Title}}</a>{{end}}.</p>{{end}}</nav>
{{range .Sections}}{{.}}{{end}}
{{- if .Several}}<nav class="pager" aria-label="Parts of this handbook">{{with .Prev}}<a rel="prev" href="{{.}}">Previous part</a>{{end}}{{if and .Prev .Next}} · {{end}}{{with .Next}}<a rel="next" href="{{.}}">Next part</a>{{end}}</nav>
{{end}}{{end}}{{end}}`
