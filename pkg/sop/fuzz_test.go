package sop

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// every error names a position inside the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	for _, c := range parseErrorCases {
		f.Add([]byte(c.src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := parse("f.md", src)
		lines := bytes.Count(normalize(src), []byte("\n")) + 1
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Pos.Line < 1 || e.Pos.Col < 1 || e.Pos.Line > lines {
				t.Fatalf("error position %v outside a %d-line file: %v", e.Pos, lines, e)
			}
			return
		}
		for _, p := range doc.Problems {
			if p.Pos.Line < 1 || p.Pos.Col < 1 || p.Pos.Line > lines {
				t.Fatalf("problem position %v outside a %d-line file: %v", p.Pos, lines, p)
			}
		}
		if doc.BodyLine < 2 || doc.BodyLine > lines+1 {
			t.Fatalf("body line %d in a %d-line file", doc.BodyLine, lines)
		}
	})
}
