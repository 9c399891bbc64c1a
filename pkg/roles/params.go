package roles

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Param is a parameter a template declares: a value a team sets for
// itself (a time target, a threshold) that SOP text cites as {{id}}.
type Param struct {
	ID, Default, Description string
	Unit                     string // "" when not given
	Template                 *Template
	Pos                      sop.Pos // of the id
}

// Cite is one {{id}} in an SOP definition's text, at its value's
// position in the template.
type Cite = sop.ParamCite

// paramKeys are the keys of a parameter's mapping.
var paramKeys = []sop.Key{
	{Name: "default", Required: true, Title: "Default", Description: "The value sopctl new writes where the parameter is cited, unless --set or sopctl.yaml's params give another: plain text, like 5."},
	{Name: "description", Required: true, Title: "Description", Description: "What the parameter is, for sopctl templates show and the team that sets it."},
	{Name: "unit", Title: "Unit", Description: "What the value counts, like business days, minutes or %; shown beside it, not written into the SOP."},
}

// ParamKeys returns the keys of a parameter's mapping under params.
func ParamKeys() []sop.Key { return slices.Clone(paramKeys) }

// parseParams reads params: id: {default, description, unit}.
func parseParams(r *sop.NodeReader, n *yaml.Node, t *Template) []Param {
	var out []Param
	for _, kv := range r.Mapping(n, "params") {
		k, v := kv[0], kv[1]
		if !sop.ValidParamID(k.Value) {
			r.Fail(k, "params: %q is not a valid parameter id: use %s", k.Value, sop.ParamRule)
			continue
		}
		where := "params." + k.Value
		if v.Kind != yaml.MappingNode {
			r.Fail(v, `%s must be a mapping like {default: "5", description: What the value is, unit: business days}`, where)
			continue
		}
		p := Param{ID: k.Value, Template: t, Pos: sop.Pos{Line: k.Line, Col: k.Column}}
		seen := map[string]bool{}
		sop.ReadKeys(r, v, where, where, paramKeys, func(key sop.Key, _, val *yaml.Node) {
			seen[key.Name] = true
			if val.Kind != yaml.ScalarNode {
				r.Str(val, where+"."+key.Name) // reports the shape
				return
			}
			s := r.Str(val, where+"."+key.Name)
			switch {
			case key.Required && strings.TrimSpace(s) == "":
				r.Fail(val, "%s.%s must not be empty", where, key.Name)
			case key.Name == "default":
				p.Default = s
			case key.Name == "description":
				p.Description = s
			case key.Name == "unit":
				p.Unit = s
			}
		})
		for _, key := range paramKeys {
			if key.Required && !seen[key.Name] {
				r.Fail(v, "%s needs a %s: add %s: ...", where, key.Name, key.Name)
			}
		}
		out = append(out, p)
	}
	return out
}

// idKeys are the keys of an SOP entry whose values are ids, never text
// that cites a parameter.
var idKeys = []string{"id", "related", "kpis"}

// cites lists the parameter citations in the text values of an SOP
// entry's node, in file order, each at its value's position.
func cites(entry *yaml.Node) []Cite {
	return sop.NodeCitations(entry, func(key string) bool { return slices.Contains(idKeys, key) })
}

// CitedParams returns the ids of the parameters that SOP definitions
// cite, each once, in order of first citation.
func CitedParams(defs []*SOP) []string {
	var ids []string
	for _, d := range defs {
		for _, c := range d.Cites {
			if !slices.Contains(ids, c.ID) {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// CitesParam reports whether the SOP's text cites the parameter id.
func (d *SOP) CitesParam(id string) bool {
	return slices.ContainsFunc(d.Cites, func(c Cite) bool { return c.ID == id })
}

// indexParams adds the parameters t declares to the catalogue: the
// catalogue is one namespace, so a parameter declared in one template may
// be cited in any. A local template's declaration replaces a built-in
// one; two declarations from the same side must agree on the default.
func (c *Catalog) indexParams(t *Template, index map[string]int, fail func(*Template, sop.Pos, string, ...any)) {
	for _, p := range t.Params {
		i, ok := index[p.ID]
		switch {
		case !ok:
			index[p.ID] = len(c.params)
			c.params = append(c.params, p)
		case c.params[i].Template.Builtin != t.Builtin:
			c.params[i] = p // a library's own declaration wins
		case c.params[i].Default != p.Default:
			prev := c.params[i]
			fail(t, p.Pos, "parameter %q is already declared in %s:%d with the default %q: declare it once and cite it from any template", p.ID, prev.Template.Path, prev.Pos.Line, prev.Default)
		}
	}
}

// checkCites reports each citation of a parameter that no template
// declares, at the citing line of the definition in use.
func (c *Catalog) checkCites(fail func(*Template, sop.Pos, string, ...any)) {
	ids := make([]string, len(c.params))
	for i, p := range c.params {
		ids[i] = p.ID
	}
	for _, id := range c.defIDs() {
		d := c.defs[id]
		for _, cite := range d.Cites {
			if !slices.Contains(ids, cite.ID) {
				fail(d.Template, cite.Pos, "SOP %q cites the parameter {{%s}}, which no template declares: declare it under params: with a default and a description%s", d.ID, cite.ID, suggest(cite.ID, ids))
			}
		}
	}
}

// Params returns every parameter the templates declare, in declaration
// order (built-ins first).
func (c *Catalog) Params() []Param { return slices.Clone(c.params) }

// Param returns the declaration of a parameter id.
func (c *Catalog) Param(id string) (Param, bool) {
	i := slices.IndexFunc(c.params, func(p Param) bool { return p.ID == id })
	if i < 0 {
		return Param{}, false
	}
	return c.params[i], true
}

// UnusedParams returns the parameters that no SOP definition in use
// cites. Loading allows them (a library may declare a value before its
// SOPs cite it, or replace the only SOP that cited a built-in one); the
// built-in catalogue's test refuses them.
func (c *Catalog) UnusedParams() []Param {
	var defs []*SOP
	for _, id := range c.defIDs() {
		defs = append(defs, c.defs[id])
	}
	cited := CitedParams(defs)
	var out []Param
	for _, p := range c.params {
		if !slices.Contains(cited, p.ID) {
			out = append(out, p)
		}
	}
	return out
}
