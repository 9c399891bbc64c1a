package scaffold

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A person wrote these files; re-encoding a yaml.Node would lose their
// blank lines, comment alignment and quoting. So sopctl edits YAML by
// inserting text into the original bytes at a node's position, and keeps
// every other byte as it was.

// text indexes a file's lines the way the parsers count them: a UTF-8 BOM
// is skipped and CRLF, CR and LF each end a line.
type text struct {
	src   []byte
	start []int // byte offset of each line (index 0 is line 1)
	eol   string
}

func newText(src []byte) *text {
	t := &text{src: src, eol: "\n"}
	off := 0
	if bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) {
		off = 3
	}
	t.start = append(t.start, off)
	for i := off; i < len(src); i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				if len(t.start) == 1 {
					t.eol = "\r\n"
				}
				i++
			}
			t.start = append(t.start, i+1)
		case '\n':
			t.start = append(t.start, i+1)
		}
	}
	return t
}

// lineStart is the byte offset where a 1-based line starts; a line past the
// end is the end of the file.
func (t *text) lineStart(line int) int {
	if line-1 < len(t.start) {
		return t.start[line-1]
	}
	return len(t.src)
}

// lineEnd is the offset of the line break that ends a line (or the end of
// the file).
func (t *text) lineEnd(line int) int {
	end := len(t.src)
	if line < len(t.start) {
		end = t.start[line]
	}
	for end > t.lineStart(line) && (t.src[end-1] == '\n' || t.src[end-1] == '\r') {
		end--
	}
	return end
}

// offset converts a 1-based line and code-point column to a byte offset.
func (t *text) offset(line, col int) int {
	off, end := t.lineStart(line), t.lineEnd(line)
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(t.src[off:end])
		off += size
	}
	return off
}

func insert(src []byte, at int, s string) []byte {
	out := make([]byte, 0, len(src)+len(s))
	out = append(out, src[:at]...)
	out = append(out, s...)
	return append(out, src[at:]...)
}

func replace(src []byte, from, to int, s string) []byte {
	out := make([]byte, 0, len(src)+len(s))
	out = append(out, src[:from]...)
	out = append(out, s...)
	return append(out, src[to:]...)
}

// scalar encodes a string as a YAML scalar that reads back as that same
// string, quoted when it must be, for YAML 1.1 readers too. In flow context
// ([a, b], {a: b}) the flow indicators force quotes too.
func scalar(s string, flow bool) string {
	n := strNode(s, flow)
	out, err := yaml.Marshal(n)
	// One line and its line break, or it is a block scalar (which an
	// all-newline value makes even after trimming): quote it instead.
	if err != nil || bytes.Count(out, []byte("\n")) != 1 {
		n.Style = yaml.DoubleQuotedStyle
		out, _ = yaml.Marshal(n)
	}
	return strings.TrimRight(string(out), "\n")
}

// strNode is the node of a string value for the YAML encoder: quoted when
// a plain scalar could read as anything but that string, in flow context
// or to a YAML 1.1 reader. yaml.v3 quotes what YAML 1.2 would resolve to
// another type, but writes yes, off, y, 1:20 or 017 plain, which PyYAML,
// yaml.v2 and other YAML 1.1 readers load as booleans and numbers.
func strNode(s string, flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	// A line break is quoted as \n: yaml.v3 writes a value of line breaks
	// alone as a block scalar that reads back empty ("|4+").
	if (flow && !flowPlain(s)) || yaml11NonString(s) || strings.ContainsAny(s, "\r\n") {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

// flowPlain reports whether s may stand unquoted inside [a, b] or {a: b}:
// words of letters and digits, joined by blanks, - _ . or /. Anything
// else is quoted, which is always read right (yaml.v3 fails on some plain
// scalars that YAML allows in flow context, like 0?0).
func flowPlain(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune(" -_./", r)
	})
}

