package html

// The index (index.html, index-2.html, ...) and the role pages
// (roles/<id>.html, roles/<id>-2.html, ...): .List is the page's part of
// the list.
const indexPage = `{{define "content"}}<h1>{{.Handbook.Title}}</h1>
{{- if eq .List.Index 0}}
<p class="muted">{{len .Handbook.SOPs}} standard operating procedures{{with .Handbook.Organization}} of {{.}}{{end}}. Read them <a href="handbook.html">all on one page</a>, or by role below{{if gt (len .List.Pages) 1}}, over {{len .List.Pages}} pages{{end}}. <a href="kpis.html">KPIs</a>: what the SOPs are measured by, and the targets.</p>
{{template "searcharea" .}}
{{- with .List.Roles}}
<h2 id="Roles">Roles</h2>
<div class="table-wrap sop-list" tabindex="0" role="region" aria-labelledby="Roles"><table>
<thead><tr><th scope="col">Role</th><th scope="col">SOPs</th></tr></thead>
<tbody>{{range .}}<tr><td><a href="roles/{{.ID}}.html">{{.Title}}</a></td><td>{{len .SOPs}}</td></tr>{{end}}</tbody>
</table></div>{{end}}
{{- else}}
<p class="muted">Page {{inc .List.Index}} of {{len .List.Pages}} of the list of SOPs.</p>{{end}}
{{range .List.Groups}}<h2 id="Role-{{.Role.ID}}">{{if not .Role.Other}}<a href="roles/{{.Role.ID}}.html">{{.Title}}</a>{{else}}{{.Title}}{{end}}{{if .Continued}} (continued){{end}}</h2>
{{template "soptable" .}}
{{end}}{{template "pager" .List}}{{end}}
{{define "scripts"}}{{if eq .List.Index 0}}{{template "searchscripts" .}}{{end}}{{end}}`

const rolePage = `{{define "content"}}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="../index.html">Handbook</a></li><li aria-current="page">{{.Role.Title}}</li></ol></nav>
<h1>{{.Role.Title}}</h1>
<p class="muted">{{len .Role.SOPs}} SOPs for this role.{{if gt (len .List.Pages) 1}} Page {{inc .List.Index}} of {{len .List.Pages}}.{{end}}</p>
<p><a href="{{.Role.ID}}-handbook.html">Printable handbook of this role</a>: its SOPs in full, ordered by title.</p>
{{range .List.Groups}}{{template "soptable" .}}{{end}}
{{template "pager" .List}}{{end}}`
