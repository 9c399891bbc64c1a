package render_test

import (
	"slices"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
)

// An SOP that lists a role twice is once among the role's SOPs, and has
// the role once; a role it lists that is not known is not a group.
func TestRolesListedTwice(t *testing.T) {
	sopFile := func(id, roles string) string {
		return "---\nid: " + id + "\ntitle: " + id + "\nversion: \"1\"\nstatus: draft\nowner: O\nroles: " + roles + "\n---\n\nBody.\n"
	}
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\n",
		"sops/a.md":   sopFile("a", "[x, y, x, x]"),
		"sops/b.md":   sopFile("b", "[x, unknown]"),
		"sops/c.md":   sopFile("c", "[y, y]"),
	})
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := render.Build(lib, map[string]string{"x": "X", "y": "Y"}, nil, time.Now())
	got := map[string][]string{}
	for _, r := range h.Roles {
		for _, p := range r.SOPs {
			got[r.ID] = append(got[r.ID], p.ID)
		}
	}
	if !slices.Equal(got["x"], []string{"a", "b"}) || !slices.Equal(got["y"], []string{"a", "c"}) || len(got) != 2 {
		t.Errorf("roles hold %v, want x: a b, y: a c", got)
	}
	for _, p := range h.SOPs {
		var ids []string
		for _, r := range p.Roles {
			ids = append(ids, r.ID)
		}
		if want := map[string][]string{"a": {"x", "y"}, "b": {"x"}, "c": {"y"}}[p.ID]; !slices.Equal(ids, want) {
			t.Errorf("%s has roles %v, want %v", p.ID, ids, want)
		}
	}
}
