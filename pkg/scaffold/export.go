package scaffold

import (
	"gopkg.in/yaml.v3"

	"github.com/sopctl/sopctl/pkg/sop"
)

// What pkg/fix (sopctl lint --fix) shares with scaffolding: it edits SOPs
// in their own bytes as scaffold does, and writes what scaffold would.

// Lines indexes a file's lines as the parsers count them (a BOM skipped;
// CRLF, CR and LF each end a line).
type Lines struct{ t *text }

// NewLines indexes src.
func NewLines(src []byte) Lines { return Lines{newText(src)} }

// Start is the byte offset where a 1-based line starts (past the last
// line: the end of the file).
func (l Lines) Start(line int) int { return l.t.lineStart(line) }

// End is the offset of the line break that ends a line.
func (l Lines) End(line int) int { return l.t.lineEnd(line) }

// Offset converts a 1-based line and code-point column to a byte offset.
func (l Lines) Offset(line, col int) int { return l.t.offset(line, col) }

// EOL is the file's line break: that of its first line, else LF.
func (l Lines) EOL() string { return l.t.eol }

// Count is the number of lines.
func (l Lines) Count() int { return len(l.t.start) }

// YAMLScalar encodes s as a YAML value in block context that reads back
// as exactly s, to YAML 1.1 readers too.
func YAMLScalar(s string) string { return scalar(s, false) }

// EscapeInline makes text read literally as Markdown inline content.
func EscapeInline(s string) string { return escapeInline(s) }

// BlankValue is what a new draft holds in a field the caller gives no
// value for (see Blank): text for a single value, nil list otherwise.
func BlankValue(def sop.Field, today string) (text string, list []string) {
	f := blankValue(def, today)
	return f.str, f.list
}

// AppendToList adds item to the list under key in mapping m of the file
// src, keeping the list's style (a new key is "key: [item]", inserted at
// the start of line beforeLine).
func AppendToList(src []byte, m *yaml.Node, key, item string, beforeLine int) ([]byte, error) {
	return appendToList(src, m, key, item, beforeLine)
}

// SkipQuoted returns the offset of the quote that closes the quoted
// scalar opening at i (single or double), or the last offset of src when
// none does.
func SkipQuoted(src []byte, i int) int { return skipQuoted(src, i) }

// ValueSpan returns the byte span in src of key k's value v, a scalar on
// k's line, that a new value may be written over; for an empty value the
// span is empty and pad is the blank to write first.
func ValueSpan(src []byte, k, v *yaml.Node) (from, to int, pad string, err error) {
	return valueSpan(newText(src), k, v)
}

// PlainSpan returns the byte span in src of a plain scalar written on one
// line, checking that the bytes there are its value.
func PlainSpan(src []byte, n *yaml.Node) (from, to int, ok bool) {
	return plainSpan(newText(src), n)
}
