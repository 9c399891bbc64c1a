package html

// The page of one SOP: sops/<id>.html. Breadcrumbs lead up to its first
// role and the index; its reading order (Prev, Next) follows the article.
const sopPage = `{{define "content"}}<article>
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
