package lint

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sopctl/sopctl/pkg/sop"
)

// The suppression comments of SPEC section 8, written in the body as
// <!-- DIRECTIVE RULE[,RULE] [-- why] -->.
const (
	directiveNextLine = "sopctl-disable-next-line"
	directiveDisable  = "sopctl-disable"
	directiveEnable   = "sopctl-enable"
	directiveFile     = "sopctl-disable-file"
)

var directives = []string{directiveNextLine, directiveDisable, directiveEnable, directiveFile}

// suppression silences one rule on the lines from..to of one SOP file.
type suppression struct {
	rule      string
	directive string
	at        sop.Pos // of the comment
	from, to  int
	used      bool
}

func (s *suppression) covers(f Finding) bool {
	return f.Rule == s.rule && s.from <= f.Line && f.Line <= s.to
}

// suppressions reads the SOP's suppression comments, reporting those that
// are wrong (invalid-suppression, and an enable that closes nothing:
// unused-suppression). The most specific comes first: next-line, then
// ranges, the innermost first, then the whole file; a finding is
// silenced by the first that covers it.
func (c *docCheck) suppressions() []*suppression {
	var lines, ranges, file []*suppression
	open := map[string][]*suppression{} // ranges not yet enabled again, by rule
	for cm := range c.b.Comments() {
		directive, rules, ok := c.directive(cm)
		if !ok {
			continue
		}
		for _, rule := range rules {
			s := &suppression{rule: rule, directive: directive, at: cm.Pos}
			switch directive {
			case directiveNextLine:
				if cm.NextLine > 0 {
					s.from, s.to = cm.NextLine, cm.NextLine
				}
				lines = append(lines, s)
			case directiveDisable:
				s.from, s.to = cm.Pos.Line, math.MaxInt
				open[rule] = append(open[rule], s)
				ranges = append(ranges, s)
			case directiveEnable:
				if len(open[rule]) == 0 {
					c.report(RuleUnusedSuppression, cm.Pos, "%s %s closes no %s %s above it: remove it", directive, rule, directiveDisable, rule)
				}
				for _, o := range open[rule] {
					o.to = cm.Pos.Line
				}
				open[rule] = nil
			case directiveFile:
				s.from, s.to = 1, math.MaxInt
				file = append(file, s)
			}
		}
	}
	slices.Reverse(ranges)
	return slices.Concat(lines, ranges, file)
}

// directive reads a comment: its directive and the rule ids it names that
// can be suppressed; ok is false for a comment that is no suppression
// comment. A name sopctl does not know, or that names no rule or a rule
// that cannot be suppressed, is reported (invalid-suppression).
func (c *docCheck) directive(cm sop.Comment) (directive string, rules []string, ok bool) {
	text, _, _ := strings.Cut(cm.Text, "--") // what follows -- says why
	fields := strings.FieldsFunc(text, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	if len(fields) == 0 || !strings.HasPrefix(fields[0], "sopctl-") {
		return "", nil, false
	}
	directive = fields[0]
	if !slices.Contains(directives, directive) {
		if q := sop.DidYouMean(directive, directives); q != "" {
			c.report(RuleInvalidSuppression, cm.Pos, "%s is no suppression comment: %s", directive, q)
		}
		return "", nil, false
	}
	if len(fields) == 1 {
		c.report(RuleInvalidSuppression, cm.Pos, "%s names no rule: write the rule ids after it, as in <!-- %s broken-link -->", directive, directive)
	}
	for _, id := range fields[1:] {
		r, known := Rule(id)
		switch {
		case !known:
			c.report(RuleInvalidSuppression, cm.Pos, "%s names unknown rule %s%s", directive, strconv.Quote(id), suggest(id, RuleIDs(), "sopctl lint --list-rules lists them"))
		case slices.Contains(rules, id):
			// Named twice: once is enough.
		case r.Fixed:
			c.report(RuleInvalidSuppression, cm.Pos, "%s cannot be suppressed: a file sopctl cannot read is always reported; remove %s from the comment", id, id)
		default:
			rules = append(rules, id)
		}
	}
	return directive, rules, true
}

// suppress drops the SOP's findings that its suppression comments
// silence, then reports each suppression that silenced nothing
// (unused-suppression) unless its rule is off. Findings about suppression
// comments can be silenced too, but a suppression of them is never
// reported unused.
func (c *docCheck) suppress() {
	if !c.b.HasComments() {
		return
	}
	kept := c.out
	c.out = nil
	sups := c.suppressions()
	kept = silence(kept, sups)
	for _, s := range sups {
		if !s.used && c.opts.Severities[s.rule] != Off && s.rule != RuleUnusedSuppression && s.rule != RuleInvalidSuppression {
			c.report(RuleUnusedSuppression, s.at, "%s %s silenced nothing%s: remove it, or %s from it", s.directive, s.rule, where(s), s.rule)
		}
	}
	c.out = append(kept, silence(c.out, sups)...)
}

// silence returns the findings no suppression covers, marking the ones
// that cover a finding used. The suppressions are looked up by line and
// rule, so that a file of many comments and findings stays linear.
func silence(fs []Finding, sups []*suppression) []Finding {
	type key struct {
		rule string
		line int
	}
	nextLine := map[key][]*suppression{}
	spans := map[string][]*suppression{} // ranges and files, in order
	for _, s := range sups {
		if s.directive == directiveNextLine {
			nextLine[key{s.rule, s.from}] = append(nextLine[key{s.rule, s.from}], s)
		} else {
			spans[s.rule] = append(spans[s.rule], s)
		}
	}
	return slices.DeleteFunc(fs, func(f Finding) bool {
		return firstCovering(nextLine[key{f.Rule, f.Line}], f) || firstCovering(spans[f.Rule], f)
	})
}

// firstCovering marks the first of sups that covers f used, and reports
// whether there was one.
func firstCovering(sups []*suppression, f Finding) bool {
	for _, s := range sups {
		if s.covers(f) {
			s.used = true
			return true
		}
	}
	return false
}

// where says which lines an unused suppression covered.
func where(s *suppression) string {
	switch {
	case s.directive == directiveNextLine && s.from == 0:
		return " (no line follows it)"
	case s.directive == directiveNextLine:
		return fmt.Sprintf(" on line %d", s.from)
	case s.directive == directiveDisable && s.to != math.MaxInt:
		return fmt.Sprintf(" on lines %d-%d", s.from, s.to)
	case s.directive == directiveDisable:
		return fmt.Sprintf(" from line %d to the end of the file", s.from)
	}
	return " in this file"
}

// Suppression says how to silence one of the rule's findings in an SOP's
// body, for --explain.
func (r RuleInfo) Suppression() string {
	if r.Fixed {
		return "It cannot be suppressed: fix the file."
	}
	return fmt.Sprintf("To accept a finding in the body, put <!-- %[1]s %[4]s --> on the line above it, "+
		"or <!-- %[2]s %[4]s --> ... <!-- %[5]s %[4]s --> around lines; <!-- %[3]s %[4]s --> accepts it in the whole file, "+
		"the only way for a finding in the front matter or at line 1.",
		directiveNextLine, directiveDisable, directiveFile, r.ID, directiveEnable)
}
