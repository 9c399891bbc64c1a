package serve

import (
	htmltemplate "html/template"
	"os"
	"reflect"
	"slices"

	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
)

// A reload renders again only the SOP pages whose output can differ from
// the previous site's; the index, role pages, one-page handbook and search
// index are always made again (from the kept SOPs' cached sections and
// words). An SOP that did not change keeps its parsed Doc across a reload
// (library.Reload), so a Doc that is not the same pointer is a change; a
// full load gives every SOP a new Doc, and every page is rendered.

// renderBundle renders in's handbook, reusing prev's pages where they
// cannot have changed, and returns the bundle's files and the cache of
// what the SOP pages gave the whole-library files.
func renderBundle(in *Input, byPath map[string][]lint.Finding, prev *site) (map[string][]byte, *renderhtml.Cache, error) {
	only := stalePages(prev, in, byPath)
	cache := &renderhtml.Cache{}
	if only != nil {
		cache = prev.cache.Clone()
	}
	opts := renderhtml.Options{
		SOPPanel: func(p *render.Page) htmltemplate.HTML { return panel(byPath[p.Doc.Path]) },
		PageEnd:  reloadScript,
		Cache:    cache,
		ThemeCSS: in.ThemeCSS,
	}
	if only != nil {
		roles := staleRoles(prev.in.Handbook, in.Handbook, only)
		opts.Only = func(p *render.Page) bool { return only[p.Doc.Path] }
		opts.OnlyRole = func(r *render.Role) bool { return roles[r.ID] }
	}
	var out render.Files
	if _, err := renderhtml.Bundle(in.Handbook, &out, opts); err != nil {
		return nil, nil, err
	}
	if err := copyLibraryFiles(in, &out); err != nil {
		return nil, nil, err
	}
	files := out.Map()
	var names []string
	for _, p := range in.Handbook.SOPs {
		names = append(names, "sops/"+p.ID+".html")
	}
	for _, r := range in.Handbook.Roles {
		if !r.Other {
			names = append(names, renderhtml.RolePages(r)...)
		}
	}
	for _, name := range names {
		if _, done := files[name]; done {
			continue
		}
		kept, ok := prev.bundle[name]
		if !ok {
			return renderBundle(in, byPath, nil) // cannot happen: a kept page had this name
		}
		files[name] = kept
	}
	return files, cache, nil
}

// copyLibraryFiles adds the library files the SOPs link to, then
// static_dir's, read through the library's os.Root, as sopctl render
// does.
func copyLibraryFiles(in *Input, out render.Output) error {
	root, err := os.OpenRoot(in.Lib.Dir)
	if err != nil {
		return err
	}
	defer root.Close()
	if err := render.CopyFiles(in.Handbook, root.FS(), out); err != nil {
		return err
	}
	return render.CopyStatic(root, in.Lib.Config.StaticDir, out)
}

// stalePages returns the files of the SOPs whose pages must be rendered
// again after prev, or nil for every page: a page changes with its Doc,
// id, title, review dates, roles, history, previous and next SOP (id and
// title) and findings, and with the id or title of any SOP it lists or
// links to, or that lists or links to it (its neighbours, before and
// after); every page changes with the handbook's title, organization,
// roles or KPIs, or the set of files SOPs link to that the bundle
// holds (a link to one that appeared or went is a link or plain text).
func stalePages(prev *site, in *Input, byPath map[string][]lint.Finding) map[string]bool {
	if prev == nil || prev.in == nil || prev.cache == nil {
		return nil
	}
	oh, nh := prev.in.Handbook, in.Handbook
	if oh.Title != nh.Title || oh.Organization != nh.Organization || !render.SameKPIs(oh, nh) ||
		!slices.Equal(oh.Files(), nh.Files()) ||
		!slices.EqualFunc(oh.Roles, nh.Roles, func(a, b *render.Role) bool { return a.ID == b.ID && a.Title == b.Title && a.Other == b.Other }) {
		return nil
	}
	olds, news := pagesByPath(oh), pagesByPath(nh)
	oldAdj, newAdj := neighbours(oh), neighbours(nh)
	stale := map[string]bool{}
	for _, set := range []map[string]*render.Page{olds, news} {
		for path := range set {
			o, n := olds[path], news[path]
			if o != nil && n != nil && o.Doc == n.Doc && o.ID == n.ID && o.Title == n.Title {
				continue
			}
			stale[path] = true
			for _, adj := range []map[string][]string{oldAdj, newAdj} {
				for _, q := range adj[path] {
					stale[q] = true
				}
			}
		}
	}
	for path, n := range news {
		if o := olds[path]; o != nil && (!samePage(o, n) || !slices.Equal(prev.byPath[path], byPath[path])) {
			stale[path] = true
		}
	}
	return stale
}

// staleRoles returns the roles whose pages list a stale SOP, before or
// after: a role page shows each SOP's id, title and review dates and
// front matter, which can change only for a stale SOP.
func staleRoles(oh, nh *render.Handbook, stale map[string]bool) map[string]bool {
	roles := map[string]bool{}
	for _, h := range []*render.Handbook{oh, nh} {
		for _, p := range h.SOPs {
			if stale[p.Doc.Path] {
				for _, r := range p.Roles {
					roles[r.ID] = true
				}
			}
		}
	}
	return roles
}

func pagesByPath(h *render.Handbook) map[string]*render.Page {
	m := make(map[string]*render.Page, len(h.SOPs))
	for _, p := range h.SOPs {
		m[p.Doc.Path] = p
	}
	return m
}

// neighbours links each SOP's file to those of the SOPs its page lists
// and of those whose pages list it.
func neighbours(h *render.Handbook) map[string][]string {
	adj := map[string][]string{}
	for _, p := range h.SOPs {
		for _, list := range [][]*render.Page{p.Related, p.ReferencedBy, p.Supersedes, p.SupersededBy} {
			for _, q := range list {
				adj[p.Doc.Path] = append(adj[p.Doc.Path], q.Doc.Path)
				adj[q.Doc.Path] = append(adj[q.Doc.Path], p.Doc.Path)
			}
		}
	}
	return adj
}

// samePage reports whether what a page shows of the handbook model, its
// Doc aside, is the same: its previous and next SOP too.
func samePage(o, n *render.Page) bool {
	sameRefs := func(a, b []*render.Page) bool {
		return slices.EqualFunc(a, b, func(x, y *render.Page) bool { return x.ID == y.ID && x.Title == y.Title })
	}
	sameRoles := slices.EqualFunc(o.Roles, n.Roles, func(x, y *render.Role) bool { return x.ID == y.ID && x.Title == y.Title })
	sameRef := func(a, b *render.Page) bool {
		return a == nil && b == nil || a != nil && b != nil && a.ID == b.ID && a.Title == b.Title
	}
	return o.NextReview == n.NextReview && o.DaysToReview == n.DaysToReview && o.Overdue == n.Overdue && sameRoles &&
		sameRef(o.Prev, n.Prev) && sameRef(o.Next, n.Next) &&
		reflect.DeepEqual(o.History, n.History) &&
		sameRefs(o.Related, n.Related) && sameRefs(o.ReferencedBy, n.ReferencedBy) &&
		sameRefs(o.Supersedes, n.Supersedes) && sameRefs(o.SupersededBy, n.SupersededBy)
}
