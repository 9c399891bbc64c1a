// Package sop parses one SOP file: UTF-8 Markdown with YAML front matter
// between two "---" lines (SPEC section 2).
//
// The front matter is kept as a yaml.Node tree so every field keeps its line
// and column, and it is checked to be plain data before anything reads it:
// anchors, aliases, merge keys, tags, duplicate or non-scalar keys, tab
// indentation and a second document are errors at their position. The body
// is kept as Markdown with the line it starts on. A Doc's Summary keeps
// what a reader of many SOPs needs (fields, headings, links) without the
// text; its Brief, what lint's rules across SOPs need, in memory that
// holds no pointers; Compact, its fields and Markdown with all their
// texts in one string (render), which AppendCompact encodes and
// ReadCompact decodes, without reflection, for render's cache.
//
// The package owns the format's definitions that others read: the table of
// front-matter fields (Fields), the forms of ids, versions and dates and the
// statuses, how a body's Markdown reads (ParseMarkdown; ParseTree gives
// a file's Doc with its body's syntax tree, for a writer that converts it
// as it loads), the Key,
// ReadKeys and NodeReader with which library and roles read sopctl.yaml and
// templates by the same kind of table (KPIEntries the one reader of KPI
// maps), the review cycle (Meta.NextReview: the SOP's review_cycle_days,
// else the config's), the "did you mean" suggestions (DidYouMean;
// SuggestKey for unknown keys, with the keys' aliases), and the
// lifecycle's computations (NextVersion, SamePerson) that sopctl approve
// and lint share, and the form of template parameters: their ids and
// {{id}} citations (ValidParamID, Citations, Substitute, NodeCitations,
// Body.Params) that templates, scaffolding, sopctl.yaml and lint read alike.
package sop

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"
)

// Doc is a parsed SOP file.
type Doc struct {
	// Path is the file's path as the caller named it (slash-separated).
	Path string
	// Src is the file exactly as read, BOM and CRLF included, so that edits
	// can keep every byte they do not mean to change.
	Src []byte
	// Front is the front matter's top-level mapping node. Its lines and
	// columns are positions in the file.
	Front *yaml.Node
	// Body is the Markdown after the closing "---", with LF line breaks.
	Body []byte
	// BodyLine is the file line on which Body starts.
	BodyLine int
	// Meta is the typed view of the front matter.
	Meta Meta
	// Problems are the front-matter fields that are present but wrong.
	Problems []Problem
	// Markdown is what the body holds: headings, sections, links.
	Markdown Body
}

// Parse parses an SOP file. An error is always an *Error naming path.
func Parse(path string, src []byte) (*Doc, error) {
	doc, _, err := ParseTree(path, src)
	return doc, err
}

// ParseTree is Parse that also returns the body's goldmark syntax tree
// (of Doc.Body, as ParseMarkdown reads it), for a writer that converts
// the body while the file is loaded rather than parsing it again; nil
// with an error.
func ParseTree(path string, src []byte) (doc *Doc, tree ast.Node, err error) {
	// yaml.v3 has panicked on crafted input before; whatever the input, a
	// user sees a message, never a stack trace. The fuzz target calls parse
	// directly so that such panics still surface there.
	defer func() {
		if r := recover(); r != nil {
			doc, tree, err = nil, nil, &Error{Path: path, Pos: Pos{1, 1}, Rule: RuleYAMLSyntax,
				Msg: fmt.Sprintf("the front matter could not be read (%v): simplify it to plain key: value fields", r)}
		}
	}()
	return parseTree(path, src)
}

