// Package html writes a handbook as a static HTML bundle that opens from
// disk with no network: an index with offline search, one page per SOP
// and per role, the KPI page (kpis.html), and print-ready handbooks: the whole handbook on one page
// grouped by role (over handbook_max_sops, links to the role handbooks),
// and each role's own (printbook.go). Every page has a sidebar of the
// roles and of its role's SOPs (one shared script file per role), an SOP
// page breadcrumbs, a table of its sections and links to the previous and
// next SOP; the index and role pages continue over pages of
// render.ListPageSize SOPs. Into a render.Keyed output, every file goes
// with its key, and the files the previous render made from the same
// inputs are reused rather than made (incremental.go); an SOP whose page
// is reused gives the printable handbook files and snippet shards being
// made what the previous output holds of it (previous.go), and its words
// in the search index are the previous index's (searchprev.go). Into a
// render.Spooler (a Stage), each SOP's sections of the printable
// handbooks and its search words wait in its spool, not in memory, until
// the handbooks and the search files are written; into a render.Streamer
// (a Stage too), the handbooks are written as their sections are read
// back (spool.go). An SOP's body is converted once, to a tape of its HTML
// cut where the library decides (tape.go), which each place the body is
// printed writes with those pieces (placed.go); sopctl render records it
// as the file loads (PrepareBody, render.Sources.PrepareBodies), from the
// tree the load parsed, so that a body is parsed once.
package html

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
	"github.com/sopctl/sopctl/pkg/render"
)

//go:embed assets/style.css assets/search.js assets/nav.js
var assets embed.FS

// page is what a template gets.
type page struct {
	Lang, PageTitle, Root string
	Handbook              *render.Handbook
	Page                  *render.Page
	Role                  *render.Role
	Body                  htmltemplate.HTML
	// Print is what a printable handbook shows (printbook.go).
	Print *printView
	// Panel and End are Options.SOPPanel's and Options.PageEnd's HTML.
	Panel, End htmltemplate.HTML
	Theme      bool // link assets/theme.css (Options.ThemeCSS)
	// Nav is the role whose SOPs the sidebar lists: an SOP's first role
	// (Unassigned for none), a role page's role; nil elsewhere.
	Nav *render.Role
	// List is the index's or a role page's part of its list of SOPs.
	List *listPage
}