// yaml11NonString reports whether s, written plain, could be read by a
// YAML 1.1 reader as something other than a string. It errs on the side
// of quoting: a quoted string is always read right.
func yaml11NonString(s string) bool {
	switch strings.ToLower(s) {
	case "", "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "=", "<<":
		return true // booleans, null, the value key and the merge key
	}
	if yaml11Timestamp.MatchString(s) {
		return true
	}
	// Numbers in every 1.1 form (1_000, 0x1F, 0b101, 017, 1:20, .5, .inf,
	// 1e3, -.NaN) start with a digit or a dot after an optional sign and
	// hold no blank; so does any text like that, which is quoted too.
	t := strings.TrimLeft(s, "+-")
	if len(t) < len(s)-1 || t == "" || !(t[0] == '.' || t[0] >= '0' && t[0] <= '9') {
		return false
	}
	return !strings.ContainsFunc(t, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || strings.ContainsRune("_.:+-", r))
	})
}

// yaml11Timestamp matches the start of a YAML 1.1 date or timestamp, whose
// time may follow after blanks ("2001-12-14 21:59:43.10 -5").
var yaml11Timestamp = regexp.MustCompile(`^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \t]|$)`)

// find returns the key and value nodes of key in a mapping.
func find(m *yaml.Node, key string) (k, v *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i], m.Content[i+1]
		}
	}
	return nil, nil
}

// appendToList adds item to the list under key in mapping m of the file
// src. When the key is absent, a line "key: [item]" is inserted at the
// start of line beforeLine (for front matter, the closing fence).
func appendToList(src []byte, m *yaml.Node, key, item string, beforeLine int) ([]byte, error) {
	t := newText(src)
	k, v := find(m, key)
	switch {
	case k == nil:
		return insert(src, t.lineStart(beforeLine), key+": ["+scalar(item, true)+"]"+t.eol), nil
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		return setNull(t, k, v, " ["+scalar(item, true)+"]")
	case v.Kind == yaml.SequenceNode && v.Style&yaml.FlowStyle != 0:
		return appendFlow(t, v, scalar(item, true), ']')
	case v.Kind == yaml.SequenceNode:
		last := v.Content[len(v.Content)-1]
		indent, ok := dashIndent(t, last)
		if !ok {
			return nil, fmt.Errorf("line %d: unusual list layout", last.Line)
		}
		return insert(src, t.lineStart(afterNode(t, last, indent)), strings.Repeat(" ", indent)+"- "+scalar(item, false)+t.eol), nil
	}
	return nil, fmt.Errorf("%s is not a list", key)
}

// appendToMapping adds key: value entries to the mapping under key in
// mapping m. When key is absent, it is added at the end of the file.
func appendToMapping(src []byte, m *yaml.Node, key string, entries []mapEntry) ([]byte, error) {
	t := newText(src)
	k, v := find(m, key)
	block := func(indent string) string {
		var b strings.Builder
		for _, e := range entries {
			b.WriteString(indent + scalar(e.key, false) + ": " + e.render(false) + t.eol)
		}
		return b.String()
	}
	switch {
	case k == nil:
		prefix := ""
		if len(src) > 0 && src[len(src)-1] != '\n' && src[len(src)-1] != '\r' {
			prefix = t.eol
		}
		return append(append([]byte{}, src...), prefix+key+":"+t.eol+block("  ")...), nil
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null":
		out, err := setNull(t, k, v, "")
		if err != nil {
			return nil, err
		}
		t2 := newText(out)
		return insert(out, t2.lineStart(k.Line+1), block(strings.Repeat(" ", k.Column-1+2))), nil
	case v.Kind == yaml.MappingNode && v.Style&yaml.FlowStyle != 0:
		parts := make([]string, len(entries))
		for i, e := range entries {
			parts[i] = scalar(e.key, true) + ": " + e.render(true)
		}
		return appendFlow(t, v, strings.Join(parts, ", "), '}')
	case v.Kind == yaml.MappingNode:
		firstKey := v.Content[0]
		lastVal := v.Content[len(v.Content)-1]
		return insert(src, t.lineStart(afterNode(t, lastVal, firstKey.Column-1)), block(strings.Repeat(" ", firstKey.Column-1))), nil
	}
	return nil, fmt.Errorf("%s is not a mapping", key)
}

