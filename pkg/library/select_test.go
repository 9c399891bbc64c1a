package library

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// repoTree is a repository with two libraries in sub-folders and files in
// none, as pre-commit passes them.
func repoTree(t *testing.T) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir()) // Select returns real paths
	if err != nil {
		t.Fatal(err)
	}
	testlib.WriteTree(t, dir, map[string]string{
		"README.md":                    "# repo\n",
		"docs/guide.md":                "# guide\n",
		"handbook/sopctl.yaml":         "title: H\nexclude: [drafts]\n",
		"handbook/README.md":           "# H\n",
		"handbook/notes.md":            "# notes\n",
		"handbook/sops/a.md":           sopFile("a"),
		"handbook/sops/orders/b.md":    sopFile("b"),
		"handbook/sops/orders/c.md":    sopFile("c"),
		"handbook/sops/drafts/d.md":    sopFile("d"),
		"handbook/sops/_partial.md":    sopFile("partial"),
		"handbook/sops/broken.md":      "no front matter\n",
		"ops/sopctl.yaml":              "title: Ops\nsops_dir: procs\n",
		"ops/procs/e.md":               sopFile("e"),
		"ops/procs/deep/sopctl.yaml/x": "", // a folder named sopctl.yaml is no config
	})
	return dir
}

func TestSelect(t *testing.T) {
	dir := repoTree(t)
	hb, ops := filepath.Join(dir, "handbook"), filepath.Join(dir, "ops")
	type target struct {
		root  string
		whole bool
		rels  []string
	}
	tests := []struct {
		name    string
		start   string
		args    []string
		want    []target
		outside []string
	}{
		{"a library's folder", dir, []string{"handbook"}, []target{{hb, true, []string{"."}}}, nil},
		{"its sopctl.yaml", dir, []string{"handbook/sopctl.yaml"}, []target{{hb, true, []string{"sopctl.yaml"}}}, nil},
		{"a file", dir, []string{"handbook/sops/a.md"}, []target{{hb, false, []string{"sops/a.md"}}}, nil},
		{"a folder inside", dir, []string{"handbook/sops/orders/"}, []target{{hb, false, []string{"sops/orders"}}}, nil},
		{"relative to the start folder", filepath.Join(hb, "sops"), []string{"a.md", "../../ops"},
			[]target{{hb, false, []string{"sops/a.md"}}, {ops, true, []string{"."}}}, nil},
		{"an absolute path", "/", []string{filepath.Join(hb, "sops", "a.md")}, []target{{hb, false, []string{"sops/a.md"}}}, nil},
		{"one library per root, in the order first named", dir,
			[]string{"ops/procs/e.md", "handbook/sops/a.md", "ops", "handbook/sops/orders/b.md", "handbook/sops/a.md"},
			[]target{{ops, true, []string{"procs/e.md", "."}}, {hb, false, []string{"sops/a.md", "sops/orders/b.md", "sops/a.md"}}}, nil},
		{"files in no library", dir, []string{"README.md", "docs/guide.md", "handbook/notes.md"},
			[]target{{hb, false, []string{"notes.md"}}}, []string{"README.md", "docs/guide.md"}},
		{"a folder named sopctl.yaml is no library", dir, []string{"ops/procs/deep/sopctl.yaml/x"},
			[]target{{ops, false, []string{"procs/deep/sopctl.yaml/x"}}}, nil},
		{"nothing", dir, nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := Select(tt.start, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			var got []target
			for _, tg := range sel.Targets {
				var rels []string
				for _, a := range tg.Args {
					rels = append(rels, a.Rel)
				}
				got = append(got, target{tg.Root, tg.Whole, rels})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Targets = %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i].root != tt.want[i].root || got[i].whole != tt.want[i].whole || !slices.Equal(got[i].rels, tt.want[i].rels) {
					t.Errorf("Targets[%d] = %+v, want %+v", i, got[i], tt.want[i])
				}
			}
			if !slices.Equal(sel.Outside, tt.outside) {
				t.Errorf("Outside = %q, want %q", sel.Outside, tt.outside)
			}
		})
	}
}

func TestSelectErrors(t *testing.T) {
	dir := repoTree(t)
	tests := []struct {
		arg, want string
		notExist  bool
	}{
		{"nope.md", "nope.md: no such file or folder", true},
		{"handbook/sops/nope", "handbook/sops/nope: no such file or folder", true},
		{"docs", "docs: no sopctl.yaml in this folder or any folder above it: name a library's folder", false},
		{".", ".: no sopctl.yaml in this folder or any folder above it", false},
		{"", "an empty PATH names no file or folder", true},
	}
	for _, tt := range tests {
		_, err := Select(dir, []string{"handbook", tt.arg})
		var ae *ArgError
		if !errors.As(err, &ae) || ae.Arg != tt.arg {
			t.Fatalf("Select(%s) error = %v, want an *ArgError", tt.arg, err)
		}
		if !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("Select(%s) error = %q, want %q", tt.arg, err, tt.want)
		}
		var nf *NotFoundError
		if errors.Is(err, fs.ErrNotExist) != tt.notExist || errors.As(err, &nf) == tt.notExist {
			t.Errorf("Select(%s) error = %#v: wraps the wrong cause", tt.arg, err)
		}
	}
}