// templates parses one template set per page kind: where a page lies
// decides how it links to SOP pages.
func templates(h *render.Handbook, hrefPrefix string, parts ...string) *htmltemplate.Template {
	funcs := htmltemplate.FuncMap{
		"href":    func(p *render.Page) string { return hrefPrefix + p.ID + ".html" },
		"soprows": func(ps []*render.Page) htmltemplate.HTML { return sopRows(hrefPrefix, ps) },
		"inc":     func(i int) int { return i + 1 },
	}
	t := htmltemplate.New("layout").Funcs(funcs)
	for _, s := range append([]string{layout, sopTable, searchArea, sideNav}, parts...) {
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
func (pageLinker) Root() string    { return "../" }

// handbookLinker places every SOP on one page, each under its own h3
// within its role's h2.
type handbookLinker struct{ h *render.Handbook }

// On the one-page handbook an SOP's title carries its id, and a heading of
// its body that a link names the id and the slug joined by "--", which no
// SOP id contains (render.Handbook.LinkedAnchor).
func (l handbookLinker) HeadingID(p *render.Page, slug string) string {
	if slug == "" || !l.h.LinkedAnchor(p, slug) {
		return ""
	}
	return p.ID + "--" + slug
}
func (l handbookLinker) Href(from, to *render.Page, anchor string) string {
	if to.Doc.Meta.Retired() { // listed, not printed (render.Book)
		return "sops/" + pageLinker{}.Href(from, to, anchor)
	}
	if anchor != "" {
		return "#" + to.ID + "--" + anchor
	}
	return "#" + to.ID
}
func (handbookLinker) Level(l int) int { return l + 2 }
func (handbookLinker) Root() string    { return "" } // handbook.html lies in the bundle's root

// Options configures the bundle.
type Options struct {
	Lang string // the pages' language; "en" when empty
	// SOPPanel, when set, gives HTML put at the top of each SOP's page
	// (sopctl serve's lint findings). It must escape what it quotes.
	SOPPanel func(p *render.Page) htmltemplate.HTML
	// PageEnd is HTML put at the end of every page's body (sopctl serve's
	// reload script).
	PageEnd htmltemplate.HTML
	// Only, when set, limits the SOP pages rendered and written to those
	// it accepts (sopctl serve's reload of what a change touches); the
	// others give the one-page handbook and the search index what Cache
	// recorded for them, and are rendered as usual when it has nothing.
	Only func(p *render.Page) bool
	// OnlyRole, when set, limits the role pages rendered and written to
	// those it accepts.
	OnlyRole func(r *render.Role) bool
	// Cache, when set, records what each rendered SOP gives the
	// whole-library files, by file, for a later Bundle with Only.
	Cache *Cache
	// ThemeCSS, when set, is the library's theme_css: written as
	// assets/theme.css and linked after the built-in stylesheet on every
	// page, so that its rules win.
	ThemeCSS []byte
}

// Cache is what SOP pages gave the whole-library files, by SOP file.
type Cache struct {
	mu    sync.Mutex
	parts map[string]sopPart
}

// sopPart is one SOP's sections of the printable handbooks and what it
// gives the search.
type sopPart struct {
	section htmltemplate.HTML   // of the one-page handbook; "" over handbook_max_sops
	books   []htmltemplate.HTML // of its role handbooks, as Handbook.BooksOf lists them
	bookKey string              // where its role handbooks place it (bookKey)
	spooled spooledPart         // where the spool holds section and books, moved there (spool.go)
	search  searchDoc
}

// Clone returns a copy of c that a Bundle can fill while c stays as it
// was (for a render that fails).
func (c *Cache) Clone() *Cache {
	c.mu.Lock()
	defer c.mu.Unlock()
	return &Cache{parts: maps.Clone(c.parts)}
}

func (c *Cache) get(path string) (sopPart, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	part, ok := c.parts[path]
	return part, ok
}

func (c *Cache) put(path string, part sopPart) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.parts == nil {
		c.parts = map[string]sopPart{}
	}
	c.parts[path] = part
}

// errStopped marks the SOPs left unrendered after a file could not be
// written.
var errStopped = errors.New("not rendered: an earlier file could not be written")

// Bundle renders the handbook, writes its files to out, and returns the
// warnings about links rendered as plain text, in page order.
//
// Everything done per SOP (its page, its section of the one-page handbook,
// the words it adds to the search index) runs in parallel, and each page
// is written as soon as it is rendered; then the files made from the whole
// library (index, handbook, role pages, search index) are built side by
// side. The first file out refuses (a full disk, an interrupted render)
// stops the rendering of SOPs: the bundle can no longer be complete.
func Bundle(h *render.Handbook, out render.Output, opts Options) (_ []render.Warning, err error) {
	if opts.Lang == "" {
		opts.Lang = "en"
	}
	w := &writer{h: h, opts: opts, out: &stopOutput{out: out},
		handbookT: templates(h, "#", handbookPage, printParts)}
	w.keyed, w.salt = keying(opts)
	w.bookT = sync.OnceValue(func() *htmltemplate.Template { return templates(h, "../sops/", bookPage, printParts) })
	tasks, err := w.reuseLibraryFiles()
	if err != nil {
		return nil, err
	}
	if sp, ok := out.(render.Spooler); ok && tasks.needParts() {
		if w.spool, err = sp.Spool(); err != nil {
			return nil, err
		}
		defer func() { err = errors.Join(err, w.spool.Close()) }()
	}
	parts, err := w.sops()
	if err != nil {
		return nil, err
	}
	return parts.warnings, w.libraryFiles(tasks, parts)
}

// writer is one run of Bundle.
type writer struct {
	h         *render.Handbook
	opts      Options
	out       *stopOutput
	handbookT *htmltemplate.Template
	// keyed says that the files are written with their keys, for an
	// incremental render (incremental.go); salt is what the options add
	// to every key.
	keyed bool
	salt  string
	// previous gives the SOPs whose pages are reused their parts from the
	// previous output (previous.go); nil when it cannot. making are the
	// content files to be made (libraryTask.content), by task name: only
	// what they take of such an SOP is taken. prevIndex is the previous
	// search index, which gives the new one the words of those SOPs
	// (searchprev.go); nil when it cannot.
	previous  *previousParts
	making    map[string]bool
	prevIndex *previousIndex
	bookT     func() *htmltemplate.Template // the role handbooks' templates, parsed once
	// spool holds the SOPs' sections of the printable handbooks and their
	// search words from when each SOP is rendered to when the handbooks
	// and the search index are written, when the output can give one
	// (spool.go); nil: they stay in memory.
	spool *render.Spool
}

// stopOutput remembers that a file could not be written.
type stopOutput struct {
	out    render.Output
	failed atomic.Bool
}

func (s *stopOutput) WriteFile(name string, data []byte) error {
	err := s.out.WriteFile(name, data)
	if err != nil {
		s.failed.Store(true)
	}
	return err
}

// sopParts is what the SOPs give the whole-library files.
type sopParts struct {
	parts []sopPart // as Handbook.SOPs lists them
	// made are the SOPs whose pages are made anew (not reused): the
	// previous search index may not hold their words, which their
	// parts do (searchprev.go).
	made     []bool
	warnings []render.Warning
}

// sops renders and writes every SOP's page, in parallel, and gives what
// the SOPs give the whole-library files being made (writer.wants), even
// for the pages the previous render's output gives.
func (w *writer) sops() (sopParts, error) {
	n := len(w.h.SOPs)
	parts := sopParts{parts: make([]sopPart, n), made: make([]bool, n)}
	warns := make([][]render.Warning, n)
	errs := make([]error, n)
	// one renders the i-th SOP, and says whether it gave a part.
	one := func(i int) bool {
		if w.out.failed.Load() {
			errs[i] = errStopped
			return false
		}
		p := w.h.SOPs[i]
		warns[i] = w.h.LinkWarnings(p)
		if w.opts.Only != nil && w.opts.Cache != nil && !w.opts.Only(p) {
			if part, ok := w.opts.Cache.get(p.Doc.Path); ok && part.fits(w.h, p) {
				parts.parts[i] = part
				return true
			}
		}
		reused, err := w.reuse(w.pageKey(p))
		if errs[i] = err; err != nil {
			return false
		}
		if reused {
			want, some := w.wants(i, p)
			if !some {
				return false
			}
			if w.previous != nil {
				var ok bool
				if parts.parts[i], ok = w.previous.part(p, want); ok {
					return true
				}
			}
		}
		bufs := sopBufPool.Get().(*sopBufs)
		defer sopBufPool.Put(bufs)
		var page []byte
		page, parts.parts[i], errs[i] = renderSOP(w.h, p, w.opts, !reused, bufs)
		if errs[i] == nil && w.opts.Cache != nil {
			w.opts.Cache.put(p.Doc.Path, parts.parts[i])
		}
		if errs[i] == nil && !reused {
			parts.made[i] = true
			errs[i] = w.write("sops/"+p.ID+".html", w.pageKey(p), page)
		}
		return errs[i] == nil
	}
	parallel.For(n, func(i int) {
		if one(i) && w.spool != nil {
			parts.parts[i], errs[i] = w.spoolPart(parts.parts[i])
		}
	})
	// Only the SOPs took parts of the previous output: its handbook files,
	// read whole, would otherwise stay in memory while the new ones are
	// written.
	w.previous = nil
	for i, p := range w.h.SOPs {
		if errs[i] != nil && !errors.Is(errs[i], errStopped) {
			return sopParts{}, fmt.Errorf("rendering %s: %w", p.Doc.Path, errs[i])
		}
		parts.warnings = append(parts.warnings, warns[i]...)
	}
	return parts, nil
}

// file is a whole-library file, or why it could not be made.
type file struct {
	name   string
	data   []byte
	stream func(io.Writer) error // instead of data: writes it (writeFile)
	err    error
}

// libraryFiles builds and writes the files made from the whole library
// that the previous render's output did not give, each kind by its own
// goroutine.
func (w *writer) libraryFiles(tasks libraryTasks, parts sopParts) error {
	errs := make([][]error, len(tasks))
	parallel.For(len(tasks), func(i int) {
		if tasks[i].reused {
			return
		}
		tasks[i].make(parts, func(f file) {
			if f.err == nil {
				f.err = w.writeFile(f, tasks[i].key)
			}
			errs[i] = append(errs[i], f.err)
		})
	})
	return errors.Join(slices.Concat(errs...)...)
}

// layout executes a template's layout; sizeHint saves the copies of growing
// a buffer of tens of megabytes.
func (w *writer) layout(name string, t *htmltemplate.Template, data page, sizeHint int) file {
	var b bytes.Buffer
	b.Grow(sizeHint)
	data.End, data.Theme = w.opts.PageEnd, w.opts.ThemeCSS != nil
	if err := t.ExecuteTemplate(&b, "layout", data); err != nil {
		return file{err: fmt.Errorf("rendering %s: %w", name, err)}
	}
	return file{name: name, data: b.Bytes()}
}

// index writes the index's pages: every role's SOPs, or, over
// handbook_max_sops, the roles with their counts and only the SOPs of no
// known role, which have no role page.
func (w *writer) index(emit func(file)) {
	h := w.h
	groups := h.Roles
	var roles []*render.Role
	if len(h.SOPs) > h.MaxSOPs {
		groups = nil
		for _, r := range h.Roles {
			if r.Other {
				groups = append(groups, r)
			} else {
				roles = append(roles, r)
			}
		}
	}
	t := templates(w.h, "sops/", indexPage)
	for _, lp := range paginate(groups, "index") {
		if lp.Index == 0 {
			lp.Roles = roles
		}
		emit(w.layout(lp.Pages[lp.Index], t,
			page{Lang: w.opts.Lang, PageTitle: lp.title(h.Title), Handbook: h, List: lp}, 4<<10+lp.rows()*400))
	}
}

// kpis writes the KPI page.
func (w *writer) kpis() []file {
	return []file{w.layout(KPIPage, templates(w.h, "sops/", kpisPage),
		page{Lang: w.opts.Lang, PageTitle: pageTitle("KPIs", w.h.Title), Handbook: w.h}, 4<<10)}
}

// KPIPage is the KPI page's file.
const KPIPage = "kpis.html"

// roles writes each role's pages.
func (w *writer) roles(emit func(file)) {
	h := w.h
	roleT := templates(w.h, "../sops/", rolePage)
	for _, r := range h.Roles {
		if r.Other || w.opts.OnlyRole != nil && !w.opts.OnlyRole(r) {
			continue
		}
		for _, lp := range paginate([]*render.Role{r}, r.ID) {
			emit(w.layout("roles/"+lp.Pages[lp.Index], roleT,
				page{Lang: w.opts.Lang, PageTitle: pageTitle(lp.title(r.Title), h.Title), Root: "../", Handbook: h, Role: r, Nav: r, List: lp},
				4<<10+lp.rows()*400))
		}
	}
}

// assets writes the stylesheet, the scripts, each role's navigation data
// and the theme.
func (w *writer) assets() []file {
	var out []file
	for _, name := range []string{"style.css", "search.js", "nav.js"} {
		b, err := assets.ReadFile("assets/" + name)
		out = append(out, file{name: "assets/" + name, data: b, err: err})
		if name == "nav.js" && err == nil {
			out = append(out, navFiles(w.h, b)...)
		}
	}
	if w.opts.ThemeCSS != nil {
		out = append(out, file{name: "assets/theme.css", data: w.opts.ThemeCSS})
	}
	return out
}

// renderSOP renders one SOP's page (unless withPage is false: the page is
// there already) and its sections of the printable handbooks, and reads
// what the search takes from it. Its body is parsed and converted once,
// and written for each place it links from. The page is written into bufs, and is
// good until bufs is used again.
func renderSOP(h *render.Handbook, p *render.Page, opts Options, withPage bool, bufs *sopBufs) ([]byte, sopPart, error) {
	printed := printLinkers(h, p)
	bodies, err := bodyHTML(h, p, bufs, append([]linker{pageLinker{}}, printed...)...)
	if err != nil {
		return nil, sopPart{}, err
	}
	b := &bufs.page
	b.Reset()
	if withPage {
		b.Grow(len(bodies[0]) + 4<<10) // the body and the page around it
		var panel htmltemplate.HTML
		if opts.SOPPanel != nil {
			panel = opts.SOPPanel(p)
		}
		sopPage(b, h, p, opts, bodies[0], panel)
	}
	part := printSections(h, p, printed, bodies[1:], &bufs.scratch) // bodyHTML is done with it
	part.search = newSearchDoc(p, bodies[0])
	return b.Bytes(), part, nil
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
