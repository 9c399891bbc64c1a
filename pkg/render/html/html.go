// Package html writes a handbook as a static HTML bundle that opens from
// disk with no network: an index with offline search, one page per SOP
// and per role, and the whole handbook on one print-ready page.
package html

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
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
	// Sections are the SOPs' sections of the one-page handbook, rendered.
	Sections []htmltemplate.HTML
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
	// Emit, when set, is given every file as soon as it is rendered, from
	// several goroutines at once, and Bundle returns no map: a
	// render.Stage's WriteFile writes the bundle while the rest of it is
	// still being rendered, and no page is held in memory longer than it
	// takes to write it.
	Emit func(name string, data []byte) error
}

// errStopped marks the SOPs left unrendered after Emit failed.
var errStopped = errors.New("not rendered: an earlier file could not be written")

// Bundle renders the handbook into files (path -> content) and returns the
// warnings about links rendered as plain text, in page order.
//
// Everything done per SOP (its page, its section of the one-page handbook,
// the words it adds to the search index) runs in parallel; then the files
// made from the whole library (index, handbook, role pages, search index)
// are built side by side.
func Bundle(h *render.Handbook, opts Options) (map[string][]byte, []render.Warning, error) {
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	sopT := templates(opts.KPINames, "", sopPage)
	handbookT := templates(opts.KPINames, "#", handbookPage)
	n := len(h.SOPs)
	pages, sections := make([][]byte, n), make([]htmltemplate.HTML, n)
	docWords := make([][]string, n)
	warns := make([][]render.Warning, n)
	errs := make([]error, n)
	// The first file Emit refuses (a full disk, an interrupted render)
	// stops the rendering: the bundle can no longer be complete.
	var emitFailed atomic.Bool
	if emit := opts.Emit; emit != nil {
		opts.Emit = func(name string, data []byte) error {
			err := emit(name, data)
			if err != nil {
				emitFailed.Store(true)
			}
			return err
		}
	}
	parallel.For(n, func(i int) {
		if emitFailed.Load() {
			errs[i] = errStopped
			return
		}
		p := h.SOPs[i]
		warns[i] = h.LinkWarnings(p)
		pages[i], sections[i], docWords[i], errs[i] = renderSOP(h, p, opts.Lang, sopT, handbookT)
		if errs[i] == nil && opts.Emit != nil {
			errs[i], pages[i] = opts.Emit("sops/"+p.ID+".html", pages[i]), nil
		}
	})
	var warnings []render.Warning
	for i, p := range h.SOPs {
		if errs[i] != nil && !errors.Is(errs[i], errStopped) {
			return nil, nil, fmt.Errorf("rendering %s: %w", p.Doc.Path, errs[i])
		}
		warnings = append(warnings, warns[i]...)
	}

	// The whole-library files, each built by its own goroutine.
	type file struct {
		name string
		data []byte
		err  error
	}
	// sizeHint saves the copies of growing a buffer of tens of megabytes.
	render1 := func(name string, t *htmltemplate.Template, data page, sizeHint int) file {
		var b bytes.Buffer
		b.Grow(sizeHint)
		if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
			return file{err: fmt.Errorf("rendering %s: %w", name, err)}
		}
		return file{name: name, data: b.Bytes()}
	}
	tasks := []func() []file{
		func() []file {
			return []file{render1("index.html", templates(opts.KPINames, "sops/", indexPage),
				page{Lang: opts.Lang, PageTitle: h.Title, Handbook: h}, 4<<10+n*400)}
		},
		func() []file {
			size := 4<<10 + n*100 // the contents
			for _, s := range sections {
				size += len(s)
			}
			return []file{render1("handbook.html", handbookT,
				page{Lang: opts.Lang, PageTitle: pageTitle(h.Title, "all SOPs"), Handbook: h, Sections: sections}, size)}
		},
		func() []file {
			roleT := templates(opts.KPINames, "../sops/", rolePage)
			var out []file
			for _, r := range h.Roles {
				if !r.Other {
					out = append(out, render1("roles/"+r.ID+".html", roleT,
						page{Lang: opts.Lang, PageTitle: pageTitle(r.Title, h.Title), Root: "../", Handbook: h, Role: r}, 4<<10+len(r.SOPs)*400))
				}
			}
			return out
		},
		func() []file {
			out := []file{{name: "assets/search-index.js", data: searchIndex(h, docWords)}}
			for _, name := range []string{"style.css", "search.js"} {
				b, err := assets.ReadFile("assets/" + name)
				out = append(out, file{name: "assets/" + name, data: b, err: err})
			}
			return out
		},
	}
	results := make([][]file, len(tasks))
	parallel.For(len(tasks), func(i int) {
		results[i] = tasks[i]()
		for j, f := range results[i] {
			if f.err == nil && opts.Emit != nil {
				results[i][j].err = opts.Emit(f.name, f.data)
			}
		}
	})
	if opts.Emit != nil {
		var errs []error
		for _, fs := range results {
			for _, f := range fs {
				errs = append(errs, f.err)
			}
		}
		return nil, warnings, errors.Join(errs...)
	}
	files := make(map[string][]byte, n+len(h.Roles)+5)
	for i, p := range h.SOPs {
		files["sops/"+p.ID+".html"] = pages[i]
	}
	for _, fs := range results {
		for _, f := range fs {
			if f.err != nil {
				return nil, nil, f.err
			}
			files[f.name] = f.data
		}
	}
	return files, warnings, nil
}

// renderSOP renders one SOP's page and its section of the one-page
// handbook, and lists the words the search index takes from it.
func renderSOP(h *render.Handbook, p *render.Page, lang string, sopT, handbookT *htmltemplate.Template) ([]byte, htmltemplate.HTML, []string, error) {
	both, err := h.HTML(p, pageLinker{}, handbookLinker{})
	if err != nil {
		return nil, "", nil, err
	}
	var b bytes.Buffer
	b.Grow(len(both[0]) + 4<<10) // the body and the page around it
	err = sopT.ExecuteTemplate(&b, "layout", page{Lang: lang, PageTitle: pageTitle(p.Title, h.Title), Root: "../",
		Handbook: h, Page: p, Body: htmltemplate.HTML(both[0])})
	if err != nil {
		return nil, "", nil, err
	}
	var sb strings.Builder
	sb.Grow(len(both[1]) + 1<<10)
	if err := handbookT.ExecuteTemplate(&sb, "section", page{Page: p, Body: htmltemplate.HTML(both[1])}); err != nil {
		return nil, "", nil, err
	}
	return b.Bytes(), htmltemplate.HTML(sb.String()), sopWords(p, both[0]), nil
}

// pageTitle is a page's <title>: its own title, then the handbook's when
// both fit in the 70 characters that browser tabs and search results
// show; a longer one keeps only the page's own title, which matters most.
func pageTitle(title, handbook string) string {
	if t := title + " · " + handbook; utf8.RuneCountInString(t) <= 70 {
		return t
	}
	return title
}