func parseTree(path string, src []byte) (*Doc, ast.Node, error) {
	text := normalize(src)
	fail := func(rule string, pos Pos, format string, args ...any) (*Doc, ast.Node, error) {
		return nil, nil, &Error{Path: path, Pos: pos, Rule: rule, Msg: fmt.Sprintf(format, args...)}
	}
	if pos, msg, ok := checkText(text); !ok {
		return fail(RuleInvalidFile, pos, "%s", msg)
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return fail(RuleInvalidFile, Pos{1, 1}, "the file is empty: an SOP starts with front matter between two --- lines (sopctl new ID --title T writes one)")
	}
	first, front, body, bodyLine, closed := splitFile(text)
	if !isFence(first) {
		return fail(RuleInvalidFile, Pos{1, 1}, "no front matter: the first line of an SOP must be --- followed by its fields and a closing ---")
	}
	if !closed {
		return fail(RuleInvalidFile, Pos{1, 1}, "the front matter opened here is never closed: add a line --- after the last field")
	}
	root, err := decodePlain(front, 1, "the front matter")
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.Path = path
			return nil, nil, e
		}
		return nil, nil, err
	}
	if e := CheckBody(body, bodyLine); e != nil {
		e.Path = path
		return nil, nil, e
	}
	doc := &Doc{Path: path, Src: src, Front: root, Body: body, BodyLine: bodyLine}
	doc.Problems = readMeta(root, &doc.Meta)
	var tree ast.Node
	doc.Markdown, tree = parseBodyTree(body, bodyLine)
	return doc, tree, nil
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// splitFile splits a normalized file into its first line (the opening
// fence, when it is an SOP), its front matter, up to the first later line
// that is "---", and its body, which starts on file line bodyLine. Every
// reader of an SOP's body splits it here, so that they agree.
func splitFile(text []byte) (first, front, body []byte, bodyLine int, closed bool) {
	first, rest, _ := bytes.Cut(text, []byte("\n"))
	front, body, bodyLine, closed = splitFront(rest)
	return first, front, body, bodyLine, closed
}

// splitFront splits what follows the opening fence into front matter and
// body. bodyLine is the file line where the body starts.
func splitFront(rest []byte) (front, body []byte, bodyLine int, closed bool) {
	line := 2 // the opening fence is line 1
	for off := 0; off <= len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		var cur []byte
		next := len(rest) + 1
		if end < 0 {
			cur = rest[off:]
		} else {
			cur = rest[off : off+end]
			next = off + end + 1
		}
		if isFence(cur) {
			if next > len(rest) {
				next = len(rest)
			}
			return rest[:off], rest[next:], line + 1, true
		}
		off = next
	}
	return nil, nil, 0, false
}

// ParseYAML parses a whole YAML file that must be one plain-data mapping
// (sopctl.yaml, a role template) with the same checks as SOP front matter.
// An error is always an *Error naming path.
func ParseYAML(path string, src []byte) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, &Error{Path: path, Pos: Pos{1, 1}, Rule: RuleYAMLSyntax,
				Msg: fmt.Sprintf("the file could not be read as YAML (%v): simplify it to plain key: value fields", r)}
		}
	}()
	text := normalize(src)
	if pos, msg, ok := checkText(text); !ok {
		return nil, &Error{Path: path, Pos: pos, Rule: RuleInvalidFile, Msg: msg}
	}
	root, err = decodePlain(text, 0, "the file")
	if e, ok := err.(*Error); ok {
		e.Path = path
		if e.Msg == emptyFront {
			e.Msg = "the file is empty: it must be a mapping of key: value fields"
		}
	}
	return root, err
}

// findTabIndent reports a tab in the leading whitespace of a line. yaml.v3
// rejects some of these with a vague message and accepts others, so sopctl
// checks them itself. offset is the file line before text's first line.
// Only spaces come before the tab, so its column is its byte offset in
// the line; the text is read in place, once (splitting it into lines and
// runes was a tenth of parsing a front matter).
func findTabIndent(text []byte, offset int) (Pos, bool) {
	line, col, indent := 1, 1, true
	for _, c := range text {
		switch {
		case c == '\n':
			line, col, indent = line+1, 1, true
			continue
		case !indent:
		case c == '\t':
			return Pos{offset + line, col}, false
		case c != ' ':
			indent = false
		}
		col++
	}
	return Pos{}, true
}

const emptyFront = "the front matter is empty: add at least id and title fields"

