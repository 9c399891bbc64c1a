package sop

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Entry is one id: name pair of a mapping such as the kpis of sopctl.yaml
// or of a role template.
type Entry struct {
	ID, Name string
	Pos      Pos // of the id
}

// Entries reads a mapping of ids to names, like kpis: {CSAT: Customer
// Satisfaction Score}: every id must be non-empty (and, with validIDs, an
// id ValidID accepts), every name non-empty text. It is the one reader of
// KPI maps, sopctl.yaml's and templates' alike, and of sopctl.yaml's roles.
func (r *NodeReader) Entries(n *yaml.Node, key string, validIDs bool) []Entry {
	var out []Entry
	for _, kv := range r.Mapping(n, key) {
		k, v := kv[0], kv[1]
		switch {
		case strings.TrimSpace(k.Value) == "":
			r.Fail(k, "%s: an id must not be empty", key)
		case validIDs && !ValidID(k.Value):
			r.Fail(k, "%s: %q is not a valid id: use %s", key, k.Value, IDRule)
		}
		if v.Kind != yaml.ScalarNode || IsNull(v) || strings.TrimSpace(v.Value) == "" {
			r.Fail(v, "%s: %s needs a name, like %s: Its Full Name", key, k.Value, k.Value)
		}
		out = append(out, Entry{ID: k.Value, Name: v.Value, Pos: nodePos(k)})
	}
	return out
}