// mapEntry is one entry appendToMapping adds: key: value, or, when fields
// are given, key: {name: value, ...} in flow style, which reads the same in
// a block or a flow mapping.
type mapEntry struct {
	key, value string
	fields     [][2]string
}

func (e mapEntry) render(flow bool) string {
	if len(e.fields) == 0 {
		return scalar(e.value, flow)
	}
	parts := make([]string, len(e.fields))
	for i, f := range e.fields {
		parts[i] = f[0] + ": " + scalar(f[1], true)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// setNull replaces an empty value (nothing, null or ~ after "key:") with s,
// keeping a trailing comment.
func setNull(t *text, k, v *yaml.Node, s string) ([]byte, error) {
	colon := t.offset(k.Line, k.Column)
	end := t.lineEnd(k.Line)
	i := bytes.IndexByte(t.src[colon:end], ':')
	if i < 0 {
		return nil, fmt.Errorf("line %d: cannot find the colon after %s", k.Line, k.Value)
	}
	from := colon + i + 1
	rest := t.src[from:end]
	trimmed := bytes.TrimLeft(rest, " ")
	to := from
	if v.Line == k.Line && len(trimmed) > 0 && trimmed[0] != '#' {
		to = from + (len(rest) - len(trimmed)) + len(v.Value)
		if len(v.Value) == 0 { // a null written as nothing but spaces
			to = from
		}
	}
	return replace(t.src, from, to, s), nil
}

// appendFlow inserts item before the closing bracket of a flow collection
// that starts at n, after the last item (with a comma when there is one).
func appendFlow(t *text, n *yaml.Node, item string, closer byte) ([]byte, error) {
	open := t.offset(n.Line, n.Column)
	depth, last := 0, open
	for i := open; i < len(t.src); i++ {
		c := t.src[i]
		switch {
		case c == '"' || c == '\'':
			i = skipQuoted(t.src, i)
			last = i
		case c == '#' && i > 0 && (t.src[i-1] == ' ' || t.src[i-1] == '\t'):
			for i < len(t.src) && t.src[i] != '\n' && t.src[i] != '\r' {
				i++
			}
		case c == '[' || c == '{':
			depth++
			if i != open {
				last = i
			}
		case c == ']' || c == '}':
			depth--
			if depth == 0 {
				if c != closer {
					return nil, fmt.Errorf("line %d: unbalanced flow collection", n.Line)
				}
				sep := ", "
				switch {
				case last == open:
					sep = ""
				case t.src[last] == ',':
					sep = " "
				}
				return insert(t.src, last+1, sep+item), nil
			}
			last = i
		case c != ' ' && c != '\t' && c != '\n' && c != '\r':
			last = i
		}
	}
	return nil, fmt.Errorf("line %d: the flow collection is never closed", n.Line)
}

// skipQuoted returns the offset of the quote that closes the quoted scalar
// opening at i.
func skipQuoted(src []byte, i int) int {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch {
		case q == '"' && src[j] == '\\':
			j++
		case src[j] == q && q == '\'' && j+1 < len(src) && src[j+1] == '\'':
			j++
		case src[j] == q:
			return j
		}
	}
	return len(src) - 1
}

// dashIndent finds the "-" that introduces a block sequence item and
// returns its indentation. Only blanks may stand between the dash and the
// item (a value may start on the line after its dash).
func dashIndent(t *text, item *yaml.Node) (int, bool) {
	i := t.offset(item.Line, item.Column)
	for i > 0 {
		i--
		switch t.src[i] {
		case ' ', '\t', '\n', '\r':
			continue
		case '-':
			start := bytes.LastIndexAny(t.src[:i], "\r\n") + 1
			return utf8.RuneCount(t.src[start:i]), true
		}
		return 0, false
	}
	return 0, false
}

// afterNode returns the first line after a scalar node n, skipping the
// continuation lines of a multi-line value (more indented than indent).
func afterNode(t *text, n *yaml.Node, indent int) int {
	line := n.Line + 1
	for ; line <= len(t.start); line++ {
		s := t.src[t.lineStart(line):t.lineEnd(line)]
		trimmed := bytes.TrimLeft(s, " ")
		if len(trimmed) == 0 || len(s)-len(trimmed) <= indent {
			break
		}
	}
	return line
}

// valueSpan returns the byte span of key k's value v, which must stand
// on k's line: a plain or quoted scalar on one line, or nothing (then the
// span is empty, right after the colon, and pad is the blank to write
// before a value there). Writing a value over the span changes nothing
// else in the file.
func valueSpan(t *text, k, v *yaml.Node) (from, to int, pad string, err error) {
	fail := fmt.Errorf("line %d: %s holds a value sopctl cannot replace in place (not one value on the key's line); edit it by hand", k.Line, k.Value)
	if v.Kind != yaml.ScalarNode || v.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		return 0, 0, "", fail
	}
	_, keyEnd, ok := plainSpan(t, k)
	if !ok {
		return 0, 0, "", fail
	}
	end := t.lineEnd(k.Line)
	colon := bytes.IndexByte(t.src[keyEnd:end], ':')
	if colon < 0 {
		return 0, 0, "", fail
	}
	after := keyEnd + colon + 1
	if v.Tag == "!!null" && v.Value == "" {
		return after, after, " ", nil
	}
	if v.Line != k.Line {
		return 0, 0, "", fail
	}
	if from, to, ok := plainSpan(t, v); ok {
		return from, to, "", nil
	}
	from = t.offset(v.Line, v.Column)
	if from >= end || (t.src[from] != '"' && t.src[from] != '\'') {
		return 0, 0, "", fail
	}
	if j := skipQuoted(t.src[:end], from); j > from && t.src[j] == t.src[from] {
		return from, j + 1, "", nil
	}
	return 0, 0, "", fail
}