// A path through a symlink finds the library it really lies in, and every
// spelling of a library is one target.
func TestSelectSymlinks(t *testing.T) {
	dir := repoTree(t)
	symlink(t, filepath.Join(dir, "handbook", "sops"), filepath.Join(dir, "shortcut"))
	symlink(t, "a.md", filepath.Join(dir, "handbook", "sops", "alias.md"))
	sel, err := Select(dir, []string{"shortcut/orders", "handbook/sops/a.md", "shortcut/alias.md"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Targets) != 1 || sel.Targets[0].Root != filepath.Join(dir, "handbook") {
		t.Fatalf("Targets = %+v, want the handbook once", sel.Targets)
	}
	var rels []string
	for _, a := range sel.Targets[0].Args {
		rels = append(rels, a.Rel)
	}
	// A symlinked SOP keeps its own name: it is an SOP under that name.
	if want := []string{"sops/orders", "sops/a.md", "sops/alias.md"}; !slices.Equal(rels, want) {
		t.Errorf("Rels = %q, want %q", rels, want)
	}
	if root, err := FindFrom(filepath.Join(dir, "shortcut")); err != nil || root != filepath.Join(dir, "handbook") {
		t.Errorf("FindFrom(shortcut) = %q, %v", root, err)
	}
}

func TestTargetOnly(t *testing.T) {
	dir := repoTree(t)
	lib := load(t, filepath.Join(dir, "handbook"))
	tests := []struct {
		name   string
		args   []string
		want   []string // the library's SOP files the filter keeps
		notSOP []string
	}{
		{"whole", []string{"handbook"}, nil, nil},
		{"sopctl.yaml is the whole library", []string{"handbook/sopctl.yaml", "handbook/README.md"}, nil, []string{"handbook/README.md"}},
		{"files", []string{"handbook/sops/a.md", "handbook/sops/broken.md"}, []string{"sops/a.md", "sops/broken.md"}, nil},
		{"a folder", []string{"handbook/sops/orders"}, []string{"sops/orders/b.md", "sops/orders/c.md"}, nil},
		{"a folder whose name starts another's", []string{"handbook/sops/order"}, nil, nil},
		{"not SOPs", []string{"handbook/notes.md", "handbook/README.md", "handbook/sops/drafts/d.md", "handbook/sops/_partial.md", "handbook/sops/a.md"},
			[]string{"sops/a.md"}, []string{"handbook/notes.md", "handbook/README.md", "handbook/sops/drafts/d.md", "handbook/sops/_partial.md"}},
	}
	testlib.WriteTree(t, dir, map[string]string{"handbook/sops/order/.keep": ""})
	all := append(docPaths(lib), failedPaths(lib)...)
	slices.Sort(all)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel, err := Select(dir, tt.args)
			if err != nil || len(sel.Targets) != 1 {
				t.Fatalf("Select() = %+v, %v", sel, err)
			}
			only, notSOP := sel.Targets[0].Only(lib)
			var kept, skipped []string
			for _, p := range all {
				if only == nil || only(p) {
					kept = append(kept, p)
				}
			}
			for _, a := range notSOP {
				skipped = append(skipped, a.Given)
			}
			want := tt.want
			if want == nil && only == nil {
				want = all
			}
			if !slices.Equal(kept, want) || !slices.Equal(skipped, tt.notSOP) {
				t.Errorf("kept %q, skipped %q; want %q, %q", kept, skipped, want, tt.notSOP)
			}
		})
	}
}

func TestFindFrom(t *testing.T) {
	dir := repoTree(t)
	hb := filepath.Join(dir, "handbook")
	for _, p := range []string{hb, filepath.Join(hb, "sopctl.yaml"), filepath.Join(hb, "sops", "orders", "b.md"), filepath.Join(hb, "notes.md")} {
		if got, err := FindFrom(p); err != nil || got != hb {
			t.Errorf("FindFrom(%s) = %q, %v; want %q", p, got, err, hb)
		}
	}
	if _, err := FindFrom(filepath.Join(dir, "nope.md")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("FindFrom(nope.md) error = %v, want fs.ErrNotExist", err)
	}
	var nf *NotFoundError
	if _, err := FindFrom(filepath.Join(dir, "docs", "guide.md")); !errors.As(err, &nf) {
		t.Skipf("a folder above %s holds a %s: cannot test a file in no library (%v)", dir, ConfigFile, err)
	}
}
