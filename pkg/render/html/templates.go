package html

// The page templates. The ids sopctl adds to a page (Main, Related,
// Role-<id>, ...) start with a capital letter, which no GitHub-style
// heading slug has, so they cannot clash with the ids of a body's headings.
// html/template escapes every value from an SOP file
// by context, and so do sopPage and sopRows, which write the SOP pages
// and the rows of the tables of SOPs without it (templates_sop.go,
// lists.go); the only unescaped content is the body HTML that
// goldmark wrote with raw HTML dropped and links vetted.
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
<form class="search" id="Search" role="search" action="{{.Root}}index.html" method="get"><input type="search" id="Search-q" name="q" aria-label="Search the handbook" placeholder="Search"><button>Search</button></form>
<nav aria-label="Handbook"><a href="{{.Root}}handbook.html">Whole handbook</a></nav></header>
<main id="Main">
{{template "content" .}}
</main>
{{template "side" .}}
<footer>{{with .Handbook.Organization}}{{.}} · {{end}}Published with sopctl.</footer>
<script src="{{.Root}}assets/nav{{with .Nav}}-{{.ID}}{{end}}.js"></script>
{{block "scripts" .}}{{end}}{{.End}}
</body>
</html>
{{end}}`

const sopTable = `{{define "soptable"}}<div class="table-wrap sop-list" tabindex="0" role="region" aria-label="SOPs: {{.Title}}"><table>
<thead><tr><th scope="col">ID</th><th scope="col">Title</th><th scope="col">Owner</th><th scope="col">Status</th><th scope="col">Version</th><th scope="col">Next review</th></tr></thead>
<tbody>
{{soprows .SOPs}}</tbody>
</table></div>{{end}}`
