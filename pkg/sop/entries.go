package sop

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Entry is one id: name pair of a mapping such as the kpis of sopctl.yaml
// or of a role template. A KPI may also carry a definition and a target.
type Entry struct {
	ID, Name string
	// Definition says what a KPI measures and how; Target is the value
	// aimed at, kept as written (">= 75%"). Both "" when not given.
	Definition, Target string
	Pos                Pos // of the id
}

// Entries reads a mapping of ids to names, like kpis: {CSAT: Customer
// Satisfaction Score}: every id must be non-empty (and, with validIDs, an
// id ValidID accepts), every name non-empty text. It reads sopctl.yaml's
// roles; KPIEntries reads KPI maps.
func (r *NodeReader) Entries(n *yaml.Node, key string, validIDs bool) []Entry {
	var out []Entry
	for _, kv := range r.Mapping(n, key) {
		k, v := kv[0], kv[1]
		r.entryID(k, key, validIDs)
		if v.Kind != yaml.ScalarNode || IsNull(v) || strings.TrimSpace(v.Value) == "" {
			r.Fail(v, "%s: %s needs a name, like %s: Its Full Name", key, k.Value, k.Value)
		}
		out = append(out, Entry{ID: k.Value, Name: v.Value, Pos: nodePos(k)})
	}
	return out
}

func (r *NodeReader) entryID(k *yaml.Node, key string, validIDs bool) {
	switch {
	case strings.TrimSpace(k.Value) == "":
		r.Fail(k, "%s: an id must not be empty", key)
	case validIDs && !ValidID(k.Value):
		r.Fail(k, "%s: %q is not a valid id: use %s", key, k.Value, IDRule)
	}
}

// kpiKeys are the keys of a KPI given as a mapping.
var kpiKeys = []Key{
	{Name: "name", Required: true, Title: "Name", Description: "The KPI's full name, like Customer Satisfaction Score."},
	{Name: "definition", Title: "Definition", Description: "What the KPI measures and how it is worked out."},
	{Name: "target", Title: "Target", Description: `The value the team aims for, as written, like ">= 85%".`},
}

// KPIKeys returns the keys of a KPI given as a mapping, for the schemas
// and the README.
func KPIKeys() []Key { return slices.Clone(kpiKeys) }

// KPIEntries reads a mapping of KPI ids, each to its name (CSAT: Customer
// Satisfaction Score) or to a mapping of KPIKeys (CSAT: {name: ...,
// definition: ..., target: ...}; name required). It is the one reader of
// KPI maps, sopctl.yaml's and templates' alike.
func (r *NodeReader) KPIEntries(n *yaml.Node, key string) []Entry {
	var out []Entry
	for _, kv := range r.Mapping(n, key) {
		k, v := kv[0], kv[1]
		r.entryID(k, key, false)
		e := Entry{ID: k.Value, Pos: nodePos(k)}
		if v.Kind == yaml.MappingNode {
			r.kpiMapping(v, key+"."+k.Value, &e)
		} else if v.Kind != yaml.ScalarNode || IsNull(v) || strings.TrimSpace(v.Value) == "" {
			r.Fail(v, "%s: %s needs a name, like %s: Its Full Name, or a mapping like %s: {name: Its Full Name, definition: ..., target: ...}", key, k.Value, k.Value, k.Value)
		} else {
			e.Name = v.Value
		}
		out = append(out, e)
	}
	return out
}

// kpiMapping reads the mapping form of a KPI into e; where names it
// (kpis.CSAT).
func (r *NodeReader) kpiMapping(v *yaml.Node, where string, e *Entry) {
	ReadKeys(r, v, where, where, kpiKeys, func(key Key, _, val *yaml.Node) {
		if val.Kind != yaml.ScalarNode || IsNull(val) || strings.TrimSpace(val.Value) == "" {
			r.Fail(val, "%s.%s must be text, not empty, a list or a mapping", where, key.Name)
			return
		}
		switch key.Name {
		case "name":
			e.Name = val.Value
		case "definition":
			e.Definition = val.Value
		case "target":
			e.Target = val.Value
		}
	})
	if !hasKey(v, "name") {
		r.Fail(v, "%s needs a name: add name: Its Full Name", where)
	}
}

func hasKey(m *yaml.Node, name string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return true
		}
	}
	return false
}
