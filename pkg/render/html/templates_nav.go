package html

// The navigation every page shares: the sidebar and the pager of lists
// that continue over pages.
//
// The sidebar lists the roles and the SOPs of the page's role (.Nav) in
// reading order. An SOP page does not carry them: they come from
// assets/nav-<role>.js, one file per role that every page of the role
// loads and assets/nav.js writes into the sidebar, so that the bundle
// grows linearly with the library (SPEC section 6); it carries nav.js's
// code too, which spares each page a second script. With no script, an
// SOP page's sidebar links the role's page (the index for SOPs of no
// role), which lists them, and its breadcrumbs lead to the index.
// The sidebar follows main, so that with no style it reads after the
// content; the menu button that shows it on a phone is made by nav.js,
// since it does nothing without it.
const sideNav = `{{define "side"}}<nav id="Side" aria-label="Roles and SOPs">
{{- if not .Page}}
<p class="side-h">Roles</p>
<ul id="Side-roles">{{range .Handbook.Roles}}{{if not .Other}}<li><a href="{{$.Root}}roles/{{.ID}}.html"{{if and $.Role (eq .ID $.Role.ID)}} aria-current="page"{{end}}>{{.Title}}</a></li>{{end}}{{end}}</ul>{{end}}
{{- with .Nav}}
<ol id="Side-sops" data-root="{{$.Root}}"{{with $.Page}} data-current="{{.ID}}"{{end}}></ol>
{{- if $.Page}}
<p>{{if .Other}}<a href="../index.html">All SOPs</a>{{else}}<a href="../roles/{{.ID}}.html">All SOPs of this role</a>{{end}}</p>{{end}}
{{- end}}
</nav>{{end}}
{{define "pager"}}{{if gt (len .Pages) 1}}<nav class="pager" aria-label="Pages">
{{- with .Prev}}<a rel="prev" href="{{.}}">← Previous page</a>{{end}}
<ol>{{range $i, $f := .Pages}}<li><a href="{{$f}}"{{if eq $i $.Index}} aria-current="page"{{end}}>{{inc $i}}</a></li>{{end}}</ol>
{{- with .Next}}<a rel="next" href="{{.}}">Next page →</a>{{end}}</nav>{{end}}{{end}}`
