package sop

import (
	"reflect"
	"testing"
)

// Every field of the table reads its own member of Meta, and only that.
func TestFieldValueAndList(t *testing.T) {
	var m Meta
	for i, f := range Fields() {
		if f.Shape == ShapeList {
			f.list(&m).Items = []Value{{Text: f.Name}}
		} else {
			*f.scalar(&m) = Value{Text: f.Name, Set: i%2 == 0}
		}
	}
	for i, f := range Fields() {
		if f.Shape == ShapeList {
			if got := f.List(&m); !reflect.DeepEqual(got.Strings(), []string{f.Name}) || f.Value(&m) != (Value{}) {
				t.Errorf("%s: List %v, Value %v", f.Name, got, f.Value(&m))
			}
			continue
		}
		if got := f.Value(&m); got != (Value{Text: f.Name, Set: i%2 == 0}) || f.List(&m).Items != nil {
			t.Errorf("%s: Value %v, List %v", f.Name, got, f.List(&m))
		}
	}
}
