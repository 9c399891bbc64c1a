package sop

import (
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// Every member of Meta is one field of the table, reached by its accessor,
// and every field's shape matches its accessor: a member added to Meta
// without a row, or a row without a member, fails here.
func TestFieldTableCoversMeta(t *testing.T) {
	var m Meta
	seen := map[any]string{}
	for _, f := range Fields() {
		var p any
		switch {
		case (f.Shape == ShapeText || f.Shape == ShapeNumber) && f.scalar != nil && f.list == nil:
			p = f.scalar(&m)
		case f.Shape == ShapeList && f.list != nil && f.scalar == nil:
			p = f.list(&m)
		default:
			t.Fatalf("field %s: shape %s does not match its accessor", f.Name, f.Shape)
		}
		if other, dup := seen[p]; dup {
			t.Errorf("fields %s and %s read the same member of Meta", other, f.Name)
		}
		seen[p] = f.Name
		if f.Title == "" || f.Description == "" {
			t.Errorf("field %s has no title or description", f.Name)
		}
		if f.Shape == ShapeList && f.Kind != FreeText || f.Shape == ShapeText && f.Refs != RefNone {
			t.Errorf("field %s: a value kind is for single values, a reference for lists", f.Name)
		}
	}
	if n := reflect.TypeOf(m).NumField(); n != len(seen) {
		t.Errorf("Meta has %d members, the field table reads %d", n, len(seen))
	}
}

// IDRule says the limit ValidID applies.
func TestIDRuleNamesTheLimit(t *testing.T) {
	if !strings.Contains(IDRule, "at most "+strconv.Itoa(MaxIDLength)+" characters") {
		t.Errorf("IDRule %q does not name MaxIDLength %d", IDRule, MaxIDLength)
	}
}

// Fields and Statuses hand out copies: a caller that changes its slice
// changes nobody else's.
func TestFieldListsAreCopies(t *testing.T) {
	Fields()[0].Name = "changed"
	FieldNames()[0] = "changed"
	Statuses()[0] = "changed"
	if Fields()[0].Name != "id" || FieldNames()[0] != "id" || Statuses()[0] != StatusDraft {
		t.Errorf("a caller changed the shared lists: %v, %v", FieldNames(), Statuses())
	}
}
