package sop

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// NodeReader reads typed values out of a plain-data YAML node tree (one
// that ParseYAML accepted) and collects a positioned error for every value
// of the wrong shape, so a user sees all of a file's mistakes at once.
type NodeReader struct {
	Path string
	Rule string // rule id the errors carry
	Errs []*Error
}

// Fail records an error at node n.
func (r *NodeReader) Fail(n *yaml.Node, format string, args ...any) {
	r.Errs = append(r.Errs, &Error{Path: r.Path, Pos: nodePos(n), Rule: r.Rule, Msg: fmt.Sprintf(format, args...)})
}

// Err returns the collected errors as one error, or nil.
func (r *NodeReader) Err() error {
	if len(r.Errs) == 0 {
		return nil
	}
	errs := make([]error, len(r.Errs))
	for i, e := range r.Errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// IsNull reports whether n is an empty value (key: or key: null).
func IsNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// Str reads a text value; null reads as "".
func (r *NodeReader) Str(n *yaml.Node, key string) string {
	if IsNull(n) {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Fail(n, "%s must be text, not a list or mapping", key)
		return ""
	}
	return n.Value
}

// Strings reads a list of non-empty text values; null reads as empty.
func (r *NodeReader) Strings(n *yaml.Node, key string) []string {
	nodes := r.StringNodes(n, key)
	out := make([]string, len(nodes))
	for i, it := range nodes {
		out[i] = it.Value
	}
	return out
}

// StringNodes is Strings returning the item nodes, for positions.
func (r *NodeReader) StringNodes(n *yaml.Node, key string) []*yaml.Node {
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Fail(n, "%s must be a list, like %s: [a, b]", key, key)
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, it := range n.Content {
		if it.Kind != yaml.ScalarNode || IsNull(it) || strings.TrimSpace(it.Value) == "" {
			r.Fail(it, "each item of %s must be a single, non-empty value", key)
			continue
		}
		out = append(out, it)
	}
	return out
}

// Positive reads a whole number from 1 to limit.
func (r *NodeReader) Positive(n *yaml.Node, key string, limit int) int {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || v <= 0 || v > limit {
		r.Fail(n, "%s must be a whole number from 1 to %d, not %q", key, limit, n.Value)
		return 0
	}
	return v
}

// Bool reads true or false.
func (r *NodeReader) Bool(n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		r.Fail(n, "%s must be true or false", key)
		return false
	}
	return n.Value == "true"
}

// Mapping returns the key and value nodes of a mapping in order; null reads
// as empty.
func (r *NodeReader) Mapping(n *yaml.Node, key string) [][2]*yaml.Node {
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		r.Fail(n, "%s must be a mapping of key: value", key)
		return nil
	}
	out := make([][2]*yaml.Node, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// Unknown records an unknown key, suggesting the known one it most
// likely means (SuggestName).
func (r *NodeReader) Unknown(k *yaml.Node, where string, known []string) {
	r.unknown(k, where, known, SuggestName(k.Value, known))
}

// unknown records an unknown key with suggestion, a known key or "".
func (r *NodeReader) unknown(k *yaml.Node, where string, known []string, suggestion string) {
	msg := fmt.Sprintf("unknown key %q in %s", k.Value, where)
	if s := Meant(suggestion); s != "" {
		msg += ": " + s
	} else {
		msg += "; known keys are " + strings.Join(known, ", ")
	}
	r.Fail(k, "%s", msg)
}
