package roles

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Catalog is the set of templates in use: the built-ins, with a library's
// own templates added or replacing built-ins of the same id.
type Catalog struct {
	templates []*Template // roles first, then catalogues; each group by id
	byID      map[string]*Template
	defs      map[string]*SOP
	kpis      []KPI
	params    []Param
}

// Load reads the built-in templates and, when local is not nil, a
// library's templates folder. Problems in any file are returned together,
// each with its path, line and column.
func Load(builtin, local fs.FS) (*Catalog, error) {
	var errs []error
	read := func(fsys fs.FS, isBuiltin bool) []*Template {
		if fsys == nil {
			return nil
		}
		names, err := fs.Glob(fsys, "*.yaml")
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		var out []*Template
		for _, name := range names {
			src, err := fs.ReadFile(fsys, name)
			display := path.Join("templates", name)
			if err != nil {
				errs = append(errs, &sop.Error{Path: display, Pos: sop.Pos{Line: 1, Col: 1}, Rule: "template", Msg: fmt.Sprintf("cannot be read: %v", err)})
				continue
			}
			t, err := ParseTemplate(display, src, isBuiltin)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out = append(out, t)
		}
		return out
	}
	c := &Catalog{byID: map[string]*Template{}, defs: map[string]*SOP{}}
	all := append(read(builtin, true), read(local, false)...)
	for _, t := range all {
		c.byID[t.ID] = t // a local template replaces the built-in of its id
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	for _, t := range c.byID {
		c.templates = append(c.templates, t)
	}
	sortTemplates(c.templates)
	if err := c.index(all); err != nil {
		return nil, err
	}
	return c, nil
}

// sortTemplates puts roles first, then catalogues, each group by id.
func sortTemplates(ts []*Template) {
	slices.SortFunc(ts, func(a, b *Template) int {
		if a.Role != b.Role {
			if a.Role {
				return -1
			}
			return 1
		}
		return strings.Compare(a.ID, b.ID)
	})
}

// index collects definitions and KPIs from every template read, built-ins
// first, and checks that every reference resolves. A local definition of
// an SOP replaces a built-in one. A built-in template that a local one
// replaces still contributes its definitions, so that replacing one role
// does not take away SOPs that other roles list by id.
func (c *Catalog) index(all []*Template) error {
	r := &sop.NodeReader{Rule: "template"}
	fail := func(t *Template, pos sop.Pos, format string, args ...any) {
		r.Errs = append(r.Errs, &sop.Error{Path: t.Path, Pos: pos, Rule: "template", Msg: fmt.Sprintf(format, args...)})
	}
	kpiIndex, paramIndex := map[string]int{}, map[string]int{}
	for _, builtinPass := range []bool{true, false} {
		for _, t := range all {
			if t.Builtin != builtinPass {
				continue
			}
			for _, k := range t.KPIs {
				if i, ok := kpiIndex[k.ID]; ok {
					c.kpis[i] = k
					continue
				}
				kpiIndex[k.ID] = len(c.kpis)
				c.kpis = append(c.kpis, k)
			}
			c.indexParams(t, paramIndex, fail)
			for _, e := range t.SOPs {
				if e.Def == nil {
					continue
				}
				if prev, ok := c.defs[e.ID]; ok && prev.Template.Builtin == t.Builtin {
					fail(t, e.Pos, "SOP %q is already defined in full in %s:%d: define it once and list it by id alone elsewhere", e.ID, prev.Template.Path, prev.Pos.Line)
					continue
				}
				c.defs[e.ID] = e.Def
			}
		}
	}
	for _, t := range c.templates {
		for _, e := range t.SOPs {
			if e.Def == nil {
				if _, ok := c.defs[e.ID]; !ok {
					fail(t, e.Pos, "SOP %q is listed by id but no template defines it: add its full definition%s", e.ID, suggest(e.ID, c.defIDs()))
				}
				continue
			}
			if c.defs[e.ID] != e.Def {
				continue // replaced by a local definition
			}
			for i, id := range e.Def.Related {
				if _, ok := c.defs[id]; !ok {
					fail(t, e.Def.relatedPos[i], "SOP %q relates to %q, which no template defines: define it or remove it from related%s", e.ID, id, suggest(id, c.defIDs()))
				}
			}
		}
	}
	c.checkCites(fail)
	return r.Err()
}

func (c *Catalog) defIDs() []string {
	ids := make([]string, 0, len(c.defs))
	for id := range c.defs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

func suggest(word string, candidates []string) string {
	if s := sop.DidYouMean(word, candidates); s != "" {
		return " (" + s + ")"
	}
	return ""
}

// Templates returns every template in use: roles first, then catalogues,
// each group sorted by id.
func (c *Catalog) Templates() []*Template { return c.templates }

// Template returns the template with an id.
func (c *Catalog) Template(id string) (*Template, bool) {
	t, ok := c.byID[id]
	return t, ok
}

// SOP returns the definition of an SOP id.
func (c *Catalog) SOP(id string) (*SOP, bool) {
	d, ok := c.defs[id]
	return d, ok
}

// KPIs returns every KPI the templates define, in definition order.
func (c *Catalog) KPIs() []KPI { return c.kpis }

// KPI returns the name of a KPI id defined by a template.
func (c *Catalog) KPI(id string) (string, bool) {
	k, ok := c.KPIDef(id)
	return k.Name, ok
}

// KPIDef returns the KPI of an id defined by a template, in full.
func (c *Catalog) KPIDef(id string) (KPI, bool) {
	for _, k := range c.kpis {
		if k.ID == id {
			return k, true
		}
	}
	return KPI{}, false
}

// UnknownError names a role or SOP id that no template has.
type UnknownError struct {
	Kind, ID, Suggestion string
	Hint                 string // what to do instead; a default when empty
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", e.Kind, e.ID)
	if e.Suggestion != "" {
		msg += ": " + sop.Meant(e.Suggestion)
	}
	if e.Hint != "" {
		return msg + "; " + e.Hint
	}
	return msg + "; sopctl templates list shows the roles, sopctl templates show ROLE their SOPs"
}

// Role returns the role template with an id. Catalogues are not roles.
func (c *Catalog) Role(id string) (*Template, error) {
	if t, ok := c.byID[id]; ok && t.Role {
		return t, nil
	}
	var ids []string
	for _, t := range c.templates {
		if t.Role {
			ids = append(ids, t.ID)
		}
	}
	return nil, &UnknownError{Kind: "role", ID: id, Suggestion: sop.Closest(id, ids)}
}

// Definitions returns the definitions of a template's SOPs, in its order,
// by-id entries resolved.
func (c *Catalog) Definitions(t *Template) []*SOP {
	out := make([]*SOP, 0, len(t.SOPs))
	for _, e := range t.SOPs {
		out = append(out, c.defs[e.ID])
	}
	return out
}

// Closure returns the SOPs given and, after them, every SOP they reference
// through related, directly or not, each once, in breadth-first order.
// Scaffolding the closure leaves no reference dangling.
func (c *Catalog) Closure(sops []*SOP) []*SOP {
	seen := map[string]bool{}
	var out []*SOP
	for _, s := range sops {
		if !seen[s.ID] {
			seen[s.ID] = true
			out = append(out, s)
		}
	}
	for i := 0; i < len(out); i++ {
		for _, id := range out[i].Related {
			if d, ok := c.defs[id]; ok && !seen[id] {
				seen[id] = true
				out = append(out, d)
			}
		}
	}
	return out
}
