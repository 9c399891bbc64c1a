package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/cli"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

const example = "../../examples/customer-service"

// TestExampleHandbook keeps the example honest: every file parses with no
// field problem, every reference resolves, the finished SOPs are complete,
// and every role is fully scaffolded.
func TestExampleHandbook(t *testing.T) {
	lib, err := library.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range lib.Failed {
		t.Errorf("cannot parse: %v", f)
	}
	cat, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	approved := 0
	for _, d := range lib.Docs {
		for _, p := range d.Problems {
			t.Errorf("%s:%d:%d: %s", d.Path, p.Pos.Line, p.Pos.Col, p.Msg)
		}
		m := d.Meta
		for _, id := range append(m.Related.Strings(), m.Supersedes.Strings()...) {
			if len(lib.Lookup(id)) != 1 {
				t.Errorf("%s refers to %q, which is not exactly one SOP", d.Path, id)
			}
		}
		for _, r := range m.Roles.Strings() {
			if _, err := cat.Role(r); err != nil {
				t.Errorf("%s: %v", d.Path, err)
			}
		}
		for _, k := range m.KPIs.Strings() {
			if _, ok := lib.Config.KPI(k); !ok {
				t.Errorf("%s cites KPI %s, which sopctl.yaml lacks", d.Path, k)
			}
		}
		if m.Status.Text == "approved" {
			approved++
			if !m.Approver.Set || !m.Effective.Set || !m.Reviewed.Set {
				t.Errorf("%s is approved without approver, effective and reviewed", d.Path)
			}
			if strings.Contains(string(d.Body), "TODO:") {
				t.Errorf("%s is approved but still has a TODO: placeholder", d.Path)
			}
		}
	}
	for _, id := range []string{"complaint-resolution", "escalation-procedure", "customer-inquiry-handling", "customer-onboarding"} {
		if docs := lib.Lookup(id); len(docs) != 1 || docs[0].Meta.Status.Text != "approved" {
			t.Errorf("%s should be one approved SOP", id)
		}
	}
	if approved < 4 {
		t.Errorf("%d approved SOPs, want at least 4", approved)
	}

	// The example lints with no finding at all.
	{
		ios, _, out, errOut := iostreams.Test()
		env := &cli.Env{IO: ios, Dir: example, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
		if code := cli.Run(context.Background(), []string{"lint"}, env); code != 0 || !strings.HasPrefix(out.String(), "no problems in ") {
			t.Errorf("lint of the example: exit %d\n%s%s", code, out, errOut)
		}
	}

	// Every role is scaffolded already: new --role changes nothing.
	for _, tpl := range cat.Templates() {
		if !tpl.Role {
			continue
		}
		ios, _, out, errOut := iostreams.Test()
		env := &cli.Env{IO: ios, Dir: example, Now: time.Now, Templates: templates.FS}
		code := cli.Run(context.Background(), []string{"new", "--role", tpl.ID, "--dry-run"}, env)
		if code != 0 || !strings.HasPrefix(out.String(), "nothing to do") {
			t.Errorf("new --role %s: exit %d\n%s%s", tpl.ID, code, out, errOut)
		}
	}
}

// TestExampleHasNoStrayFiles guards against scratch files landing in the
// example: besides its SOPs, only the files they link to (an image, a
// form) may lie under sops/.
func TestExampleHasNoStrayFiles(t *testing.T) {
	lib, err := library.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	linked := map[string]bool{}
	for _, f := range render.Build(lib, nil, nil, time.Time{}).Files() {
		linked[f.Path] = true
	}
	var names []string
	err = filepath.WalkDir(example, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, filepath.ToSlash(strings.TrimPrefix(p, example+"/")))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		ok := strings.HasPrefix(n, "sops/") && (strings.HasSuffix(n, ".md") || linked[n]) ||
			slices.Contains([]string{"sopctl.yaml", "README.md", ".gitignore", "sops/.gitkeep"}, n)
		if !ok {
			t.Errorf("unexpected file in the example: %s", n)
		}
	}
}

// exampleEdits are the example's SOPs that carry additions of their own
// (links, a revision history, an image, a form) on top of their template.
var exampleEdits = []string{"complaint-resolution", "customer-inquiry-handling", "customer-onboarding", "escalation-procedure", "refund-processing"}

// TestExampleIsScaffolded keeps the example and the built-in templates in
// step (issue 14): scaffolding all four roles into an empty library with
// the example's sopctl.yaml (so its params: values) writes, for every SOP
// the example has not edited on purpose, the example's body byte for byte.
func TestExampleIsScaffolded(t *testing.T) {
	ex, err := library.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	lib := t.TempDir()
	writeFileAll(t, filepath.Join(lib, library.ConfigFile), ex.Config.Src)
	for _, role := range []string{"customer-contact-specialist", "customer-service-representative", "customer-service-correspondence-clerk", "customer-service-operations"} {
		if code, out, errOut := runIn(t, lib, "new", "--role", role); code != 0 {
			t.Fatalf("new --role %s: exit %d\n%s%s", role, code, out, errOut)
		}
	}
	for _, d := range ex.Docs {
		id := d.Meta.ID.Text
		if slices.Contains(exampleEdits, id) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(lib, ex.Config.SOPsDir, id+".md"))
		if err != nil {
			t.Errorf("%s: no template scaffolds it: %v", d.Path, err)
			continue
		}
		got, err := sop.Parse(id+".md", src)
		if err != nil {
			t.Fatal(err)
		}
		if string(got.Body) != string(d.Body) {
			t.Errorf("%s: its body is not what the templates scaffold with the example's params (edit the template, or list it in exampleEdits)", d.Path)
		}
	}
}
