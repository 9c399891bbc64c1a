package fix

import (
	"path"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// keyAt returns the top-level front-matter key at pos, and its value.
func (c *Context) keyAt(pos sop.Pos) (k, v *yaml.Node) {
	if c.Doc.Front == nil {
		return nil, nil
	}
	cs := c.Doc.Front.Content
	for i := 0; i+1 < len(cs); i += 2 {
		if cs[i].Line == pos.Line && cs[i].Column == pos.Col {
			return cs[i], cs[i+1]
		}
	}
	return nil, nil
}

// valueOf returns the value node of a top-level key, and the key's index.
func (c *Context) valueOf(key string) (v *yaml.Node, i int) {
	if i = keyIndex(c.Doc.Front, key); i < 0 {
		return nil, -1
	}
	return c.Doc.Front.Content[i+1], i
}

// plainOneLine returns the byte span of a plain scalar written on one
// line, checking that the bytes there are its value.
func (c *Context) plainOneLine(n *yaml.Node) (from, to int, ok bool) {
	return scaffold.PlainSpan(c.Doc.Src, n)
}

// renameField fixes unknown-field when exactly one known field is within
// two edits of the key and neither present nor supplied by another
// rename: "ownr:" becomes "owner:".
func renameField(c *Context, f Finding) []Edit {
	k, v := c.keyAt(f.Pos)
	if k == nil || k.Value == "" {
		return nil
	}
	// Two edits of a one- or two-letter key could make any short field
	// ("to" is two edits from "id"): some letter must stay.
	var near []string
	for _, name := range sop.FieldNames() {
		if d := sop.EditDistance(k.Value, name); d <= 2 && d < len([]rune(k.Value)) {
			near = append(near, name)
		}
	}
	if len(near) != 1 {
		return nil
	}
	name := near[0]
	if v, _ := c.valueOf(name); v != nil || c.renamed[name] != "" {
		return nil
	}
	from, to, ok := c.plainOneLine(k)
	if !ok {
		return nil
	}
	c.renamed[name] = k.Value
	edits := []Edit{{From: from, To: to, Text: name}}
	// What the next run would fix about the field renamed into place is
	// fixed now: a version is quoted, the H1 takes a title.
	switch {
	case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
	case name == "version" && v.Tag != "!!str":
		if from, to, ok := c.plainOneLine(v); ok && sop.ValidVersion(v.Value) {
			edits = append(edits, Edit{From: from, To: to, Text: `"` + v.Value + `"`})
		}
	case name == "title":
		edits = append(edits, c.retitle(v.Value)...)
	}
	return edits
}

// quoteVersion fixes invalid-field for a version written unquoted:
// version: 1.10 becomes version: "1.10", from the file's bytes (YAML would
// read the number 1.1).
func quoteVersion(c *Context, f Finding) []Edit {
	v, _ := c.valueOf("version")
	if v == nil || v.Line != f.Pos.Line || v.Column != f.Pos.Col || v.Tag == "!!str" {
		return nil
	}
	from, to, ok := c.plainOneLine(v)
	if !ok || !sop.ValidVersion(v.Value) {
		return nil
	}
	return []Edit{{From: from, To: to, Text: `"` + v.Value + `"`}}
}

// addField fixes missing-field for a field that is absent (not one
// present and empty): it adds the key with what a new draft holds there
// (scaffold.BlankValue), after the field before it in the table's order
// that is present, else at the end of the front matter. A list or date
// field is left: an empty list does not satisfy the rule and today's date
// would say something.
func addField(c *Context, f Finding) []Edit {
	name := subject(f.Message, "required field ", " ", c.config().RequiredFields)
	def, ok := sop.FieldNamed(name)
	if !ok || c.renamed[name] != "" || c.Doc.Front == nil || c.Doc.Front.Style&yaml.FlowStyle != 0 {
		return nil
	}
	if v, _ := c.valueOf(name); v != nil {
		return nil
	}
	value, ok := c.blank(def)
	if !ok {
		return nil
	}
	at := c.insertLine(name)
	order := slices.Index(sop.FieldNames(), name)
	return []Edit{{From: at, To: at, Text: name + ": " + value + c.lines.EOL(), Order: order}}
}

// blank is the value addField writes, encoded.
func (c *Context) blank(def sop.Field) (string, bool) {
	if def.Shape != sop.ShapeText || def.Kind == sop.DateValue {
		return "", false
	}
	switch def.Name {
	case "id":
		// The id the file name asks for (id-mismatch), when it is one.
		stem := strings.TrimSuffix(path.Base(c.Doc.Path), ".md")
		if !sop.ValidID(stem) {
			return "", false
		}
		return stem, true
	case "title":
		// The title the H1 already says, so that they agree.
		if h := c.Doc.Markdown.H1; h != nil && strings.TrimSpace(h.Text) != "" {
			return scaffold.YAMLScalar(h.Text), true
		}
	}
	text, _ := scaffold.BlankValue(def, c.Today)
	if def.Kind == sop.VersionValue {
		return `"` + text + `"`, true
	}
	return scaffold.YAMLScalar(text), true
}

// insertLine is the offset at which a line for field name goes: after
// the entry of the nearest field before it in the table's order that the
// front matter has (the line of the next key), else before the closing
// fence.
func (c *Context) insertLine(name string) int {
	names := sop.FieldNames()
	cs := c.Doc.Front.Content
	for i := slices.Index(names, name) - 1; i >= 0; i-- {
		key := names[i]
		if old := c.renamed[key]; old != "" {
			key = old
		}
		if _, j := c.valueOf(key); j >= 0 {
			if j+2 < len(cs) && cs[j+2].Line > cs[j].Line {
				return c.lines.Start(cs[j+2].Line)
			}
			break
		}
	}
	return c.lines.Start(c.Doc.BodyLine - 1)
}

// subject finds which of names a message is about: the one that follows
// prefix, quoted or not, and ends at sep (or a quote).
func subject(msg, prefix, sep string, names []string) string {
	for _, n := range names {
		if strings.Contains(msg, prefix+n+sep) || strings.Contains(msg, prefix+`"`+n+`"`) {
			return n
		}
	}
	return ""
}
