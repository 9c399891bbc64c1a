package sop

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// FuzzParse checks that no input makes the parser panic or hang, and that
// every error names a position inside the file. With the time budget on
// (make fuzz-long), an input that takes longer than its size allows fails.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	for _, c := range parseErrorCases {
		f.Add([]byte(c.src))
	}
	for _, c := range limitCases {
		// The largest cases would slow every mutation of them down;
		// TestMarkdownLimits runs them, FuzzParseRepeated grows shapes.
		if len(c.body) <= 32<<10 {
			f.Add([]byte("---\nid: x\ntitle: X\n---\n\n" + c.body))
		}
	}
	for _, c := range []string{"<!-- sopctl-disable-next-line a, b -- why -->\n[x](y.md)\n", "t <!-- a --> <!--\nb -->\n> <!-- q -->\n", "<!-- a\n```\n<!-- b -->\n```\n",
		"# {{t}}\nWithin {{ a }} `{{b}}` é{{c}}\n\n```\n{{d}}\n```\n\n    {{e}}\n\\{\\{f}}\n"} {
		f.Add([]byte("---\nid: x\ntitle: X\n---\n" + c))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		check := testlib.Budget(t, len(src))
		doc, err := parse("f.md", src)
		check()
		checkParsed(t, src, doc, err)
		if doc != nil {
			for _, c := range doc.Markdown.Comments {
				if c.Pos.Line < doc.BodyLine || c.NextLine != 0 && c.NextLine <= c.Pos.Line {
					t.Fatalf("comment %+v: lines out of order (body from line %d)", c, doc.BodyLine)
				}
			}
		}
	})
}

// FuzzParseRepeated parses a body made of a fragment repeated up to about
// 256 KiB: the fuzzer favours small inputs, and a shape on which goldmark
// is quadratic shows only when it is large. Run it with the time budget on.
func FuzzParseRepeated(f *testing.F) {
	for _, frag := range []string{"[a](", "[", "*a_ ", "a**b c* ", "[r]: /u\n", "[a]\n", "- [ ] x\n", "|`\\|`|\n", "x\n"} {
		f.Add([]byte(frag), uint16(20000))
	}
	f.Fuzz(func(t *testing.T, frag []byte, n uint16) {
		if len(frag) == 0 {
			return
		}
		body := bytes.Repeat(frag, min(int(n), (256<<10)/len(frag)))
		src := append([]byte("---\nid: x\ntitle: X\n---\n"), body...)
		check := testlib.Budget(t, len(src))
		doc, err := parse("f.md", src)
		check()
		checkParsed(t, src, doc, err)
	})
}

// checkParsed checks what parse returned for src: an *Error inside the
// file, or a Doc whose positions are inside it.
func checkParsed(t *testing.T, src []byte, doc *Doc, err error) {
	t.Helper()
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
	// lint --fix finds a citation by its position: it must start there.
	fileLines := strings.Split(string(normalize(src)), "\n")
	for _, c := range doc.Markdown.Params {
		if c.Pos.Line < doc.BodyLine || c.Pos.Line > len(fileLines) || c.Pos.Col < 1 {
			t.Fatalf("citation %+v outside the body (from line %d)", c, doc.BodyLine)
		}
		if line := []rune(fileLines[c.Pos.Line-1]); c.Pos.Col > len(line) || !strings.HasPrefix(string(line[c.Pos.Col-1:]), "{{") {
			t.Fatalf("citation %+v: the line there is %q", c, fileLines[c.Pos.Line-1])
		}
	}
	// Writers cut the heading's lines out of the body by these offsets.
	for _, h := range doc.Markdown.Headings {
		if h.Start < 0 || h.Start > h.End || h.End > len(doc.Body) {
			t.Fatalf("heading %q spans bytes %d to %d of a %d-byte body", h.Text, h.Start, h.End, len(doc.Body))
		}
	}
}
