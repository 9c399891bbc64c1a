package render_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/templates"
)

// statusLibrary: a (approved) and b (draft) relate to and link to each
// other; c is in review; d is a draft whose id sops/x/d.md (approved)
// shares. All hold the role desk.
func statusLibrary(t *testing.T) *library.Library {
	t.Helper()
	sop := func(id, status, extra, body string) string {
		return strings.Replace(rendertest.SOPFile(id, "roles: [desk]\n"+extra, body), "status: draft", "status: "+status, 1)
	}
	dir := rendertest.LibraryFiles(t, map[string]string{
		"sopctl.yaml": "title: T\nroles:\n  desk: Front Desk\n",
		"sops/a.md":   sop("a", "approved", "related: [b]\n", "## Purpose\n\nSee [B](b.md) and [C](c.md).\n"),
		"sops/b.md":   sop("b", "draft", "related: [a]\n", "## Purpose\n\nSee [A](a.md).\n"),
		"sops/c.md":   sop("c", "review", "", "## Purpose\n\nC.\n"),
		"sops/d.md":   sop("d", "draft", "", "## Purpose\n\nD.\n"),
		"sops/x/d.md": sop("d", "approved", "", "## Purpose\n\nAnother D.\n"),
	})
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func buildStatus(t *testing.T, lib *library.Library, statuses ...string) *render.Handbook {
	t.Helper()
	cat, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return render.Build(lib, roles.Known(cat, lib.Config).Titles(), nil, rendertest.Today(), render.OnlyStatuses(statuses...))
}

// OnlyStatuses publishes the SOPs of those statuses only: no page, list,
// role, related entry or backlink holds the others, a link to one is
// plain text naming the filter, and the first file by path keeps its id
// even when the filter leaves it out.
func TestOnlyStatuses(t *testing.T) {
	lib := statusLibrary(t)
	for _, tc := range []struct {
		statuses  []string
		published []string
		filtered  int
	}{
		{nil, []string{"a", "b", "c", "d"}, 0},
		{[]string{"approved", "review"}, []string{"a", "c"}, 2},
		{[]string{"draft"}, []string{"b", "d"}, 2},
		{[]string{"retired"}, nil, 4},
	} {
		h := buildStatus(t, lib, tc.statuses...)
		if got := ids(h.SOPs); !slices.Equal(got, tc.published) || h.Filtered != tc.filtered {
			t.Errorf("%v: published %v, %d filtered; want %v, %d", tc.statuses, got, h.Filtered, tc.published, tc.filtered)
		}
		for _, r := range h.Roles {
			if got := ids(r.SOPs); !slices.Equal(got, tc.published) {
				t.Errorf("%v: role %s lists %v, want %v", tc.statuses, r.ID, got, tc.published)
			}
		}
		if len(h.LeftOut) != 1 || h.LeftOut[0].Path != "sops/x/d.md" {
			t.Errorf("%v: left out %v, want sops/x/d.md (its id is sops/d.md's)", tc.statuses, h.LeftOut)
		}
	}

	h := buildStatus(t, lib, "approved", "review")
	a, _ := h.Page("a")
	if len(a.Related) != 0 || len(a.ReferencedBy) != 0 {
		t.Errorf("a relates to %v and is referenced by %v; b, a draft, is not published", ids(a.Related), ids(a.ReferencedBy))
	}
	if kind, _, _ := h.Classify(a, "b.md"); kind != render.LinkDrop {
		t.Errorf("the link to b.md (a draft) is %v, want plain text", kind)
	}
	if kind, target, _ := h.Classify(a, "c.md"); kind != render.LinkSOP || target == nil || target.ID != "c" {
		t.Errorf("the link to c.md (in review) is %v, want a link to c", kind)
	}
	warns := h.LinkWarnings(a)
	want := `link to b.md names sops/b.md, whose status "draft" the status filter (approved, review) leaves out: rendered as plain text`
	if len(warns) != 1 || warns[0].Msg != want {
		t.Errorf("warnings %v, want one: %s", warns, want)
	}
	want = `left out of the handbook: the id "d" is shared by sops/d.md, sops/x/d.md; only sops/d.md, the first by path, keeps it (and is not published: the status filter leaves out its status "draft"): give each SOP its own id`
	if h.LeftOut[0].Msg != want {
		t.Errorf("duplicate id: %s\nwant %s", h.LeftOut[0].Msg, want)
	}
}
