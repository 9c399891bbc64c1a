package render

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// Every output folder name gets temporary siblings whose names fit in 255
// bytes, are valid UTF-8 when the name is, and are told apart from the
// siblings of every other name, long names sharing a start included.
func TestSiblingNames(t *testing.T) {
	names := []string{
		"site", ".site", "site-md", "a.b", "s.sopctl-new-1-0123456789ab",
		strings.Repeat("a", maxTag), strings.Repeat("a", maxTag+1), strings.Repeat("a", 255),
		strings.Repeat("a", 250) + "x", strings.Repeat("a", 250) + "y",
		strings.Repeat("é", 127), "é" + strings.Repeat("a", 254),
	}
	for _, name := range names {
		for _, kind := range []string{newKind, oldKind} {
			s := siblingName(name, kind)
			if len(s) > nameMax {
				t.Errorf("%d-byte name: sibling %q is %d bytes", len(name), s, len(s))
			}
			if utf8.ValidString(name) && !utf8.ValidString(s) {
				t.Errorf("%d-byte name: sibling %q is not UTF-8", len(name), s)
			}
			for _, other := range names {
				pid, k, ok := parseSibling(s, other)
				if ok != (other == name) {
					t.Errorf("sibling %q of %q: belongs to %q = %v", s, name, other, ok)
				}
				if ok && (pid != os.Getpid() || k != kind) {
					t.Errorf("sibling %q: pid %d, kind %q, want %d, %q", s, pid, k, os.Getpid(), kind)
				}
			}
		}
	}
}