// plainSpan returns the byte span of a plain scalar written on one line,
// checking that the bytes there are its value.
func plainSpan(t *text, n *yaml.Node) (from, to int, ok bool) {
	if n.Style != 0 || n.Kind != yaml.ScalarNode {
		return 0, 0, false
	}
	from = t.offset(n.Line, n.Column)
	to = from + len(n.Value)
	if to > t.lineEnd(n.Line) || !bytes.Equal(t.src[from:to], []byte(n.Value)) {
		return 0, 0, false
	}
	return from, to, true
}

// emptyFlowToNull turns "key: {}" (an empty flow mapping on the key's
// line, as sopctl init writes it) into "key:", so that entries added to
// it are written one per line. Any other layout comes back unchanged.
func emptyFlowToNull(src []byte, m *yaml.Node, key string) []byte {
	k, v := find(m, key)
	if k == nil || v.Kind != yaml.MappingNode || v.Style&yaml.FlowStyle == 0 || len(v.Content) > 0 || v.Line != k.Line {
		return src
	}
	t := newText(src)
	at, end := t.offset(v.Line, v.Column), t.lineEnd(v.Line)
	if !bytes.HasPrefix(src[at:end], []byte("{}")) {
		return src
	}
	if len(bytes.TrimSpace(src[at+2:end])) == 0 {
		// Nothing follows: take the blanks before it too, leaving "key:".
		from := at
		for from > 0 && src[from-1] == ' ' {
			from--
		}
		return replace(src, from, end, "")
	}
	return replace(src, at, at+2, "  ") // the comment keeps its column
}
