package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/roles"
)

const convergeRole = "customer-contact-specialist"

// runRole plans and applies new --role in dir, as the CLI does.
func runRole(t *testing.T, dir string, cat *roles.Catalog) *Plan {
	t.Helper()
	lib, err := library.Load(dir)
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

// brokenRefs lints dir and returns its broken-ref findings.
func brokenRefs(t *testing.T, dir string, cat *roles.Catalog) []string {
	t.Helper()
	lib, err := library.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range lint.Run(lib, lint.Options{Roles: roles.Known(cat, lib.Config).IDs()}) {
		if f.Rule == "broken-ref" {
			out = append(out, f.Path+": "+f.Message)
		}
	}
	return out
}

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
	want := tree(t, ref)
	wantKPIs := kpiIDs(t, ref)
	if len(wantKPIs) < 3 {
		t.Fatalf("the reference run added too few KPIs: %v", wantKPIs)
	}
	var sopFiles []string
	for p := range want {
		if strings.HasPrefix(p, "sops/") {
			sopFiles = append(sopFiles, p)
		}
	}
	slices.Sort(sopFiles)

	remove := func(paths ...string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			for _, p := range paths {
				if err := os.Remove(filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	edit := func(file, pattern, repl string) func(t *testing.T, dir string) {
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
	noKPIs := func(t *testing.T, dir string) {
		os.WriteFile(filepath.Join(dir, library.ConfigFile), []byte(config), 0o644)
	}
	tests := []struct {
		name   string
		damage []func(t *testing.T, dir string)
		// moved names the file whose roles: line the repair adds last in
		// its front matter, where the damage removed the key.
		moved string
	}{
		{"killed after all but one file, before the KPIs", []func(*testing.T, string){remove(sopFiles[len(sopFiles)-1]), noKPIs}, ""},
		{"killed after every file, before the KPIs", []func(*testing.T, string){noKPIs}, ""},
		{"some KPI lines removed", []func(*testing.T, string){edit(library.ConfigFile, `(?m)^  (FCR|AHT): .*\n`, "")}, ""},
		{"kpis: key removed", []func(*testing.T, string){edit(library.ConfigFile, `(?s)kpis:.*`, "")}, ""},
		{"files deleted", []func(*testing.T, string){remove(sopFiles[0], sopFiles[5], sopFiles[len(sopFiles)/2])}, ""},
		{"role missing from roles:", []func(*testing.T, string){edit("sops/complaint-resolution.md", `roles: \[customer-contact-specialist\]`, "roles: []")}, ""},
		{"roles: key missing", []func(*testing.T, string){edit("sops/escalation-procedure.md", `roles: \[customer-contact-specialist\]\n`, "")}, "sops/escalation-procedure.md"},
		{"all at once", []func(*testing.T, string){
			remove(sopFiles[1], sopFiles[len(sopFiles)-1]), noKPIs,
			edit("sops/complaint-resolution.md", `roles: \[customer-contact-specialist\]`, "roles: []"),
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for p, data := range want {
				full := filepath.Join(dir, filepath.FromSlash(p))
				os.MkdirAll(filepath.Dir(full), 0o755)
				os.WriteFile(full, []byte(data), 0o644)
			}
			for _, d := range tt.damage {
				d(t, dir)
			}
			if len(brokenRefs(t, dir, cat)) == 0 && !strings.Contains(tt.name, "role") {
				t.Fatal("the damage left no broken reference: the test tests nothing")
			}
			if plan := runRole(t, dir, cat); len(plan.Changes) == 0 {
				t.Fatal("the repairing run had nothing to do")
			}
			got := tree(t, dir)
			for _, p := range sopFiles {
				w := want[p]
				if p == tt.moved {
					line := "roles: [" + convergeRole + "]\n"
					w = strings.Replace(strings.Replace(w, line, "", 1), "---\n\n#", line+"---\n\n#", 1)
				}
				if got[p] != w {
					t.Errorf("%s after the repair:\n%s\nwant:\n%s", p, got[p], w)
				}
			}
			if k := kpiIDs(t, dir); !slices.Equal(k, wantKPIs) {
				t.Errorf("KPIs after the repair: %v, want %v", k, wantKPIs)
			}
			if refs := brokenRefs(t, dir, cat); len(refs) > 0 {
				t.Errorf("broken references after the repair:\n%s", strings.Join(refs, "\n"))
			}
			if plan := runRole(t, dir, cat); len(plan.Changes) != 0 {
				t.Errorf("a second run still changes %s (%s)", plan.Changes[0].Path, plan.Changes[0].Note)
			}
		})
	}
}
