// Package schema builds JSON Schemas (draft-07, the version editors' YAML
// language servers support) for the files people write by hand: SOP front
// matter, sopctl.yaml and role templates. Each schema checks what sopctl
// checks, so that an editor flags a mistake as it is typed and offers the
// keys, statuses and ids that sopctl would accept.
//
// A schema sees the document as an editor does, as JSON values, one file
// at a time. So it cannot check what sopctl checks on the YAML text
// (anchors, tags, duplicate keys, tabs), against the file name (id
// equals the file's stem) or across files (duplicate ids). It also refuses
// a few odd values sopctl lets through: an optional field given as a
// quoted blank string, and a sops_dir with a ".." step that stays inside
// the library.
//
// The functions are pure: the same input gives byte-identical output,
// indented by two spaces and ending in a newline.
package schema

import (
	"bytes"
	"encoding/json"
	"strconv"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Draft is the JSON Schema version of every schema here.
const Draft = "http://json-schema.org/draft-07/schema#"

// Kinds returns the schemas sopctl prints, by name, the first being the
// default.
func Kinds() []string { return []string{"front-matter", "config", "role"} }

// nonBlank is any text with a character that is not a space: sopctl
// treats blank text as absent.
const nonBlank = `\S`

// node is one schema. Fields are in the order they are written, so that
// title and description come first for a person reading the file; empty
// fields are left out.
type node struct {
	Schema               string   `json:"$schema,omitempty"`
	Ref                  string   `json:"$ref,omitempty"`
	Title                string   `json:"title,omitempty"`
	Description          string   `json:"description,omitempty"`
	Type                 any      `json:"type,omitempty"` // a type name or a list of them
	Enum                 []any    `json:"enum,omitempty"`
	Const                any      `json:"const,omitempty"`
	Pattern              string   `json:"pattern,omitempty"`
	Format               string   `json:"format,omitempty"`
	MaxLength            *int     `json:"maxLength,omitempty"`
	Minimum              *int     `json:"minimum,omitempty"`
	Maximum              *int     `json:"maximum,omitempty"`
	Default              any      `json:"default,omitempty"`
	Items                *node    `json:"items,omitempty"`
	MinItems             *int     `json:"minItems,omitempty"`
	MaxItems             *int     `json:"maxItems,omitempty"`
	Contains             *node    `json:"contains,omitempty"`
	Required             []string `json:"required,omitempty"`
	Properties           props    `json:"properties,omitempty"`
	PatternProperties    props    `json:"patternProperties,omitempty"`
	PropertyNames        *node    `json:"propertyNames,omitempty"`
	AdditionalProperties any      `json:"additionalProperties,omitempty"` // false or a *node
	OneOf                []*node  `json:"oneOf,omitempty"`
	Not                  *node    `json:"not,omitempty"`
	If                   *node    `json:"if,omitempty"`
	Then                 *node    `json:"then,omitempty"`
	Else                 *node    `json:"else,omitempty"`
	Definitions          props    `json:"definitions,omitempty"`
}

// prop is one named schema of properties, patternProperties or
// definitions.
type prop struct {
	name   string
	schema *node
}

// props keeps its entries in the order they were added, where a Go map
// would have them sorted.
type props []prop

func (p props) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range p {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(e.name)
		if err != nil {
			return nil, err
		}
		v, err := marshal(e.schema)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without escaping <, > and &, which descriptions
// may hold.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// encode writes a schema as indented JSON ending in a newline.
func encode(n *node) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(n); err != nil {
		// Every value is a string, an int, a bool or a node: encoding
		// cannot fail.
		panic("schema: " + err.Error())
	}
	return b.Bytes()
}

// Type names. Free text is any YAML scalar but null: sopctl reads
// title: 2026 as the text "2026", while a language server sees a number.
var (
	textTypes         = []string{"string", "number", "boolean"}
	optionalTextTypes = []string{"string", "number", "boolean", "null"}
)

// text is a free-text value that may be left empty.
func text(title, desc string) *node {
	return &node{Title: title, Description: desc, Type: optionalTextTypes}
}

// filledText is a free-text value that must not be empty or blank.
func filledText(title, desc string) *node {
	return &node{Title: title, Description: desc, Type: textTypes, Pattern: nonBlank}
}

// list is a YAML list (or null, for none) whose items match item.
func list(title, desc string, item *node) *node {
	return &node{Title: title, Description: desc, Type: []string{"array", "null"}, Items: item}
}

// mapping is a YAML mapping (or null, for none).
func mapping(title, desc string) *node {
	return &node{Title: title, Description: desc, Type: []string{"object", "null"}}
}

// idTypes are the types of an id: text, or a whole number, which sopctl
// reads as its digits (id: 101).
var idTypes = []string{"string", "integer"}

// idNode is an sopctl id: lower-case words joined by single hyphens.
func idNode(title, desc string) *node {
	return &node{Title: title, Description: desc, Type: idTypes, Pattern: sop.IDPattern, MaxLength: new(sop.MaxIDLength), Minimum: new(0)}
}

// enum turns values into enum values.
func enum(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// idEnum turns ids into enum values. An id that is a whole number is also
// listed as that number, which is what an editor sees in related: [101].
func idEnum(ids []string) []any {
	out := enum(ids)
	for _, id := range ids {
		if n, err := strconv.Atoi(id); err == nil && strconv.Itoa(n) == id {
			out = append(out, n)
		}
	}
	return out
}
