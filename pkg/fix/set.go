package fix

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

// Set is one top-level front-matter key and the value to give it, as the
// field should read (not yet encoded).
type Set struct{ Key, Value string }

// SetFields returns the SOP's bytes with each key set to its value: a
// present key's value is replaced where it stands (a comment after it
// kept), a missing key is inserted on a line of its own after status, in
// the field table's order. Every other byte stays as it was, BOM and CRLF
// included. Values are written as SPEC section 8 says: dates and statuses
// plain, versions double-quoted, free text through the YAML encoder. The
// result is parsed again: anything but the keys set reading differently is
// an error, and nothing is returned.
func SetFields(doc *sop.Doc, sets []Set) ([]byte, error) {
	c := newEditContext(doc)
	if err := c.editable(); err != nil {
		return nil, err
	}
	var edits []Edit
	at := c.lines.Start(c.afterStatusLine())
	for _, s := range sets {
		def, ok := sop.FieldNamed(s.Key)
		if !ok || def.Shape != sop.ShapeText {
			return nil, fmt.Errorf("%s is not a single-value field", s.Key)
		}
		text := encodeValue(def, s.Value)
		v, i := c.valueOf(s.Key)
		if v == nil {
			order := slices.Index(sop.FieldNames(), s.Key)
			edits = append(edits, Edit{From: at, To: at, Text: s.Key + ": " + text + c.lines.EOL(), Order: order})
			continue
		}
		e, err := c.replaceValue(c.Doc.Front.Content[i], v, text)
		if err != nil {
			return nil, err
		}
		edits = append(edits, e)
	}
	out := Apply(doc.Src, edits)
	want := map[string][]string{}
	for _, s := range sets {
		want[s.Key] = []string{s.Value}
	}
	if err := verifyEdit(doc, out, want); err != nil {
		return nil, err
	}
	return out, nil
}

// AddToList returns the SOP's bytes with item added to the list under key:
// an existing list keeps its style, block or flow; a missing key is
// written in flow style ("supersedes: [old-id]") after status. An item
// already listed is not added again: the bytes come back unchanged.
func AddToList(doc *sop.Doc, key, item string) ([]byte, error) {
	def, ok := sop.FieldNamed(key)
	if !ok || def.Shape != sop.ShapeList {
		return nil, fmt.Errorf("%s is not a list field", key)
	}
	c := newEditContext(doc)
	if err := c.editable(); err != nil {
		return nil, err
	}
	have := def.List(&doc.Meta).Strings()
	if slices.Contains(have, item) {
		return doc.Src, nil
	}
	out, err := scaffold.AppendToList(doc.Src, doc.Front, key, item, c.afterStatusLine())
	if err == nil {
		err = verifyEdit(doc, out, map[string][]string{key: append(have, item)})
	}
	if err != nil {
		return nil, fmt.Errorf("line %d: cannot add %s to %s (%v): add it by hand", c.keyLine(key), item, key, err)
	}
	return out, nil
}

func newEditContext(doc *sop.Doc) *Context {
	return &Context{Doc: doc, lines: scaffold.NewLines(doc.Src), renamed: map[string]string{}}
}

// editable refuses front matter that is not a block mapping: there is no
// line of its own to put a key on.
func (c *Context) editable() error {
	if c.Doc.Front == nil || c.Doc.Front.Kind != yaml.MappingNode || c.Doc.Front.Style&yaml.FlowStyle != 0 {
		return errors.New("the front matter is not a block of key: value lines; edit it by hand")
	}
	return nil
}

// keyLine is the line of a top-level key, else the front matter's first
// line.
func (c *Context) keyLine(key string) int {
	if _, i := c.valueOf(key); i >= 0 {
		return c.Doc.Front.Content[i].Line
	}
	return max(c.Doc.Front.Line, 1)
}

