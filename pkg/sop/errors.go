package sop

import "fmt"

// Rule ids of the two problems that stop a file from being parsed at all.
// They are also lint rule ids (SPEC section 5) and cannot be turned off.
const (
	RuleInvalidFile = "invalid-file"
	RuleYAMLSyntax  = "yaml-syntax"
)

// Pos is a 1-based position in a file; Col counts Unicode code points.
type Pos struct {
	Line, Col int
}

// Error is a file that cannot be parsed: it names the file, the position
// and what to do about it.
type Error struct {
	Path string
	Pos  Pos
	Rule string // RuleInvalidFile or RuleYAMLSyntax
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Problem is something wrong with one front-matter field of a file that
// otherwise parses: a wrong type, an unknown key. Lint reports them.
type Problem struct {
	Rule string // "invalid-field" or "unknown-field"
	Pos  Pos
	Msg  string
}

// Rule ids of field problems.
const (
	RuleInvalidField = "invalid-field"
	RuleUnknownField = "unknown-field"
)
