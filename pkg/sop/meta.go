package sop

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Value is one scalar front-matter value and where it is.
type Value struct {
	Text string
	Pos  Pos // position of the value (of the key when the value is empty)
	Set  bool
}

// List is a front-matter list of scalars.
type List struct {
	Items []Value
	Pos   Pos // position of the key
	Set   bool
}

// Strings returns the items' texts.
func (l List) Strings() []string {
	out := make([]string, len(l.Items))
	for i, it := range l.Items {
		out[i] = it.Text
	}
	return out
}

// Meta is the typed view of an SOP's front matter (SPEC section 2).
type Meta struct {
	ID, Title, Version, Status, Owner, Approver, Effective, Reviewed Value
	// ReviewCycleDays, when set, replaces the config's review cycle for
	// this SOP (NextReview).
	ReviewCycleDays Value
	// Responsible are role titles, free text (SPEC section 8).
	Responsible                                      List
	Roles, Channels, Related, KPIs, Supersedes, Tags List
}

func (m *Meta) scalar(name string) *Value {
	if f, ok := FieldNamed(name); ok && f.scalar != nil {
		return f.scalar(m)
	}
	return nil
}

func (m *Meta) list(name string) *List {
	if f, ok := FieldNamed(name); ok && f.list != nil {
		return f.list(m)
	}
	return nil
}

// readMeta reads the typed fields from a checked front-matter mapping into
// m and lists the fields that are present but wrong. It fills the caller's
// Meta, which the field table's accessors point into, rather than one of
// its own that would then escape to the heap.
func readMeta(root *yaml.Node, m *Meta) []Problem {
	var probs []Problem
	bad := func(n *yaml.Node, format string, args ...any) {
		probs = append(probs, Problem{Rule: RuleInvalidField, Pos: nodePos(n), Msg: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		f, _ := FieldNamed(name)
		if f.scalar != nil {
			s := f.scalar(m)
			if v.Kind != yaml.ScalarNode {
				bad(v, "%s must be a single value, not a list or mapping", name)
				continue
			}
			*s = Value{Text: v.Value, Pos: nodePos(v), Set: v.Tag != "!!null" && strings.TrimSpace(v.Value) != ""}
			if !s.Set {
				s.Pos = nodePos(k)
				continue
			}
			checkScalar(f, v, bad)
			continue
		}
		if f.list != nil {
			l := f.list(m)
			*l = List{Pos: nodePos(k), Set: true}
			switch v.Kind {
			case yaml.ScalarNode:
				if v.Tag != "!!null" && v.Value != "" {
					bad(v, "%s must be a list, like %s: [%s]", name, name, v.Value)
				}
			case yaml.SequenceNode:
				if len(v.Content) > 0 {
					l.Items = make([]Value, 0, len(v.Content))
				}
				for _, it := range v.Content {
					if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
						bad(it, "each item of %s must be a single value", name)
						continue
					}
					// An empty item of free text says nothing; the writers
					// still see it, as they see every item written.
					if f.Refs == RefNone && strings.TrimSpace(it.Value) == "" {
						bad(it, "each item of %s must be non-empty text: remove the empty item", name)
					}
					l.Items = append(l.Items, Value{Text: it.Value, Pos: nodePos(it), Set: true})
				}
			default:
				bad(v, "%s must be a list, like %s: [a, b]", name, name)
			}
			continue
		}
		if strings.HasPrefix(name, UserFieldPrefix) {
			continue
		}
		msg := fmt.Sprintf("unknown field %q", name)
		if s := Meant(SuggestKey(name, fields)); s != "" {
			msg += ": " + s
		} else {
			msg += "; known fields are " + strings.Join(FieldNames(), ", ") + ", and " + UserFieldPrefix + "* for your own"
		}
		probs = append(probs, Problem{Rule: RuleUnknownField, Pos: nodePos(k), Msg: msg})
	}
	return probs
}

// checkScalar checks a non-empty single value against its field's kind.
func checkScalar(f Field, v *yaml.Node, bad func(*yaml.Node, string, ...any)) {
	switch f.Kind {
	case IDValue:
		switch {
		case len(v.Value) > MaxIDLength:
			bad(v, "%s is %d characters long, over the limit of %d: shorten it (and the file name with it)", f.Name, len(v.Value), MaxIDLength)
		case !ValidID(v.Value):
			bad(v, "%s %q is not valid: use %s", f.Name, v.Value, IDRule)
		}
	case VersionValue:
		if v.Tag != "!!str" {
			bad(v, "%s %s must be a quoted string: write %s: %q (unquoted, YAML reads it as a number and 1.10 becomes 1.1)", f.Name, v.Value, f.Name, v.Value)
		} else if !ValidVersion(v.Value) {
			bad(v, "%s %q must be one to three numbers joined by dots, like \"1.2\"", f.Name, v.Value)
		}
	case StatusValue:
		if !slices.Contains(Statuses(), v.Value) {
			bad(v, "%s %q is not one of %s", f.Name, v.Value, strings.Join(Statuses(), ", "))
		}
	case DateValue:
		if _, err := ParseDate(v.Value); err != nil {
			bad(v, "%s %q is %v", f.Name, v.Value, err)
		}
	case DaysValue:
		switch _, ok := cycleDays(v.Value); {
		case ok && v.Tag == "!!str":
			bad(v, "%s must be a number, not text: write %s: %s without quotes", f.Name, f.Name, v.Value)
		case !ok || v.Tag != "!!int":
			bad(v, "%s must be a whole number from 1 to %d, not %q", f.Name, MaxReviewCycleDays, v.Value)
		}
	}
}

// Has reports whether a field is present and not empty (a list with at
// least one item).
func (m *Meta) Has(field string) bool {
	if v := m.scalar(field); v != nil {
		return v.Set
	}
	if l := m.list(field); l != nil {
		return len(l.Items) > 0
	}
	return false
}

// Retired reports whether the SOP's status is retired: no longer in force,
// never due for review, and a reference to it is retired-ref.
func (m *Meta) Retired() bool { return m.Status.Text == StatusRetired }

// Draft says whether the SOP is a draft: the bundles mark it so that
// readers do not take it for a procedure in force.
func (m *Meta) Draft() bool { return m.Status.Text == StatusDraft }