// afterStatusLine is the line before which a missing key goes: the one
// after status when status is a value on one line, else the closing fence.
func (c *Context) afterStatusLine() int {
	if v, i := c.valueOf("status"); v != nil && v.Kind == yaml.ScalarNode && c.Doc.Front.Content[i].Line == v.Line && !multiLine(v) {
		return v.Line + 1
	}
	return c.Doc.BodyLine - 1
}

// multiLine reports whether a scalar is written over more than one line
// (a block scalar, or a quoted or plain one that wraps).
func multiLine(v *yaml.Node) bool {
	return v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0
}

// encodeValue writes a value as its field's kind asks.
func encodeValue(def sop.Field, s string) string {
	switch def.Kind {
	case sop.VersionValue:
		return `"` + s + `"`
	case sop.DateValue, sop.StatusValue, sop.IDValue:
		return s
	}
	return scaffold.YAMLScalar(s)
}

// replaceValue is the edit that writes text in place of key k's value v,
// which must stand on k's line: a plain or quoted scalar on one line, or
// nothing (an empty value gets the text after the colon).
func (c *Context) replaceValue(k, v *yaml.Node, text string) (Edit, error) {
	from, to, pad, err := scaffold.ValueSpan(c.Doc.Src, k, v)
	if err != nil {
		return Edit{}, err
	}
	return Edit{From: from, To: to, Text: pad + text}, nil
}

// verifyEdit parses the edited file and checks that each key of want
// reads as want says (a single value, or a list's items) and that every
// other key and the body read as before.
func verifyEdit(before *sop.Doc, out []byte, want map[string][]string) error {
	after, err := sop.Parse(before.Path, out)
	if err != nil {
		return fmt.Errorf("the edit would not parse (%v), so it was not made: edit the file by hand", err)
	}
	for key, w := range want {
		def, _ := sop.FieldNamed(key)
		var got []string
		if def.Shape == sop.ShapeList {
			got = def.List(&after.Meta).Strings()
		} else if _, v := keyValue(after.Front, key); v != nil && v.Kind == yaml.ScalarNode {
			got = []string{v.Value}
		}
		if !slices.Equal(got, w) {
			return fmt.Errorf("%s would read %q, not %q, so the edit was not made: edit the file by hand", key, got, w)
		}
	}
	if !bytes.Equal(before.Body, after.Body) || !sameOtherKeys(before.Front, after.Front, want) {
		return errors.New("the edit would have changed other fields, so it was not made: edit the file by hand")
	}
	return nil
}

// sameOtherKeys reports whether two mappings hold the same keys with the
// same values, but for the keys of skip. Comments do not count: a line
// inserted between a comment and its key may move it from one node to
// another.
func sameOtherKeys(a, b *yaml.Node, skip map[string][]string) bool {
	keys := func(m *yaml.Node) []string {
		var out []string
		for i := 0; i+1 < len(m.Content); i += 2 {
			if _, ok := skip[m.Content[i].Value]; !ok {
				out = append(out, m.Content[i].Value)
			}
		}
		return out
	}
	if !slices.Equal(keys(a), keys(b)) {
		return false
	}
	for _, k := range keys(a) {
		_, va := keyValue(a, k)
		_, vb := keyValue(b, k)
		if !sameNode(va, vb) {
			return false
		}
	}
	return true
}

// sameNode reports whether two nodes hold the same data.
func sameNode(a, b *yaml.Node) bool {
	if a.Kind != b.Kind || a.Tag != b.Tag || a.Value != b.Value || len(a.Content) != len(b.Content) {
		return false
	}
	for i := range a.Content {
		if !sameNode(a.Content[i], b.Content[i]) {
			return false
		}
	}
	return true
}

// keyValue returns the key and value nodes of key in mapping m.
func keyValue(m *yaml.Node, key string) (k, v *yaml.Node) {
	if i := keyIndex(m, key); i >= 0 {
		return m.Content[i], m.Content[i+1]
	}
	return nil, nil
}

// keyIndex is the index in m.Content of key's node in mapping m, or -1.
func keyIndex(m *yaml.Node, key string) int {
	for i := 0; m != nil && i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}
