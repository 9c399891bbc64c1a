package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

const convergeRole = "customer-contact-specialist"

// runRole plans and applies new --role in dir, as the CLI does.
func runRole(t *testing.T, dir string, cat *roles.Catalog) *Plan {
	t.Helper()
	lib, err := library.OpenToAdd(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := PlanNew(lib, cat, Request{Role: convergeRole})
	if err != nil {
		t.Fatal(err)
	}
	if err := Apply(context.Background(), openRoot(t, dir), plan.Changes); err != nil {
		t.Fatal(err)
	}
	return plan
}

// brokenRefsOf lints a library and returns its broken-ref findings. It
// is set by lint_hook_test.go, an external test package: pkg/lint imports
// pkg/fix, which imports this package, so this package's own tests cannot
// import pkg/lint.
var brokenRefsOf func(lib *library.Library, roleIDs []string) []string

// brokenRefs lints dir and returns its broken-ref findings.
func brokenRefs(t *testing.T, dir string, cat *roles.Catalog) []string {
	t.Helper()
	if brokenRefsOf == nil {
		t.Fatal("brokenRefsOf is not set: lint_hook_test.go sets it")
	}
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return brokenRefsOf(lib, roles.Known(cat, lib.Config).IDs())
}

// SetBrokenRefs sets brokenRefsOf (for lint_hook_test.go).
func SetBrokenRefs(f func(lib *library.Library, roleIDs []string) []string) { brokenRefsOf = f }

func kpiIDs(t *testing.T, dir string) []string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, library.ConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := library.ParseConfig(library.ConfigFile, src)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range cfg.KPIs {
		ids = append(ids, k.ID)
	}
	slices.Sort(ids)
	return ids
}

// roleDamage is a way an interrupted run may leave the library in dir.
type roleDamage func(t *testing.T, dir string)

// removedFiles deletes files (slash paths under dir).
func removedFiles(paths ...string) roleDamage {
	return func(t *testing.T, dir string) {
		for _, p := range paths {
			if err := os.Remove(filepath.Join(dir, p)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// editedFile replaces what pattern matches in file (a slash path under dir),
// failing when it matches nothing.
func editedFile(file, pattern, repl string) roleDamage {
	return func(t *testing.T, dir string) {
		p := filepath.Join(dir, file)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out := regexp.MustCompile(pattern).ReplaceAll(b, []byte(repl))
		if string(out) == string(b) {
			t.Fatalf("%s: %q matched nothing", file, pattern)
		}
		os.WriteFile(p, out, 0o644)
	}
}

// roleRun is what an uninterrupted new --role leaves: the whole tree, its
// SOP files (sorted) and the KPI ids of sopctl.yaml.
type roleRun struct {
	tree     map[string]string
	sopFiles []string
	kpis     []string
}

// checkRepaired checks that dir, repaired by one run, is as want, but
// for the file moved, whose roles: line the repair adds last in its front
// matter; that lint finds no broken reference; and that a further run has
// nothing to do.
func checkRepaired(t *testing.T, dir string, cat *roles.Catalog, want roleRun, moved string) {
	t.Helper()
	got := tree(t, dir)
	for _, p := range want.sopFiles {
		w := want.tree[p]
		if p == moved {
			line := "roles: [" + convergeRole + "]\n"
			w = strings.Replace(strings.Replace(w, line, "", 1), "---\n\n#", line+"---\n\n#", 1)
		}
		if got[p] != w {
			t.Errorf("%s after the repair:\n%s\nwant:\n%s", p, got[p], w)
		}
	}
	if k := kpiIDs(t, dir); !slices.Equal(k, want.kpis) {
		t.Errorf("KPIs after the repair: %v, want %v", k, want.kpis)
	}
	if refs := brokenRefs(t, dir, cat); len(refs) > 0 {
		t.Errorf("broken references after the repair:\n%s", strings.Join(refs, "\n"))
	}
	if plan := runRole(t, dir, cat); len(plan.Changes) != 0 {
		t.Errorf("a second run still changes %s (%s)", plan.Changes[0].Path, plan.Changes[0].Note)
	}
}

// An interrupted new --role (files missing, KPI entries missing, a role
// missing from an SOP's roles:, in any mix) is repaired by one more run:
// every SOP file is then as an uninterrupted run writes it, sopctl.yaml
// has every KPI, lint finds no broken reference, and a further run has
// nothing to do.
func TestRoleRunConverges(t *testing.T) {
	cat := catalog(t)
	config := "title: T\nkpis:\n  CSAT: Customer Satisfaction Score\n"
	ref := t.TempDir()
	os.WriteFile(filepath.Join(ref, library.ConfigFile), []byte(config), 0o644)
	runRole(t, ref, cat)
	want := roleRun{tree: tree(t, ref), kpis: kpiIDs(t, ref)}
	if len(want.kpis) < 3 {
		t.Fatalf("the reference run added too few KPIs: %v", want.kpis)
	}
	for p := range want.tree {
		if strings.HasPrefix(p, "sops/") {
			want.sopFiles = append(want.sopFiles, p)
		}
	}
	slices.Sort(want.sopFiles)
	sopFiles := want.sopFiles

	var noKPIs roleDamage = func(t *testing.T, dir string) {
		os.WriteFile(filepath.Join(dir, library.ConfigFile), []byte(config), 0o644)
	}
	tests := []struct {
		name   string
		damage []roleDamage
		// moved names the file whose roles: line the repair adds last in
		// its front matter, where the damage removed the key.
		moved string
	}{
		{"killed after all but one file, before the KPIs", []roleDamage{removedFiles(sopFiles[len(sopFiles)-1]), noKPIs}, ""},
		{"killed after every file, before the KPIs", []roleDamage{noKPIs}, ""},
		{"some KPI lines removed", []roleDamage{editedFile(library.ConfigFile, `(?m)^  (FCR|AHT): .*\n`, "")}, ""},
		{"kpis: key removed", []roleDamage{editedFile(library.ConfigFile, `(?s)kpis:.*`, "")}, ""},
		{"files deleted", []roleDamage{removedFiles(sopFiles[0], sopFiles[5], sopFiles[len(sopFiles)/2])}, ""},
		{"role missing from roles:", []roleDamage{editedFile("sops/complaint-resolution.md", `roles: \[customer-contact-specialist\]`, "roles: []")}, ""},
		{"roles: key missing", []roleDamage{editedFile("sops/escalation-procedure.md", `roles: \[customer-contact-specialist\]\n`, "")}, "sops/escalation-procedure.md"},
		{"all at once", []roleDamage{
			removedFiles(sopFiles[1], sopFiles[len(sopFiles)-1]), noKPIs,
			editedFile("sops/complaint-resolution.md", `roles: \[customer-contact-specialist\]`, "roles: []"),
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			testlib.WriteTree(t, dir, want.tree)
			for _, d := range tt.damage {
				d(t, dir)
			}
			if len(brokenRefs(t, dir, cat)) == 0 && !strings.Contains(tt.name, "role") {
				t.Fatal("the damage left no broken reference: the test tests nothing")
			}
			if plan := runRole(t, dir, cat); len(plan.Changes) == 0 {
				t.Fatal("the repairing run had nothing to do")
			}
			checkRepaired(t, dir, cat, want, tt.moved)
		})
	}
}
