package render_test

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
)

// tree reads every regular file under dir: slash path -> content.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// fakeLib makes a library folder with an SOP and a template, and returns
// a target for an output folder beside it (not yet existing).
func fakeLib(t *testing.T) (render.Target, map[string]string) {
	t.Helper()
	base := t.TempDir()
	lib := filepath.Join(base, "lib")
	content := map[string]string{
		"sopctl.yaml":         "title: T\n",
		"sops/a.md":           "---\nid: a\n---\n# A\n",
		"sops/sub/b.md":       "---\nid: b\n---\n# B\n",
		"templates/role.yaml": "id: role\n",
	}
	testlib.WriteTree(t, lib, content)
	return render.Target{Dir: filepath.Join(base, "site"), LibDir: lib, SOPsDir: filepath.Join(lib, "sops")}, content
}

var bundleA = map[string][]byte{
	"index.html":       []byte("<p>a</p>\n"),
	"sops/a.html":      []byte("A"),
	"assets/style.css": []byte("body{}"),
}

var bundleB = map[string][]byte{
	"index.html":     []byte("<p>b</p>\n"),
	"roles/r.html":   []byte("R"),
	"deep/er/x.html": []byte("X"),
}

func want(t *testing.T, files map[string][]byte, marker string) map[string]string {
	t.Helper()
	out := map[string]string{render.Marker: marker}
	for k, v := range files {
		out[k] = string(v)
	}
	return out
}

func markerOf(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, render.Marker))
	if err != nil {
		t.Fatalf("no marker: %v", err)
	}
	if len(b) == 0 {
		t.Fatal("the marker file is empty")
	}
	return string(b)
}

func TestWriteNewFolder(t *testing.T) {
	tg, _ := fakeLib(t)
	tg.Dir = filepath.Join(tg.Dir, "nested", "out") // parents are made too
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	m := markerOf(t, tg.Dir)
	if got, w := tree(t, tg.Dir), want(t, bundleA, m); !maps.Equal(got, w) {
		t.Errorf("written %v, want %v", got, w)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"out"}) {
		t.Errorf("parent holds %v, want only out (no temporary folders)", got)
	}

	// The marker is fixed content: a second render writes the same.
	other, _ := fakeLib(t)
	if err := render.Write(t.Context(), other, bundleB); err != nil {
		t.Fatal(err)
	}
	if m2 := markerOf(t, other.Dir); m2 != m {
		t.Errorf("marker content differs between renders: %q vs %q", m, m2)
	}
}

func TestWriteReplacesMarkedFolder(t *testing.T) {
	tg, _ := fakeLib(t)
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	m := markerOf(t, tg.Dir)
	if err := render.Write(t.Context(), tg, bundleB); err != nil {
		t.Fatalf("replacing our own output: %v", err)
	}
	if got, w := tree(t, tg.Dir), want(t, bundleB, m); !maps.Equal(got, w) {
		t.Errorf("after the second render %v, want %v (old files gone)", got, w)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
		t.Errorf("parent holds %v, want lib and site only", got)
	}
}

func TestWriteIntoEmptyFolder(t *testing.T) {
	tg, _ := fakeLib(t)
	if err := os.Mkdir(tg.Dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatalf("an empty folder may be used without --force: %v", err)
	}
}

func TestWriteRefusesForeignFolder(t *testing.T) {
	tg, _ := fakeLib(t)
	foreign := map[string]string{"notes.txt": "precious", "sub/x.html": "mine"}
	testlib.WriteTree(t, tg.Dir, foreign)
	err := render.Write(t.Context(), tg, bundleA)
	var refused *render.RefusedError
	if !errors.As(err, &refused) {
		t.Fatalf("Write into a foreign folder = %v, want a RefusedError", err)
	}
	if !strings.Contains(err.Error(), "--force") {
		t.Errorf("the refusal does not say what to do: %v", err)
	}
	if got := tree(t, tg.Dir); !maps.Equal(got, foreign) {
		t.Errorf("the foreign folder changed: %v", got)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
		t.Errorf("parent holds %v after the refusal", got)
	}

	// A marker file with other content is not ours either.
	testlib.WriteTree(t, tg.Dir, map[string]string{render.Marker: "made by hand\n"})
	if err := render.Write(t.Context(), tg, bundleA); !errors.As(err, &refused) {
		t.Errorf("Write with a forged marker = %v, want a RefusedError", err)
	}

	tg.Force = true
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatalf("Write with Force: %v", err)
	}
	if got, w := tree(t, tg.Dir), want(t, bundleA, markerOf(t, tg.Dir)); !maps.Equal(got, w) {
		t.Errorf("after Force %v, want %v", got, w)
	}
}

func TestWriteRefusesFile(t *testing.T) {
	tg, _ := fakeLib(t)
	testlib.WriteTree(t, filepath.Dir(tg.Dir), map[string]string{"site": "a file"})
	tg.Force = true
	var refused *render.RefusedError
	if err := render.Write(t.Context(), tg, bundleA); !errors.As(err, &refused) {
		t.Errorf("Write over a file = %v, want a RefusedError", err)
	}
	if b, _ := os.ReadFile(tg.Dir); string(b) != "a file" {
		t.Errorf("the file changed: %q", b)
	}
}

