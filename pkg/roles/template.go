// Package roles reads role templates (SPEC section 3): the built-in ones
// embedded in sopctl and a library's own templates/*.yaml, which add
// templates or replace built-ins by id. Together they form a Catalog in
// which every SOP is defined once, every reference resolves, and every
// parameter that SOP text cites as {{id}} is declared, once for the whole
// catalogue. A command that needs only the roles' ids and titles (lint)
// reads them with LoadKnown, from the built-in templates' headers alone.
package roles

import (
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Template is one role template file.
type Template struct {
	ID, Title, Department, Description string
	// Role is false for a catalogue: SOPs that belong to no role.
	Role bool
	KPIs []KPI
	// Params are the parameters the template declares, in file order.
	Params []Param
	SOPs   []Entry
	// Path names the file: templates/<name>.yaml, and Builtin says whether
	// it ships inside sopctl or comes from the library.
	Path    string
	Builtin bool
}

// Source says where a template comes from, for listings.
func (t *Template) Source() string {
	if t.Builtin {
		return "built-in"
	}
	return "local"
}

// KPI is a metric a template defines: id and name, and optionally its
// definition and target (as sopctl.yaml's kpis have them).
type KPI struct{ ID, Name, Definition, Target string }

// Entry is one item of a template's sops list: a full definition, or an id
// alone (Def is nil) naming an SOP defined in another template.
type Entry struct {
	ID  string
	Def *SOP
	Pos sop.Pos
}

// SOP is the full definition of an SOP in a template.
type SOP struct {
	ID, Title, Owner, Purpose, Scope string
	Responsible                      []string // role titles
	Responsibilities                 []Responsibility
	Sections                         []Section
	EndSections                      []Section // after the Procedure and Checklist
	Steps, Checklist                 []string
	Related, KPIs, Channels, Tags    []string
	Template                         *Template // where it is defined
	Pos                              sop.Pos
	// Cites are the parameter citations in the definition's text.
	Cites      []Cite
	relatedPos []sop.Pos
}

// Responsibility is one line of an SOP's Responsibilities section.
type Responsibility struct{ Role, Duty string }

// Section is an extra section of an SOP, placed before its Procedure (or,
// in EndSections, after its Checklist).
type Section struct{ Heading, Body string }

// decodeTemplate reads a template's keys into a Template, telling seen
// (when not nil) each key's value node: ParseTemplate's and readHeader's
// one way of reading a template, so that they cannot read it apart.
func decodeTemplate(name string, src []byte, builtin bool, seen func(key string, v *yaml.Node)) (*Template, *sop.NodeReader, *yaml.Node, error) {
	root, err := sop.ParseYAML(name, src)
	if err != nil {
		return nil, nil, nil, err
	}
	t := &Template{Role: true, Path: name, Builtin: builtin}
	r := &sop.NodeReader{Path: name, Rule: "template"}
	sop.ReadKeys(r, root, name, "a role template", templateKeys, func(key key[*Template], _, v *yaml.Node) {
		if seen != nil {
			seen(key.Name, v)
		}
		key.read(t, r, key.Name, v)
	})
	return t, r, root, nil
}

// ParseTemplate parses one template file. name is its path for messages
// (templates/<id>.yaml); the template's id must equal the file's stem.
func ParseTemplate(name string, src []byte, builtin bool) (*Template, error) {
	var idNode, sopsNode *yaml.Node
	t, r, root, err := decodeTemplate(name, src, builtin, func(key string, v *yaml.Node) {
		switch key {
		case "id":
			idNode = v
		case "sops":
			sopsNode = v
		}
	})
	if err != nil {
		return nil, err
	}
	stem := strings.TrimSuffix(path.Base(name), path.Ext(name))
	switch {
	case idNode == nil:
		r.Fail(root, "a template needs an id: add id: %s", stem)
	case !sop.ValidID(t.ID):
		r.Fail(idNode, "template id %q is not valid: use %s", t.ID, sop.IDRule)
	case t.ID != stem:
		r.Fail(idNode, "template id %q differs from the file name %s: rename one to match the other", t.ID, path.Base(name))
	}
	if strings.TrimSpace(t.Title) == "" {
		r.Fail(root, "template %s needs a title", stem)
	}
	// A sops: list whose entries are all wrong has been reported entry by
	// entry; saying it lists nothing would only add noise.
	if t.Role && (sopsNode == nil || sop.IsNull(sopsNode) || sopsNode.Kind == yaml.SequenceNode && len(sopsNode.Content) == 0) {
		r.Fail(root, "role template %s lists no SOPs: add a sops: list", stem)
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

func parseEntries(r *sop.NodeReader, n *yaml.Node, t *Template) []Entry {
	if sop.IsNull(n) {
		return nil // like no sops: at all
	}
	if n.Kind != yaml.SequenceNode {
		r.Fail(n, "sops must be a list of SOP entries, each starting with - id:")
		return nil
	}
	seen := map[string]int{}
	var out []Entry
	for _, item := range n.Content {
		e, ok := parseEntry(r, item, t)
		if !ok {
			continue
		}
		if first, dup := seen[e.ID]; dup {
			r.Fail(item, "SOP %q is listed twice in this template (first at line %d): remove one", e.ID, first)
			continue
		}
		seen[e.ID] = e.Pos.Line
		out = append(out, e)
	}
	return out
}

func parseEntry(r *sop.NodeReader, n *yaml.Node, t *Template) (Entry, bool) {
	pos := sop.Pos{Line: n.Line, Col: n.Column}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, "each SOP entry must be a mapping starting with id:")
		return Entry{}, false
	}
	d := &SOP{Template: t, Pos: pos}
	var idNode *yaml.Node
	sop.ReadKeys(r, n, "an SOP entry", "an SOP entry", entryKeys, func(key key[*SOP], _, v *yaml.Node) {
		if key.Name == "id" {
			idNode = v
		}
		key.read(d, r, key.Name, v)
	})
	if idNode == nil {
		r.Fail(n, "an SOP entry needs an id")
		return Entry{}, false
	}
	if !sop.ValidID(d.ID) {
		r.Fail(idNode, "SOP id %q is not valid: use %s", d.ID, sop.IDRule)
		return Entry{}, false
	}
	if len(n.Content) == 2 {
		return Entry{ID: d.ID, Pos: pos}, true // by id alone
	}
	d.Cites = cites(n)
	if strings.TrimSpace(d.Title) == "" || strings.TrimSpace(d.Owner) == "" || len(d.Steps) == 0 {
		r.Fail(n, "SOP %q: a full definition needs title, owner and at least one step; to use an SOP defined in another template, give its id alone", d.ID)
		return Entry{}, false
	}
	return Entry{ID: d.ID, Def: d, Pos: pos}, true
}

// parsePairs reads a list of two-key mappings such as {role, duty}.
func parsePairs[T any](r *sop.NodeReader, n *yaml.Node, key string, keys []sop.Key, mk func(a, b string) T) []T {
	names := sop.KeyNames(keys)
	if sop.IsNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Fail(n, "%s must be a list of {%s, %s} entries", key, names[0], names[1])
		return nil
	}
	var out []T
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			r.Fail(item, "each entry of %s must be a mapping like {%s: ..., %s: ...}", key, names[0], names[1])
			continue
		}
		vals := map[string]string{}
		for _, kv := range r.Mapping(item, key) {
			if kv[0].Value != names[0] && kv[0].Value != names[1] {
				r.Unknown(kv[0], key, names)
				continue
			}
			vals[kv[0].Value] = r.Str(kv[1], kv[0].Value)
		}
		if strings.TrimSpace(vals[names[0]]) == "" || strings.TrimSpace(vals[names[1]]) == "" {
			r.Fail(item, "each entry of %s needs %s and %s", key, names[0], names[1])
			continue
		}
		out = append(out, mk(vals[names[0]], vals[names[1]]))
	}
	return out
}
