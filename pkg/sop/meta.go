package sop

import (
	"fmt"
	"regexp"
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
	Roles, Channels, Related, KPIs, Supersedes, Tags                 List
}

// Statuses an SOP may have, in lifecycle order.
var Statuses = []string{"draft", "review", "approved", "retired"}

// Fields are the front-matter keys SPEC section 2 defines, in the order
// sopctl writes them. Keys starting with "x-" are the user's own.
var Fields = []string{
	"id", "title", "version", "status", "owner", "approver", "effective", "reviewed",
	"roles", "channels", "related", "kpis", "supersedes", "tags",
}

var (
	idPattern      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	versionPattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,2}$`)
)

// MaxIDLength is the longest id ValidID accepts: an id names files, and
// file names have limits.
const MaxIDLength = 200

// ValidID reports whether id has the form SPEC section 2 requires of SOP,
// role and template ids: lower-case words of letters and digits joined by
// single hyphens, at most MaxIDLength characters.
func ValidID(id string) bool { return len(id) <= MaxIDLength && idPattern.MatchString(id) }

// IDRule describes a valid id for messages.
const IDRule = "lower-case letters and digits in words joined by single hyphens, at most 200 characters, like complaint-resolution"

func (m *Meta) scalar(name string) *Value {
	switch name {
	case "id":
		return &m.ID
	case "title":
		return &m.Title
	case "version":
		return &m.Version
	case "status":
		return &m.Status
	case "owner":
		return &m.Owner
	case "approver":
		return &m.Approver
	case "effective":
		return &m.Effective
	case "reviewed":
		return &m.Reviewed
	}
	return nil
}

func (m *Meta) list(name string) *List {
	switch name {
	case "roles":
		return &m.Roles
	case "channels":
		return &m.Channels
	case "related":
		return &m.Related
	case "kpis":
		return &m.KPIs
	case "supersedes":
		return &m.Supersedes
	case "tags":
		return &m.Tags
	}
	return nil
}

// readMeta reads the typed fields from a checked front-matter mapping and
// lists the fields that are present but wrong.
func readMeta(root *yaml.Node) (Meta, []Problem) {
	var m Meta
	var probs []Problem
	bad := func(n *yaml.Node, format string, args ...any) {
		probs = append(probs, Problem{Rule: RuleInvalidField, Pos: nodePos(n), Msg: fmt.Sprintf(format, args...)})
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		if s := m.scalar(name); s != nil {
			if v.Kind != yaml.ScalarNode {
				bad(v, "%s must be a single value, not a list or mapping", name)
				continue
			}
			*s = Value{Text: v.Value, Pos: nodePos(v), Set: v.Tag != "!!null" && strings.TrimSpace(v.Value) != ""}
			if !s.Set {
				s.Pos = nodePos(k)
				continue
			}
			checkScalar(name, v, bad)
			continue
		}
		if l := m.list(name); l != nil {
			*l = List{Pos: nodePos(k), Set: true}
			switch v.Kind {
			case yaml.ScalarNode:
				if v.Tag != "!!null" && v.Value != "" {
					bad(v, "%s must be a list, like %s: [%s]", name, name, v.Value)
				}
			case yaml.SequenceNode:
				for _, it := range v.Content {
					if it.Kind != yaml.ScalarNode || it.Tag == "!!null" {
						bad(it, "each item of %s must be a single value", name)
						continue
					}
					l.Items = append(l.Items, Value{Text: it.Value, Pos: nodePos(it), Set: true})
				}
			default:
				bad(v, "%s must be a list, like %s: [a, b]", name, name)
			}
			continue
		}
		if strings.HasPrefix(name, "x-") {
			continue
		}
		msg := fmt.Sprintf("unknown field %q", name)
		if s := Closest(name, Fields); s != "" {
			msg += fmt.Sprintf(": did you mean %q?", s)
		} else {
			msg += "; known fields are " + strings.Join(Fields, ", ") + ", and x-* for your own"
		}
		probs = append(probs, Problem{Rule: RuleUnknownField, Pos: nodePos(k), Msg: msg})
	}
	return m, probs
}

func checkScalar(name string, v *yaml.Node, bad func(*yaml.Node, string, ...any)) {
	switch name {
	case "id":
		switch {
		case len(v.Value) > MaxIDLength:
			bad(v, "id is %d characters long, over the limit of %d: shorten it (and the file name with it)", len(v.Value), MaxIDLength)
		case !ValidID(v.Value):
			bad(v, "id %q is not valid: use %s", v.Value, IDRule)
		}
	case "version":
		if v.Tag != "!!str" {
			bad(v, "version %s must be a quoted string: write version: %q (unquoted, YAML reads it as a number and 1.10 becomes 1.1)", v.Value, v.Value)
		} else if !versionPattern.MatchString(v.Value) {
			bad(v, "version %q must be one to three numbers joined by dots, like \"1.2\"", v.Value)
		}
	case "status":
		if !contains(Statuses, v.Value) {
			bad(v, "status %q is not one of %s", v.Value, strings.Join(Statuses, ", "))
		}
	case "effective", "reviewed":
		if _, err := ParseDate(v.Value); err != nil {
			bad(v, "%s %q is %v", name, v.Value, err)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
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
