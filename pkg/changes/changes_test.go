package changes

import (
	"reflect"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
)

const front = "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: draft\nowner: O\nroles: [r1]\n---\n\n# A\n\n"

func doc(t *testing.T, body string) *sop.Doc {
	t.Helper()
	if body == "-" {
		return nil
	}
	d, err := sop.Parse("sops/a.md", []byte(front+body))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestChangedSections(t *testing.T) {
	tests := []struct {
		name, old, cur string
		want           []string
	}{
		{"same", "## Purpose\nx\n\n## Scope\ny\n", "## Purpose\nx\n\n## Scope\ny\n", []string{}},
		{"one changed", "## Purpose\nx\n\n## Scope\ny\n", "## Purpose\nx\n\n## Scope\nz\n", []string{"Scope"}},
		{"added at end", "## Purpose\nx\n", "## Purpose\nx\n\n## Scope\ny\n", []string{"Scope"}},
		{"removed", "## Purpose\nx\n\n## Scope\ny\n", "## Purpose\nx\n", []string{"Scope"}},
		{"renamed", "## Purpose\nx\n", "## Aim\nx\n", []string{"Aim", "Purpose"}},
		{"h3 inside counts", "## Procedure\n### Step\n1. a\n", "## Procedure\n### Step\n1. b\n", []string{"Procedure"}},
		{"code fence is not a heading", "## Procedure\n```\n## not\n```\n", "## Procedure\n```\n## nope\n```\n", []string{"Procedure"}},
		{"moved, unchanged", "## Purpose\nx\n\n## Scope\ny\n", "## Scope\ny\n\n## Purpose\nx\n", []string{}},
		{"added SOP: all", "-", "## Purpose\nx\n\n## Scope\ny\n", []string{"Purpose", "Scope"}},
		{"removed SOP: all", "## Purpose\nx\n", "-", []string{"Purpose"}},
		{"text before the first section", "intro\n\n## Purpose\nx\n", "other\n\n## Purpose\nx\n", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ChangedSections(doc(t, tt.old), doc(t, tt.cur))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func sop1(id, version, status, roles, body string) []byte {
	return []byte("---\nid: " + id + "\ntitle: T " + id + "\nversion: \"" + version + "\"\nstatus: " + status +
		"\nowner: O\nroles: [" + roles + "]\n---\n\n" + body)
}

func TestCompare(t *testing.T) {
	cfg, err := library.ParseConfig("sopctl.yaml", []byte("title: T\nexclude: [drafts/*]\n"))
	if err != nil {
		t.Fatal(err)
	}
	from := Side{Config: cfg, Files: map[string][]byte{
		"sops/gone.md":     sop1("gone", "1.0", "draft", "r1", "## Purpose\nx\n"),
		"sops/mod.md":      sop1("mod", "1.0", "draft", "r1", "## Purpose\nx\n## Scope\ny\n"),
		"sops/old/move.md": sop1("move", "1.0", "draft", "r1", "## Purpose\nx\n"),
		"sops/same.md":     sop1("same", "1.0", "draft", "r1", "## Purpose\nx\n"),
	}}
	to := Side{Config: cfg, Files: map[string][]byte{
		"sops/new.md":      sop1("new", "0.1", "draft", "r2", "## Purpose\nx\n"),
		"sops/mod.md":      sop1("mod", "1.1", "approved", "r2", "## Purpose\nx\n## Scope\nz\n"),
		"sops/new/move.md": sop1("move", "1.0", "draft", "r1", "## Purpose\nx\n"),
		"sops/same.md":     sop1("same", "1.0", "draft", "r1", "## Purpose\nx\n"),
		"README.md":        []byte("not an SOP"),
		"sops/drafts/x.md": sop1("x", "1.0", "draft", "r1", ""),
		"sops/broken.md":   []byte("no front matter"),
	}}
	got := Compare(from, to)
	want := []Change{
		{ID: "broken", Change: Added, Sections: []string{}, Roles: []string{}},
		{ID: "gone", Title: "T gone", Change: Removed, FromVersion: "1.0", FromStatus: "draft", Sections: []string{"Purpose"}, Roles: []string{"r1"}},
		{ID: "mod", Title: "T mod", Change: Modified, FromVersion: "1.0", ToVersion: "1.1", FromStatus: "draft", ToStatus: "approved", Sections: []string{"Scope"}, Roles: []string{"r2", "r1"}},
		{ID: "new", Title: "T new", Change: Added, ToVersion: "0.1", ToStatus: "draft", Sections: []string{"Purpose"}, Roles: []string{"r2"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
	if !got[2].HasRole("r1") || got[3].HasRole("r1") {
		t.Error("HasRole: want either side's roles")
	}
}
