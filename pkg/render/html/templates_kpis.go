package html

// The KPI page, kpis.html: each KPI of sopctl.yaml in its order, with its
// definition, target and the SOPs in force citing it, at the anchor SOP
// pages link to (render.KPI.Anchor).
const kpisPage = `{{define "content"}}<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="index.html">Handbook</a></li><li aria-current="page">KPIs</li></ol></nav>
<h1>KPIs</h1>
{{- with .Handbook.KPIs}}
<p class="muted">The key performance indicators that the SOPs serve: what each measures, its target, and the SOPs in force that cite it.</p>
{{range $k := .}}<h2 id="{{.Anchor}}">{{.ID}} — {{.Name}}</h2>
<dl class="meta"><dt>Definition</dt><dd>{{or .Definition "Not given."}}</dd><dt>Target</dt><dd>{{or .Target "None set."}}</dd></dl>
{{with .SOPs}}<p>Cited by {{len .}} SOP{{if gt (len .) 1}}s{{end}}{{if $k.More}}; the first {{len $k.Listed}} by title are listed{{end}}:</p>
<ul>{{range $k.Listed}}<li><a href="{{href .}}">{{.Title}}</a></li>{{end}}</ul>{{else}}<p class="muted">No SOP in force cites it.</p>{{end}}
{{end}}{{else}}
<p class="muted">No KPIs defined: list them under kpis: in sopctl.yaml, then cite them in the kpis field of SOPs.</p>{{end}}{{end}}`
