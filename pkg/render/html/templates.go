package html

// The page templates. The ids sopctl adds to a page (Main, Related,
// Role-<id>, ...) start with a capital letter, which no GitHub-style
// heading slug has, so they cannot clash with the ids of a body's headings.
// html/template escapes every value from an SOP file
// by context; the only unescaped content is the body HTML that goldmark
// wrote with raw HTML dropped and links vetted.
const layout = `{{define "layout"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.PageTitle}}</title>
<link rel="stylesheet" href="{{.Root}}assets/style.css">
{{- if .Theme}}
<link rel="stylesheet" href="{{.Root}}assets/theme.css">{{end}}
</head>
<body>
<a class="skip" href="#Main">Skip to content</a>
<header class="site"><a href="{{.Root}}index.html">{{.Handbook.Title}}</a>
<nav aria-label="Handbook"><a href="{{.Root}}index.html#search">Search</a><a href="{{.Root}}handbook.html">Whole handbook</a></nav></header>
<main id="Main">
{{template "content" .}}
</main>
<footer>{{with .Handbook.Organization}}{{.}} · {{end}}Published with sopctl.</footer>
{{block "scripts" .}}{{end}}{{.End}}
</body>
</html>
{{end}}`

const metaTable = `{{define "meta"}}<dl class="meta">
{{range meta .}}{{if .Status}}
{{end}}<dt>{{.Label}}</dt><dd{{if .Overdue}} class="overdue"{{end}}>{{if .Status}}{{template "status" $}}{{else}}{{.Text}}{{if .Overdue}} (overdue){{end}}{{end}}</dd>{{end}}
</dl>{{end}}
{{define "status"}}<span class="badge status-{{.Doc.Meta.Status.Text}}">{{or .Doc.Meta.Status.Text "unknown"}}</span>{{end}}
{{define "metaline"}}<p class="metaline">{{or .Doc.Meta.Status.Text "no status"}}{{with .Doc.Meta.Version.Text}} · version {{.}}{{end}}{{with .Doc.Meta.Owner.Text}} · owner: {{.}}{{end}}{{with .NextReview}} · next review {{.}}{{if $.Overdue}} (overdue){{end}}{{end}}</p>{{end}}`

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

const sopTable = `{{define "soptable"}}<div class="table-wrap sop-list" tabindex="0" role="region" aria-label="SOPs: {{.Title}}"><table>
<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Version</th><th scope="col">Next review</th></tr></thead>
<tbody>
{{range .SOPs}}<tr><td>{{.ID}}</td><td><a href="{{href .}}">{{.Title}}</a></td><td>{{.Doc.Meta.Owner.Text}}</td><td>{{.Doc.Meta.Status.Text}}</td><td>{{.Doc.Meta.Version.Text}}</td><td{{if .Overdue}} class="overdue"{{end}}>{{or .NextReview "—"}}{{if .Overdue}} (overdue){{end}}</td></tr>
{{end}}</tbody>
</table></div>{{end}}`

const indexPage = `{{define "content"}}<h1>{{.Handbook.Title}}</h1>
<p class="muted">{{len .Handbook.SOPs}} standard operating procedures{{with .Handbook.Organization}} of {{.}}{{end}}. Read them <a href="handbook.html">all on one page</a>, or by role below.</p>
<form class="search" id="search" role="search">
<label for="q">Search the handbook</label>
<div class="search-row"><input type="search" id="q" name="q" autocomplete="off" placeholder="A word from a title or a procedure, e.g. refund"><button type="submit">Search</button></div>
<p id="search-status" class="muted" role="status" aria-live="polite"></p>
<ul id="search-results"></ul>
</form>
{{range .Handbook.Roles}}<h2 id="Role-{{.ID}}">{{if not .Other}}<a href="roles/{{.ID}}.html">{{.Title}}</a>{{else}}{{.Title}}{{end}}</h2>
{{template "soptable" .}}
{{end}}{{end}}
{{define "scripts"}}<script src="assets/search-index.js"></script>
<script src="assets/search.js"></script>{{end}}`

const rolePage = `{{define "content"}}<p class="crumbs"><a href="../index.html">All SOPs</a></p>
<h1>{{.Role.Title}}</h1>
<p class="muted">{{len .Role.SOPs}} SOPs for this role.</p>
{{template "soptable" .Role}}{{end}}`

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
