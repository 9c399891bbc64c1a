// Package lint checks a loaded library against the rules of SPEC section 5
// and returns findings: plain data with a rule id, a severity, a position
// and a message that says what to do. Printing them is pkg/lint/report's
// job; choosing the exit code is the CLI's.
//
// Each rule is one value, in its own file rule_<id>.go, listed in
// registry.go; everything that lists or describes rules reads the
// registry. A rule reads one SOP alone (check) or looks across SOPs
// (refCheck, libCheck): sopctl lint runs the first kind as each file is
// parsed (Local) and the second on the SOPs' Briefs (sop.Brief, named by
// their index in the library's order), so that its memory grows with the
// number of SOPs, not their size, and holds few pointers for the garbage
// collector to follow. Suppression comments in an SOP's body (suppress.go) drop the
// findings they silence before Run returns them. RetirementRefs answers
// sopctl retire with what retired-ref will report once an SOP is retired.
package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
)

// Severity of a finding. Off disables a rule.
type Severity int

const (
	Off Severity = iota
	Info
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// ParseSeverity reads a severity's name, one of library.Severities().
func ParseSeverity(s string) (Severity, error) {
	for _, v := range []Severity{Off, Info, Warning, Error} {
		if v.String() == s {
			return v, nil
		}
	}
	return Off, fmt.Errorf("severity %q is not one of %s", s, strings.Join(library.Severities(), ", "))
}

// Finding is one problem found in one place.
type Finding struct {
	Rule     string
	Severity Severity
	Path     string // slash-separated, as it should be shown
	Line     int    // 1-based
	Column   int    // 1-based, in Unicode code points
	Message  string
}

// Sort orders findings by path, line, column, then rule and message, so
// output is stable.
func Sort(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}