func TestWriteRefusesLibraryFolders(t *testing.T) {
	for _, force := range []bool{false, true} {
		for _, dir := range []string{".", "..", "sops", "sops/sub", "sops/new", "templates", "templates/out"} {
			tg, lib := fakeLib(t)
			tg.Force = force
			tg.Dir = filepath.Join(tg.LibDir, filepath.FromSlash(dir))
			var refused *render.RefusedError
			err := render.Write(t.Context(), tg, bundleA)
			if !errors.As(err, &refused) {
				t.Errorf("force=%v dir=lib/%s: Write = %v, want a RefusedError", force, dir, err)
			}
			if err := tg.Check(); !errors.As(err, &refused) {
				t.Errorf("force=%v dir=lib/%s: Check = %v, want a RefusedError", force, dir, err)
			}
			if got := tree(t, tg.LibDir); !maps.Equal(got, lib) {
				t.Errorf("force=%v dir=lib/%s: the library changed: %v", force, dir, got)
			}
			if got := entries(t, filepath.Dir(tg.LibDir)); !slices.Equal(got, []string{"lib"}) {
				t.Errorf("force=%v dir=lib/%s: beside the library: %v", force, dir, got)
			}
		}
	}
}

// A folder of the library reached through a symlink is still the
// library's.
func TestWriteRefusesLibraryThroughSymlink(t *testing.T) {
	tg, lib := fakeLib(t)
	alias := filepath.Join(filepath.Dir(tg.LibDir), "alias")
	if err := os.Symlink(tg.LibDir, alias); err != nil {
		t.Skip("no symlinks:", err)
	}
	tg.Dir = filepath.Join(alias, "sops", "site")
	tg.Force = true
	err := render.Write(t.Context(), tg, bundleA)
	if got := tree(t, tg.LibDir); !maps.Equal(got, lib) {
		t.Errorf("regression: output.go Target.Check compares paths without resolving symlinks: Dir=<alias>/sops/site with alias -> library root is accepted (Write err=%v) and the bundle is written inside sops_dir, expected a RefusedError; library now holds %d files", err, len(got))
	}
	var refused *render.RefusedError
	if !errors.As(err, &refused) {
		t.Errorf("Write into the SOP folder through a symlink = %v, want a RefusedError", err)
	}
}

// A bundle that fails midway (here a file name that leaves the output
// folder) leaves the old output as it was and no temporary folder behind.
func TestWriteFailureKeepsOldOutput(t *testing.T) {
	tg, _ := fakeLib(t)
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	before := tree(t, tg.Dir)
	// The last case fails while writing: "x" is both a file and a folder.
	for _, bad := range []string{"../x", "sops/../../x", "/abs", `sops\x`, "", "x/y"} {
		files := maps.Clone(bundleB)
		files[bad] = []byte("escape")
		if bad == "x/y" {
			files["x"] = []byte("a file where a folder must be")
		}
		if err := render.Write(t.Context(), tg, files); err == nil {
			t.Errorf("Write with bundle file %q succeeded", bad)
		}
		if got := tree(t, tg.Dir); !maps.Equal(got, before) {
			t.Errorf("bundle file %q: the old output changed: %v", bad, got)
		}
		if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
			t.Errorf("bundle file %q: parent holds %v (temporary folders left, or a file escaped)", bad, got)
		}
	}
}

// A Stage takes files as they come; Abort leaves the old output as it
// was, and a name written twice is an error, not an overwrite.
func TestStage(t *testing.T) {
	tg, _ := fakeLib(t)
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	before := tree(t, tg.Dir)

	s, err := render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("sops/x.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("sops/x.html", []byte("y")); err == nil {
		t.Error("a second sops/x.html was written over the first")
	}
	for _, bad := range []string{"../x.html", "/x.html", `sops\x.html`, render.Marker} {
		if err := s.WriteFile(bad, []byte("z")); err == nil {
			t.Errorf("WriteFile(%q) was accepted", bad)
		}
	}
	s.Abort()
	if got := tree(t, tg.Dir); !maps.Equal(got, before) {
		t.Errorf("after Abort the output is %v, want it as it was, %v", got, before)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
		t.Errorf("after Abort the parent holds %v: the staging folder was left behind", got)
	}

	s, err = render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	m := markerOf(t, tg.Dir)
	if got, w := tree(t, tg.Dir), want(t, map[string][]byte{"index.html": []byte("new")}, m); !maps.Equal(got, w) {
		t.Errorf("after Commit %v, want %v", got, w)
	}
}

// Files keeps a copy: the writers reuse their buffers once WriteFile
// returns (Output).
func TestFilesKeepsACopy(t *testing.T) {
	var files render.Files
	data := []byte("<p>one</p>")
	if err := files.WriteFile("a.html", data); err != nil {
		t.Fatal(err)
	}
	copy(data, "<p>two</p>")
	if got := string(files.Map()["a.html"]); got != "<p>one</p>" {
		t.Errorf("Files holds %q after the writer reused its buffer, want %q", got, "<p>one</p>")
	}
}
