package sop

import (
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// Parameters (SPEC section 8): a role template declares them, its SOP
// text cites them as {{id}}, and sopctl new replaces each citation with a
// value. These are the one form of a parameter id and of a citation that
// templates, scaffolding, sopctl.yaml and lint share.

// ParamPattern is the form of a parameter id. pkg/schema writes the same
// string into its JSON Schemas.
const ParamPattern = `^[a-z][a-z0-9_]*$`

// ParamRule describes a valid parameter id for messages.
const ParamRule = "a lower-case letter, then lower-case letters, digits and underscores, like follow_up_days"

var (
	paramPattern = regexp.MustCompile(ParamPattern)
	// citation is {{id}}, blanks allowed inside the braces.
	citation = regexp.MustCompile(`\{\{[ \t]*([a-z][a-z0-9_]*)[ \t]*\}\}`)
)

// ValidParamID reports whether id has the form of a parameter id, at most
// MaxIDLength characters.
func ValidParamID(id string) bool { return len(id) <= MaxIDLength && paramPattern.MatchString(id) }

// Citation is one {{id}} in a text: the id, and the byte offsets of the
// citation's first and past-last characters.
type Citation struct {
	ID         string
	Start, End int
}

// Citations returns every parameter citation in s, in order.
func Citations(s string) []Citation {
	if !strings.Contains(s, "{{") {
		return nil // the common case, without the regular expression
	}
	var out []Citation
	for _, m := range citation.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, Citation{ID: s[m[2]:m[3]], Start: m[0], End: m[1]})
	}
	return out
}

// Substitute returns s with each citation whose id value knows replaced
// by its value; a citation value does not know stays as it is.
func Substitute(s string, value func(id string) (string, bool)) string {
	cites := Citations(s)
	if len(cites) == 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for _, c := range cites {
		v, ok := value(c.ID)
		if !ok {
			continue
		}
		b.WriteString(s[last:c.Start])
		b.WriteString(v)
		last = c.End
	}
	b.WriteString(s[last:])
	return b.String()
}

// NodeCitations returns the parameter citations in the scalar values of a
// YAML node tree (mapping keys are names, not text), in file order, each
// at its value's position. A top-level key for which skip is true (nil:
// none) is passed over.
func NodeCitations(n *yaml.Node, skip func(key string) bool) []ParamCite {
	var out []ParamCite
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch n.Kind {
		case yaml.ScalarNode:
			for _, c := range Citations(n.Value) {
				out = append(out, ParamCite{ID: c.ID, Pos: nodePos(n)})
			}
		case yaml.SequenceNode:
			for _, it := range n.Content {
				walk(it)
			}
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				walk(n.Content[i+1])
			}
		}
	}
	if n.Kind != yaml.MappingNode || skip == nil {
		walk(n)
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !skip(n.Content[i].Value) {
			walk(n.Content[i+1])
		}
	}
	return out
}
