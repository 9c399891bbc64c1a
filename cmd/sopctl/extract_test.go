package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/cli"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

// runIn runs sopctl in dir and returns its exit code, stdout and stderr.
func runIn(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	env := &cli.Env{IO: ios, Dir: dir, Now: func() time.Time { return time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC) }, Templates: templates.FS}
	code := cli.Run(context.Background(), args, env)
	return code, out.String(), errOut.String()
}

// TestExtractRoundTrip (issue 14, done when): for every role of the
// example, templates extract writes a template that, placed in an empty
// library, scaffolds the role's SOPs with the example's bodies byte for
// byte (after the front matter; the end of the file as one line break)
// and the fields a template carries; the library then lints with no
// error or warning. The example's files that its SOPs link to (an image,
// a form) are copied in, as the notes of extract ask: a template carries
// no file.
func TestExtractRoundTrip(t *testing.T) {
	ex, err := library.Load(example)
	if err != nil {
		t.Fatal(err)
	}
	var roleIDs []string
	for _, d := range ex.Docs {
		for _, r := range d.Meta.Roles.Strings() {
			if !slices.Contains(roleIDs, r) {
				roleIDs = append(roleIDs, r)
			}
		}
	}
	if len(roleIDs) != 4 {
		t.Errorf("the example lists roles %v, want the four of the seeds", roleIDs)
	}
	for _, role := range roleIDs {
		t.Run(role, func(t *testing.T) {
			code, tpl, notes := runIn(t, example, "templates", "extract", role)
			if code != 0 {
				t.Fatalf("extract: exit %d\n%s", code, notes)
			}
			for _, n := range strings.Split(strings.TrimSpace(notes), "\n") {
				if n != "" && !strings.Contains(n, "a file the template cannot carry") {
					t.Errorf("unexpected note: %s", n)
				}
			}
			lib := filepath.Join(t.TempDir(), "lib")
			if code, _, errOut := runIn(t, filepath.Dir(lib), "init", "lib"); code != 0 {
				t.Fatal(errOut)
			}
			writeFileAll(t, filepath.Join(lib, "templates", role+".yaml"), []byte(tpl))
			copyLinkedFiles(t, filepath.Join(example, "sops"), filepath.Join(lib, "sops"))
			if code, out, errOut := runIn(t, lib, "new", "--role", role); code != 0 {
				t.Fatalf("new --role %s: exit %d\n%s%s", role, code, out, errOut)
			}
			if code, out, errOut := runIn(t, lib, "lint"); code != 0 || strings.Contains(out, " error ") || strings.Contains(out, " warning ") {
				t.Errorf("lint: exit %d\n%s%s", code, out, errOut)
			}
			compareSOPs(t, ex, lib, role)
		})
	}
}

// compareSOPs checks each SOP of the role in force in the example against
// its scaffolded copy in lib.
func compareSOPs(t *testing.T, ex *library.Library, lib, role string) {
	t.Helper()
	n := 0
	for _, orig := range ex.Docs {
		if orig.Meta.Retired() || !slices.Contains(orig.Meta.Roles.Strings(), role) {
			continue
		}
		n++
		src, err := os.ReadFile(filepath.Join(lib, "sops", orig.Meta.ID.Text+".md"))
		if err != nil {
			t.Error(err)
			continue
		}
		doc, err := sop.Parse(orig.Path, src)
		if err != nil {
			t.Error(err)
			continue
		}
		if got, want := string(doc.Body), strings.TrimRight(string(orig.Body), "\n")+"\n"; got != want {
			t.Errorf("%s: the scaffolded body differs from the example's:\n%s", orig.Path, firstLineDiff(got, want))
		}
		a, b := orig.Meta, doc.Meta
		for _, f := range []string{"title", "owner"} {
			if x, y := fieldText(&a, f), fieldText(&b, f); x != y {
				t.Errorf("%s: %s %q, scaffolded %q", orig.Path, f, x, y)
			}
		}
		for _, l := range [][2]sop.List{{a.Responsible, b.Responsible}, {a.Related, b.Related}, {a.KPIs, b.KPIs}, {a.Channels, b.Channels}, {a.Tags, b.Tags}} {
			if !slices.Equal(l[0].Strings(), l[1].Strings()) {
				t.Errorf("%s: list %q, scaffolded %q", orig.Path, l[0].Strings(), l[1].Strings())
			}
		}
	}
	if n == 0 {
		t.Errorf("no SOP of role %s in the example", role)
	}
}

func fieldText(m *sop.Meta, name string) string {
	f, _ := sop.FieldNamed(name)
	return f.Value(m).Text
}

// copyLinkedFiles copies the files under from that are not SOPs.
func copyLinkedFiles(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		writeFileAll(t, filepath.Join(to, rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// firstLineDiff shows the first line where got and want differ.
func firstLineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got  %q\n want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(g), len(w))
}

// writeFileAll writes a file, making its folder.
func writeFileAll(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