// decodePlain parses YAML text into a node tree and checks that it is one
// plain-data mapping. offset is the number of file lines before text; the
// text is prefixed with as many newlines so that yaml.v3's line numbers are
// the file's.
func decodePlain(text []byte, offset int, what string) (*yaml.Node, error) {
	if pos, ok := findTabIndent(text, offset); !ok {
		return nil, &Error{Pos: pos, Rule: RuleYAMLSyntax, Msg: "tab in indentation: YAML indents with spaces only; replace the tab with spaces"}
	}
	dec := yaml.NewDecoder(io.MultiReader(strings.NewReader(strings.Repeat("\n", offset)), bytes.NewReader(text)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, &Error{Pos: Pos{1, 1}, Rule: RuleYAMLSyntax, Msg: emptyFront}
		}
		return nil, yamlError(err, text, offset, what)
	}
	var second yaml.Node
	if err := dec.Decode(&second); err != io.EOF {
		pos := Pos{1, 1}
		if err != nil {
			return nil, yamlError(err, text, offset, what)
		}
		if second.Line > 0 {
			pos = Pos{second.Line, second.Column}
		}
		return nil, &Error{Pos: pos, Rule: RuleYAMLSyntax, Msg: "a second YAML document: only one block of fields is allowed; remove the document marker and merge the fields"}
	}
	if len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		n := &doc
		if len(doc.Content) == 1 {
			n = doc.Content[0]
		}
		return nil, &Error{Pos: nodePos(n), Rule: RuleYAMLSyntax, Msg: what + " must be a mapping of key: value fields"}
	}
	if err := checkPlain(doc.Content[0]); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserProblems are yaml.v3's parser (not scanner) messages. For these,
// yaml.v3 v3.0.1 prints the 0-based line of the construct being parsed.
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

var unknownAnchor = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)

// yamlError turns a yaml.v3 syntax error into an *Error. yaml.v3 gives the
// position only inside its message text, so this is the one place that reads
// it from there. An alias to an undefined anchor comes without a line; it is
// found in the text.
func yamlError(err error, text []byte, offset int, what string) *Error {
	msg := err.Error()
	pos := Pos{1, 1}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		if i := bytes.Index(text, []byte("*"+m[1])); i >= 0 {
			line := bytes.Count(text[:i], []byte("\n"))
			col := utf8.RuneCount(text[bytes.LastIndexByte(text[:i], '\n')+1:i]) + 1
			pos = Pos{offset + line + 1, col}
		}
		return &Error{Pos: pos, Rule: RuleYAMLSyntax, Msg: fmt.Sprintf("alias *%s is not allowed (sopctl reads plain data only), and no anchor &%s exists: write the value out", m[1], m[1])}
	}
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		if n, convErr := strconv.Atoi(m[1]); convErr == nil && n > 0 {
			if parserProblems[m[2]] {
				n++
			}
			pos = Pos{n, 1}
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if at, q, ok := unclosedQuote(text, offset); ok {
		return &Error{Pos: at, Rule: RuleYAMLSyntax, Msg: unclosedQuoteMsg(what, q)}
	}
	return &Error{Pos: pos, Rule: RuleYAMLSyntax, Msg: what + " is not valid YAML: " + msg + "; check indentation and quote values that contain ': ' or start with a special character"}
}

func nodePos(n *yaml.Node) Pos {
	if n.Line < 1 {
		return Pos{1, 1}
	}
	return Pos{n.Line, max(n.Column, 1)}
}

// checkPlain rejects everything in the node tree that is not plain data.
func checkPlain(n *yaml.Node) error {
	fail := func(at *yaml.Node, format string, args ...any) error {
		return &Error{Pos: nodePos(at), Rule: RuleYAMLSyntax, Msg: fmt.Sprintf(format, args...)}
	}
	if n.Kind == yaml.AliasNode {
		return fail(n, "alias *%s is not allowed (sopctl reads plain data only): write the value out", n.Value)
	}
	if n.Anchor != "" {
		return fail(n, "anchor &%s is not allowed (sopctl reads plain data only): remove it", n.Anchor)
	}
	if n.Style&yaml.TaggedStyle != 0 {
		return fail(n, "tag %s is not allowed (sopctl reads plain data only): remove it", n.Tag)
	}
	if n.Kind == yaml.MappingNode {
		seen := make(map[string]int, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode {
				return fail(k, "a key must be a plain name, not a list or mapping")
			}
			if k.Tag == "!!merge" {
				return fail(k, "merge key << is not allowed (sopctl reads plain data only): write the fields out")
			}
			if first, dup := seen[k.Value]; dup {
				return fail(k, "duplicate key %q (first at line %d): keep one of them", k.Value, first)
			}
			seen[k.Value] = k.Line
		}
	}
	for _, c := range n.Content {
		if err := checkPlain(c); err != nil {
			return err
		}
	}
	return nil
}
