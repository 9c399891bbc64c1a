package lint

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
)

// runBoth lints the library at dir as sopctl lint does (the rules of one
// SOP as the loader parses it, Local, then the rules across SOPs on the
// SOPs' Briefs, library.LoadBriefs) and with whole Docs (as lint --fix, serve and approve do),
// and fails unless the two find the same. opts' Severities, when nil,
// come from the library's sopctl.yaml.
func runBoth(t *testing.T, dir string, opts Options) []Finding {
	t.Helper()
	whole, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Severities == nil {
		if opts.Severities, err = Configure(whole.Config); err != nil {
			t.Fatal(err)
		}
	}
	want := Run(whole, opts)
	local := NewLocal(opts.Now)
	briefs, err := library.LoadBriefs(context.Background(), dir, local.Check)
	if err != nil {
		t.Fatal(err)
	}
	opts.Local = local
	if got := Run(briefs, opts); !reflect.DeepEqual(got, want) {
		t.Errorf("lint of Briefs found\n%v\nlint of whole Docs\n%v", got, want)
	}
	return want
}

// TestLocalEqualsWhole: on a generated library (every kind of finding in
// number), lint of Briefs finds exactly what lint of whole Docs finds,
// whatever the severities and the files asked for. The rule examples,
// suppression and since tests check the same through runBoth.
func TestLocalEqualsWhole(t *testing.T) {
	dir := t.TempDir()
	if err := testlib.Generate(dir, 300, 7); err != nil {
		t.Fatal(err)
	}
	sev := defaultSeverities()
	sev[RuleOrphan], sev[RuleReviewOverdue] = Off, Error
	tests := []struct {
		name string
		opts Options
	}{
		{"defaults", Options{Now: today, Roles: testlib.RoleIDs}},
		{"severities", Options{Now: today, Roles: testlib.RoleIDs, Severities: sev}},
		{"some files", Options{Now: today, Roles: testlib.RoleIDs, Only: func(p string) bool { return strings.Contains(p, "area-01") }}},
		{"no roles, no clock", Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fs := runBoth(t, dir, tt.opts); len(fs) == 0 {
				t.Fatal("no findings: the comparison says nothing")
			}
		})
	}
}

// TestLocalReload: a library of Briefs reloaded after an SOP was fixed
// lints as a fresh load does; the fixed SOP's findings made at the first
// load are gone.
func TestLocalReload(t *testing.T) {
	dir := t.TempDir()
	good := "---\nid: a\ntitle: A\nversion: \"1.0\"\nstatus: draft\nowner: O\n---\n\n# A\n\n## Purpose\nx\n\n## Scope\ny\n\n## Procedure\n1. z\n"
	testlib.WriteTree(t, dir, map[string]string{"sopctl.yaml": "title: T\n", "sops/a.md": strings.Replace(good, "## Scope", "## Scop", 1)})
	opts := Options{Now: today, Severities: defaultSeverities()}
	local := NewLocal(today)
	lib, err := library.LoadBriefs(context.Background(), dir, local.Check)
	if err != nil {
		t.Fatal(err)
	}
	testlib.WriteTree(t, dir, map[string]string{"sops/a.md": good})
	if lib, err = library.Reload(context.Background(), lib, map[string]bool{"sops/a.md": true}); err != nil {
		t.Fatal(err)
	}
	opts.Local = local
	got := Run(lib, opts)
	opts.Local = nil
	if want := runBoth(t, dir, opts); !reflect.DeepEqual(got, want) {
		t.Errorf("after Reload: %v\nwant %v", got, want)
	}
}
