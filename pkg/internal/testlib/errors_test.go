package testlib

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

func TestLeafErrors(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	wrapped := fmt.Errorf("w: %w", a)
	for _, tt := range []struct {
		name string
		err  error
		want []error
	}{
		{"one error", a, []error{a}},
		{"a wrapped error is a leaf", wrapped, []error{wrapped}},
		{"joined", errors.Join(a, b), []error{a, b}},
		{"nested joins, in order", errors.Join(a, errors.Join(b, errors.Join(c)), wrapped), []error{a, b, c, wrapped}},
	} {
		if got := LeafErrors(tt.err); !slices.Equal(got, tt.want) {
			t.Errorf("%s: LeafErrors = %v, want %v", tt.name, got, tt.want)
		}
	}
}
