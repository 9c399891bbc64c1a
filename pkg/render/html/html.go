// Package html writes a handbook as a static HTML bundle that opens from
// disk with no network: an index with offline search, one page per SOP
// and per role, and the whole handbook on one print-ready page.
package html

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/sopctl/sopctl/pkg/render"
)

//go:embed assets/style.css assets/search.js
var assets embed.FS

// page is what a template gets.
type page struct {
	Lang, PageTitle, Root string
	Handbook              *render.Handbook
	Page                  *render.Page
	Role                  *render.Role
	Body                  htmltemplate.HTML
	Sections              []section
}

type section struct {
	Page *render.Page
	Body htmltemplate.HTML
}

// templates parses one template set per page kind: where a page lies
// decides how it links to SOP pages.
func templates(kpiNames map[string]string, hrefPrefix string, parts ...string) *htmltemplate.Template {
	funcs := htmltemplate.FuncMap{
		"join": func(s []string) string { return strings.Join(s, ", ") },
		"kpis": func(ids []string) string {
			out := make([]string, len(ids))
			for i, id := range ids {
				out[i] = id
				if name, ok := kpiNames[id]; ok {
					out[i] = name + " (" + id + ")"
				}
			}
			return strings.Join(out, ", ")
		},
		"date": func(t time.Time) string { return t.Format(time.DateOnly) }, // in the author's zone, as git shows it
		"href": func(p *render.Page) string { return hrefPrefix + p.ID + ".html" },
	}
	t := htmltemplate.New("layout").Funcs(funcs)
	for _, s := range append([]string{layout, metaTable, sopTable}, parts...) {
		t = htmltemplate.Must(t.Parse(s))
	}
	return t
}

// pageLinker places SOP pages side by side in sops/.
type pageLinker struct{}

func (pageLinker) HeadingID(_ *render.Page, slug string) string { return slug }
func (pageLinker) Href(_, to *render.Page, anchor string) string {
	if anchor != "" {
		return to.ID + ".html#" + anchor
	}
	return to.ID + ".html"
}
func (pageLinker) Level(l int) int { return max(l, 2) } // the page's title is the only h1

// handbookLinker places every SOP on one page, each under its own h2.
type handbookLinker struct{}

// On the one-page handbook an SOP's title carries its id, and a heading of
// its body the id and the slug joined by "--", which no SOP id contains.
func (handbookLinker) HeadingID(p *render.Page, slug string) string {
	if slug == "" {
		return ""
	}
	return p.ID + "--" + slug
}
func (l handbookLinker) Href(_, to *render.Page, anchor string) string {
	if anchor != "" {
		return "#" + l.HeadingID(to, anchor)
	}
	return "#" + to.ID
}
func (handbookLinker) Level(l int) int { return l + 1 }

// Options configures the bundle.
type Options struct {
	KPINames map[string]string // KPI id -> name, for the metadata table
	Lang     string            // the pages' language; "en" when empty
}

// Bundle renders the handbook into files (path -> content) and returns the
// warnings about links rendered as plain text, in page order.
func Bundle(h *render.Handbook, opts Options) (map[string][]byte, []render.Warning, error) {
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	files := map[string][]byte{}
	sopT := templates(opts.KPINames, "", sopPage)
	n := len(h.SOPs)
	pages, bodies := make([][]byte, n), make([][]byte, n)
	warns := make([][]render.Warning, n)
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range jobs {
				p := h.SOPs[i]
				warns[i] = h.LinkWarnings(p)
				var b bytes.Buffer
				both, err := h.HTML(p, pageLinker{}, handbookLinker{})
				if err == nil {
					bodies[i] = both[1]
					err = sopT.ExecuteTemplate(&b, "layout", page{Lang: opts.Lang, PageTitle: p.Title + " · " + h.Title, Root: "../",
						Handbook: h, Page: p, Body: htmltemplate.HTML(both[0])})
				}
				errs[i], pages[i] = err, b.Bytes()
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var warnings []render.Warning
	sections := make([]section, n)
	for i, p := range h.SOPs {
		if errs[i] != nil {
			return nil, nil, fmt.Errorf("rendering %s: %w", p.Doc.Path, errs[i])
		}
		files["sops/"+p.ID+".html"] = pages[i]
		warnings = append(warnings, warns[i]...)
		sections[i] = section{Page: p, Body: htmltemplate.HTML(bodies[i])}
	}
	render1 := func(name string, t *htmltemplate.Template, data page) error {
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
			return fmt.Errorf("rendering %s: %w", name, err)
		}
		files[name] = b.Bytes()
		return nil
	}
	if err := render1("index.html", templates(opts.KPINames, "sops/", indexPage),
		page{Lang: opts.Lang, PageTitle: h.Title, Handbook: h}); err != nil {
		return nil, nil, err
	}
	if err := render1("handbook.html", templates(opts.KPINames, "#", handbookPage),
		page{Lang: opts.Lang, PageTitle: h.Title + " · all SOPs", Handbook: h, Sections: sections}); err != nil {
		return nil, nil, err
	}
	roleT := templates(opts.KPINames, "../sops/", rolePage)
	for _, r := range h.Roles {
		if r.Other {
			continue
		}
		if err := render1("roles/"+r.ID+".html", roleT, page{Lang: opts.Lang, PageTitle: r.Title + " · " + h.Title, Root: "../", Handbook: h, Role: r}); err != nil {
			return nil, nil, err
		}
	}
	for _, name := range []string{"style.css", "search.js"} {
		b, err := assets.ReadFile("assets/" + name)
		if err != nil {
			return nil, nil, err
		}
		files["assets/"+name] = b
	}
	files["assets/search-index.js"] = searchIndex(h, bodies)
	return files, warnings, nil
}
