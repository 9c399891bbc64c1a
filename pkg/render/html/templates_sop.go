package html

// The page of one SOP: sops/<id>.html.
const sopPage = `{{define "content"}}<article>
{{.Panel}}{{with .Page.Roles}}<p class="crumbs">Role: {{range $i, $r := .}}{{if $i}}, {{end}}<a href="../roles/{{$r.ID}}.html">{{$r.Title}}</a>{{end}}</p>{{end}}
<h1>{{.Page.Title}}</h1>
{{- if .Page.Doc.Meta.Retired}}<p class="notice" role="note">This SOP is retired and no longer in force.{{with .Page.SupersededBy}} It is superseded by {{range $i, $p := .}}{{if $i}}, {{end}}<a href="{{$p.ID}}.html">{{$p.Title}}</a>{{end}}.{{end}}</p>{{end}}
{{template "meta" .Page}}
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
<h2 id="History">Revision history</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="History"><table>
<thead><tr><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Change</th><th scope="col">Commit</th></tr></thead>
<tbody>{{range .}}<tr><td>{{date .Date}}</td><td>{{.Author}}</td><td>{{.Subject}}</td><td><code>{{.Commit}}</code></td></tr>{{end}}</tbody>
</table></div>{{end}}
</article>{{end}}`
