package html

// The index (index.html) and the role pages (roles/<id>.html).
const indexPage = `{{define "content"}}<h1>{{.Handbook.Title}}</h1>
<p class="muted">{{len .Handbook.SOPs}} standard operating procedures{{with .Handbook.Organization}} of {{.}}{{end}}. Read them <a href="handbook.html">all on one page</a>, or by role below.</p>
{{template "searcharea" .}}
{{range .Handbook.Roles}}<h2 id="Role-{{.ID}}">{{if not .Other}}<a href="roles/{{.ID}}.html">{{.Title}}</a>{{else}}{{.Title}}{{end}}</h2>
{{template "soptable" .}}
{{end}}{{end}}
{{define "scripts"}}{{template "searchscripts" .}}{{end}}`

const rolePage = `{{define "content"}}<p class="crumbs"><a href="../index.html">All SOPs</a></p>
<h1>{{.Role.Title}}</h1>
<p class="muted">{{len .Role.SOPs}} SOPs for this role.</p>
<p><a href="{{.Role.ID}}-handbook.html">Printable handbook of this role</a>: its SOPs in full, ordered by title.</p>
{{template "soptable" .Role}}{{end}}`
