package render_test

import (
	"slices"
	"testing"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/internal/rendertest"
	"github.com/sopctl/sopctl/pkg/sop"
)

func sopWithID(id, extra, body string) string {
	return "---\nid: " + id + "\ntitle: T " + id + "\nversion: \"1\"\nstatus: draft\nowner: O\n" + extra + "---\n## Procedure\n" + body
}

// Files that share an id: the first by path keeps it everywhere, and
// every other one is named, with all the files that share the id.
func TestDuplicateIDsLeftOut(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{
		"sopctl.yaml":      "title: T\n",
		"sops/a.md":        sopWithID("dupe", "", "1. First by path.\n"),
		"sops/dupe.md":     sopWithID("dupe", "", "1. Second.\n"),
		"sops/x/dupe.md":   sopWithID("dupe", "", "1. Third.\n"),
		"sops/other.md":    sopWithID("other", "related: [dupe]\n", "1. See [d](dupe.md) and [a](a.md).\n"),
		"sops/Bad Name.md": sopWithID("Not Valid", "", "1. Do.\n"),
	})
	h, _ := rendertest.Load(t, dir, gitlog.History{})
	var ids []string
	for _, p := range h.SOPs {
		ids = append(ids, p.ID+"="+p.Doc.Path)
	}
	if want := []string{"dupe=sops/a.md", "other=sops/other.md"}; !slices.Equal(ids, want) {
		t.Errorf("published %v, want %v", ids, want)
	}
	var got []string
	for _, w := range h.LeftOut {
		got = append(got, w.String())
	}
	const shared = `left out of the handbook: the id "dupe" is shared by sops/a.md, sops/dupe.md, sops/x/dupe.md; only sops/a.md, the first by path, is published: give each SOP its own id`
	want := []string{
		"sops/Bad Name.md:2:5: warning: left out of the handbook: neither its id nor its file name is a valid id; use " + sop.IDRule,
		"sops/dupe.md:2:5: warning: " + shared,
		"sops/x/dupe.md:2:5: warning: " + shared,
	}
	if !slices.Equal(got, want) {
		t.Errorf("LeftOut:\n got %q\nwant %q", got, want)
	}
	other, _ := h.Page("other")
	if len(other.Related) != 1 || other.Related[0].Doc.Path != "sops/a.md" {
		t.Errorf("related: [dupe] resolves to %v, want sops/a.md", other.Related)
	}
	if kind, target, _ := h.Classify(other, "a.md"); target == nil || kind != render.LinkSOP || target.Doc.Path != "sops/a.md" {
		t.Errorf("a link to sops/a.md: %v %v", kind, target)
	}
	if kind, _, _ := h.Classify(other, "dupe.md"); kind != render.LinkDrop {
		t.Errorf("a link to the left-out sops/dupe.md is kind %v, want dropped", kind)
	}
}
