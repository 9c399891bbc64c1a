package textwrap

import "testing"

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		s     string
		width int
		want  string
	}{
		{"", 10, ""},
		{"one two three", 80, "one two three"},
		{"one two three", 7, "one two\nthree"},
		{"  one\ntwo  ", 80, "one two"},
		{"a verylongword b", 4, "a\nverylongword\nb"},
	} {
		if got := Wrap(tc.s, tc.width); got != tc.want {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
	}
}
