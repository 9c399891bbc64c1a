package serve

import (
	"fmt"
	htmltemplate "html/template"
	"maps"
	"path"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
)

// Input is one load of the library: what the site is built from. Load
// errors (a bad sopctl.yaml) are not an Input but Load's error.
type Input struct {
	Lib      *library.Library
	Handbook *render.Handbook
	// Findings are lint's, with library paths (as lint.Run returns them):
	// a file that cannot be parsed is among them.
	Findings []lint.Finding
	// ThemeCSS is the library's theme_css file, nil for none
	// (html.Options.ThemeCSS).
	ThemeCSS []byte
}

// ProblemsPath is the page that lists every finding of the library.
const ProblemsPath = "_problems"

// site is the bundle being served, built from one Input.
type site struct {
	files map[string][]byte // bundle path -> content
	// bundle, cache, in and byPath are what the next reload reuses: the
	// handbook's files, what its SOP pages gave the whole-library files,
	// the Input and its findings by file.
	bundle map[string][]byte
	cache  *renderhtml.Cache
	in     *Input
	byPath map[string][]lint.Finding
	ids    map[string]string // SOP file (library path) -> its id, for the page of a file that stops parsing
	err    error             // the library could not be loaded: every page says so
}

// buildSite renders the handbook into memory with each SOP's findings on
// its page, the problems page, and, for each file that cannot be parsed,
// a page in place of its SOP's (the id it had in prev, else its file
// name) that shows the error rather than a stale render.
func buildSite(in *Input, prev *site) (*site, error) {
	byPath := findingsByPath(in.Findings)
	bundle, cache, err := renderBundle(in, byPath, prev)
	if err != nil {
		return nil, err
	}
	s := &site{files: maps.Clone(bundle), bundle: bundle, cache: cache, in: in, byPath: byPath, ids: map[string]string{}}
	for _, p := range in.Handbook.SOPs {
		s.ids[p.Doc.Path] = p.ID
	}
	for _, f := range in.Lib.Failed {
		id := strings.TrimSuffix(path.Base(f.Path), path.Ext(f.Path))
		if prev != nil && prev.ids[f.Path] != "" {
			id = prev.ids[f.Path]
		}
		s.ids[f.Path] = id
		name := "sops/" + id + ".html"
		if _, taken := s.files[name]; !taken {
			s.files[name] = page(f.Path+" cannot be parsed", "../", panel(byPath[f.Path]))
		}
	}
	s.files[ProblemsPath] = page("Problems", "", problems(in.Findings))
	return s, nil
}

// findingsByPath groups findings by file.
func findingsByPath(fs []lint.Finding) map[string][]lint.Finding {
	byPath := map[string][]lint.Finding{}
	for _, f := range fs {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	return byPath
}

// errorSite is served when the library cannot be loaded at all.
func errorSite(err error) *site { return &site{err: err} }

// errorPage says why the library cannot be served, until it is fixed.
func errorPage(err error) []byte {
	return page("The library cannot be loaded", "", htmltemplate.HTML("<p>"+htmltemplate.HTMLEscapeString(err.Error())+"</p>"))
}

// reloadScript reloads the page when the server says the site changed.
const reloadScript = htmltemplate.HTML(`<script>new EventSource("/_events").onmessage = function () { location.reload(); };</script>`)

var (
	panelT = htmltemplate.Must(htmltemplate.New("panel").Parse(`<section id="sopctl-findings" class="sopctl-findings" aria-labelledby="sopctl-findings-title">
<h2 id="sopctl-findings-title">Lint findings</h2>
{{with .}}<ul>{{range .}}<li data-rule="{{.Rule}}" data-line="{{.Line}}"><strong>{{.Severity}}</strong> <code>{{.Rule}}</code> line {{.Line}}: {{.Message}}</li>
{{end}}</ul>{{else}}<p>No problems.</p>{{end}}
</section>
`))
	problemsT = htmltemplate.Must(htmltemplate.New("problems").Parse(`<section id="sopctl-findings" class="sopctl-findings">
{{with .}}<p>{{len .}} finding(s).</p>
<ul>{{range .}}<li data-rule="{{.Rule}}"><code>{{.Path}}:{{.Line}}:{{.Column}}</code> <strong>{{.Severity}}</strong> <code>{{.Rule}}</code>: {{.Message}}</li>
{{end}}</ul>{{else}}<p>No problems.</p>{{end}}
</section>
`))
	bareT = htmltemplate.Must(htmltemplate.New("bare").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<link rel="stylesheet" href="{{.Root}}assets/style.css">
</head>
<body>
<header class="site"><a href="/index.html">Handbook</a></header>
<main id="Main">
<h1>{{.Title}}</h1>
{{.Body}}
</main>
{{.End}}
</body>
</html>
`))
)

// panel lists one SOP's findings, escaped.
func panel(fs []lint.Finding) htmltemplate.HTML {
	var b strings.Builder
	if err := panelT.Execute(&b, fs); err != nil {
		return htmltemplate.HTML(htmltemplate.HTMLEscapeString(fmt.Sprint(err)))
	}
	return htmltemplate.HTML(b.String())
}

// problems lists the library's findings, escaped.
func problems(fs []lint.Finding) htmltemplate.HTML {
	var b strings.Builder
	if err := problemsT.Execute(&b, fs); err != nil {
		return htmltemplate.HTML(htmltemplate.HTMLEscapeString(fmt.Sprint(err)))
	}
	return htmltemplate.HTML(b.String())
}

// page is a page serve makes itself, around body.
func page(title, root string, body htmltemplate.HTML) []byte {
	var b strings.Builder
	if err := bareT.Execute(&b, map[string]any{"Title": title, "Root": root, "Body": body, "End": reloadScript}); err != nil {
		return []byte(htmltemplate.HTMLEscapeString(err.Error()))
	}
	return []byte(b.String())
}
