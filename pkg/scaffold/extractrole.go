package scaffold

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// ExtractRequest says what template ExtractRole makes: from the SOPs of
// Role, a template of id ID and title Title.
type ExtractRequest struct{ Role, ID, Title string }

// NoSOPsError is a role that no SOP of the library in force lists.
type NoSOPsError struct{ Role, Suggestion string }

func (e *NoSOPsError) Error() string {
	msg := fmt.Sprintf("no SOP of the library lists role %q in its roles: (retired SOPs are left out)", e.Role)
	if e.Suggestion != "" {
		return msg + ": " + sop.Meant(e.Suggestion)
	}
	return msg + "; name a role that SOPs list"
}

// ExtractRole makes the role template of the library's SOPs that list a
// role and are not retired (drafts included: they are the team's SOPs),
// each read back by Extract, in the library's order. The template stands
// alone: each SOP is defined in full, even one that a built-in template
// defines too, and so is each SOP they relate to, directly or not, that
// no built-in template defines (sopctl new --role then gives it the role
// too); a related id that names no SOP at all is left out. Its kpis are
// the KPIs the SOPs cite, as sopctl.yaml defines them. The notes say what
// the template does not carry as the library has it.
func ExtractRole(lib *library.Library, builtin *roles.Catalog, req ExtractRequest) (*roles.Template, []Note, error) {
	if len(lib.Failed) > 0 {
		return nil, nil, &UnparsedError{Failed: lib.Failed, Then: "extract"}
	}
	own, dups := roleDocs(lib, req.Role)
	if len(own) == 0 {
		return nil, nil, &NoSOPsError{Role: req.Role, Suggestion: sop.Closest(req.Role, libraryRoles(lib))}
	}
	x := &roleExtractor{lib: lib, builtin: builtin, seen: map[string]bool{}}
	for _, d := range dups {
		x.notes = append(x.notes, Note{Path: d.Path, Pos: d.Meta.ID.Pos, Msg: fmt.Sprintf("id %q is also the id of %s, which comes first by path: the template takes that one", d.Meta.ID.Text, lib.Lookup(d.Meta.ID.Text)[0].Path)})
	}
	for _, doc := range own {
		x.add(doc)
	}
	extra := len(x.entries)
	for i := 0; i < len(x.entries); i++ {
		x.related(x.entries[i].Def, x.docs[i])
	}
	if len(x.entries) > extra {
		x.notes = append(x.notes, Note{Msg: fmt.Sprintf(
			"the role's SOPs relate to SOPs that no built-in template defines (%s): the template defines them too, so that it loads in any library, and sopctl new --role gives them the role",
			strings.Join(entryIDs(&roles.Template{SOPs: x.entries[extra:]}), ", "))})
	}
	t := &roles.Template{ID: req.ID, Title: req.Title, Role: true, SOPs: x.entries, KPIs: x.kpis()}
	return t, x.notes, nil
}

// Source names the library for a template's header: its title, or the
// name of its folder.
func Source(lib *library.Library) string {
	if t := strings.TrimSpace(lib.Config.Title); t != "" {
		return t
	}
	return filepath.Base(lib.Dir)
}

// roleDocs are the SOPs that list role and are not retired, the first
// file of each id only (SPEC section 8); dups are the others.
func roleDocs(lib *library.Library, role string) (own, dups []*sop.Doc) {
	for _, d := range lib.Docs {
		if d.Meta.Retired() || !slices.Contains(d.Meta.Roles.Strings(), role) {
			continue
		}
		if lib.Lookup(d.Meta.ID.Text)[0] == d {
			own = append(own, d)
		} else {
			dups = append(dups, d)
		}
	}
	return own, dups
}

// libraryRoles are the roles the SOPs in force list.
func libraryRoles(lib *library.Library) []string {
	var out []string
	for _, d := range lib.Docs {
		for _, r := range d.Meta.Roles.Strings() {
			if !d.Meta.Retired() && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	return out
}

type roleExtractor struct {
	lib     *library.Library
	builtin *roles.Catalog
	entries []roles.Entry
	docs    []*sop.Doc // of entries
	seen    map[string]bool
	notes   []Note
}

func (x *roleExtractor) add(doc *sop.Doc) {
	d, notes := Extract(doc, x.lib.Config.RequiredSections)
	x.seen[d.ID] = true
	x.entries = append(x.entries, roles.Entry{ID: d.ID, Def: d})
	x.docs = append(x.docs, doc)
	x.notes = append(x.notes, notes...)
	x.files(doc)
}

// files notes the links of an SOP to files of the library that are not
// SOPs: a template carries no file, so a library scaffolded from it needs
// a copy of each.
func (x *roleExtractor) files(doc *sop.Doc) {
	for _, l := range doc.Markdown.Links {
		r := x.lib.ResolveLink(doc, l.Dest)
		if r.Kind == library.LinkLocal && r.Problem == library.LinkOK && r.Doc == nil {
			x.notes = append(x.notes, Note{Path: doc.Path, Pos: l.Pos, Msg: fmt.Sprintf("links to %s, a file the template cannot carry: where the template is used, put a copy at that path", r.Path)})
		}
	}
}

// related adds the SOPs that d relates to and that neither the template
// nor a built-in one defines, and drops the ids that name no SOP.
func (x *roleExtractor) related(d *roles.SOP, doc *sop.Doc) {
	var keep []string
	for _, id := range d.Related {
		if _, ok := x.builtin.SOP(id); ok || x.seen[id] {
			keep = append(keep, id)
			continue
		}
		if docs := x.lib.Lookup(id); len(docs) > 0 {
			x.add(docs[0])
			keep = append(keep, id)
			continue
		}
		pos := doc.Meta.Related.Pos
		for _, it := range doc.Meta.Related.Items {
			if it.Text == id {
				pos = it.Pos
			}
		}
		x.notes = append(x.notes, Note{Path: doc.Path, Pos: pos, Msg: fmt.Sprintf("related names %q, which is no SOP of the library or of a built-in template: the template leaves it out, so that it loads", id)})
	}
	d.Related = keep
}

// kpis are the KPIs the template's SOPs cite, as sopctl.yaml defines
// them, in the order first cited; a KPI it does not define is noted,
// unless a built-in template defines it.
func (x *roleExtractor) kpis() []roles.KPI {
	var out []roles.KPI
	done := map[string]bool{}
	for i, e := range x.entries {
		for _, id := range e.Def.KPIs {
			if done[id] {
				continue
			}
			done[id] = true
			if k, ok := configKPI(x.lib.Config, id); ok {
				out = append(out, k)
			} else if _, ok := x.builtin.KPIDef(id); !ok {
				doc := x.docs[i]
				x.notes = append(x.notes, Note{Path: doc.Path, Pos: doc.Meta.KPIs.Pos, Msg: fmt.Sprintf("cites KPI %q, which neither %s nor a built-in template defines: add it to the template's kpis:", id, library.ConfigFile)})
			}
		}
	}
	return out
}

func configKPI(cfg *library.Config, id string) (roles.KPI, bool) {
	for _, k := range cfg.KPIs {
		if k.ID == id {
			return roles.KPI{ID: k.ID, Name: k.Name, Definition: k.Definition, Target: k.Target}, true
		}
	}
	return roles.KPI{}, false
}
