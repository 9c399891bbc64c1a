package roles

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

// FuzzParseTemplate checks that no template file makes the parser panic
// and that every error names a position inside the file.
func FuzzParseTemplate(f *testing.F) {
	names, _ := fs.Glob(templates.FS, "*.yaml")
	for _, n := range names {
		src, _ := fs.ReadFile(templates.FS, n)
		f.Add(string(src))
	}
	f.Add("id: a\ntitle: A\nsops:\n  - {id: x, title: X, owner: O, steps: [s], responsibilities: [{role: r, duty: d}], sections: [{heading: H, body: b}]}\n")
	f.Add("id: a\nsops: [[]]\n")
	f.Add("id: a\nparams:\n  d: {default: \"5\", description: D, unit: days}\n  Bad: 3\n  e: {default: [], units: x}\nsops:\n  - {id: x, title: \"{{d}}\", owner: O, steps: [\"{{ e }} {{\"]}\n")
	f.Add("id: a\nsops:\n  - id: x\n    responsibilities: [1, {role: []}]\n")
	f.Fuzz(func(t *testing.T, src string) {
		defer testlib.Budget(t, len(src))()
		_, err := ParseTemplate("templates/a.yaml", []byte(src), false)
		if err == nil {
			return
		}
		lines := strings.Count(src, "\n") + 2
		for _, e := range testlib.LeafErrors(err) {
			se, ok := e.(*sop.Error)
			if !ok {
				t.Fatalf("error %T %v is not a *sop.Error", e, e)
			}
			if se.Pos.Line < 1 || se.Pos.Col < 1 || se.Pos.Line > lines {
				t.Fatalf("position %v outside the file: %v", se.Pos, se)
			}
		}
	})
}
