package render_test

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
)

// checkFixture makes, under a fresh folder, a git repository holding a
// library in handbook/ and, beside the library, folders of every kind an
// output folder may be; it returns the fixture's root and a Target for
// the library (Dir unset).
func checkFixture(t *testing.T) (string, render.Target) {
	t.Helper()
	base := t.TempDir()
	marker := readMarker(t)
	testlib.WriteTree(t, base, map[string]string{
		".git/HEAD":                            "ref: refs/heads/main\n",
		"handbook/.git/HEAD":                   "ref: refs/heads/main\n", // the library is a repository of its own too
		"handbook/sopctl.yaml":                 "title: T\nsops_dir: procedures\n",
		"handbook/procedures/a.md":             "---\nid: a\n---\n# A\n",
		"handbook/templates/role.yaml":         "id: role\n",
		"handbook/static/logo.txt":             "logo",
		"handbook/docs/keep/n.txt":             "n",
		"handbook/site/" + render.Marker:       marker,
		"handbook/site/index.html":             "old",
		"handbook/forged/" + render.Marker:     "made by hand\n",
		"handbook/forged/x":                    "x",
		"handbook/holds-repo/" + render.Marker: marker,
		"handbook/holds-repo/.git/HEAD":        "ref: refs/heads/main\n",
		"foreign/notes.txt":                    "precious",
		"foreign/sub/x.html":                   "mine",
		"nested-repo/a/.git/HEAD":              "ref: refs/heads/main\n",
		"nested-repo/a/f":                      "f",
		"marked/" + render.Marker:              marker,
		"marked/index.html":                    "old",
		"a-file":                               "a file",
	})
	for _, d := range []string{"handbook/empty", "empty-outside", "handbook/.GIT-like"} {
		if err := os.Mkdir(filepath.Join(base, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"link-to-marked":      "marked",
		"link-to-foreign":     "foreign",
		"link-to-git":         ".git",
		"link-to-sops":        "handbook/procedures",
		"link-to-file":        "a-file",
		"dangling":            "nowhere",
		"handbook/link-site":  "site",
		"handbook/link-docs":  "docs",
		"handbook/link-above": "..",
	}
	for name, to := range links {
		if err := os.Symlink(to, filepath.Join(base, name)); err != nil {
			t.Skip("no symlinks:", err)
		}
	}
	lib := filepath.Join(base, "handbook")
	return base, render.Target{LibDir: lib, SOPsDir: filepath.Join(lib, "procedures")}
}

// readMarker returns the marker's content, as a render writes it.
func readMarker(t *testing.T) string {
	t.Helper()
	tg, _ := fakeLib(t)
	if err := render.Write(t.Context(), tg, map[string][]byte{"x": nil}); err != nil {
		t.Fatal(err)
	}
	return markerOf(t, tg.Dir)
}

// TestTargetCheck is SPEC section 6's list of output folders: each one
// refused (with and without --force), and each one allowed. Paths are
// relative to the fixture's root; the library is handbook/.
func TestTargetCheck(t *testing.T) {
	const (
		ok         = ""
		pick       = "choose a folder for the output only, like site"
		needsForce = "exists and was not made by sopctl render (no .sopctl-output file): pass --force to replace it, or choose another folder"
		notInLib   = "is a folder of the library that sopctl did not make (no .sopctl-output file), and --force never replaces a folder inside the library"
		holdsRepo  = "holds a git repository (.git), which replacing the folder would delete"
	)
	tests := []struct {
		dir         string
		force, want string // want with and without Force ("" = allowed)
	}{
		// The library and above it.
		{dir: "handbook", want: "is the library root: " + pick},
		{dir: "handbook/.", want: "is the library root: " + pick},
		{dir: "handbook/procedures/..", want: "is the library root: " + pick},
		{dir: ".", want: "contains the library: " + pick},
		{dir: "..", want: "contains the library: " + pick},
		{dir: "handbook/link-above", want: "contains the library: " + pick},
		// Git folders, anywhere, and folders holding one.
		{dir: "handbook/.git", want: "is the library's git folder: " + pick},
		{dir: "handbook/.git/hooks", want: "lies inside a git folder (.git): " + pick},
		{dir: "handbook/.git/new", want: "lies inside a git folder (.git): " + pick},
		{dir: ".git", want: "is a git folder (.git): " + pick},
		{dir: "handbook/../.git", want: "is a git folder (.git): " + pick},
		{dir: "link-to-git", want: "is a git folder (.git): " + pick},
		{dir: "elsewhere/.Git", want: "is a git folder (.git): " + pick},
		{dir: "handbook/holds-repo", want: holdsRepo},
		{dir: "nested-repo", want: needsForce, force: "holds a git repository (a/.git), which replacing the folder would delete"},
		// The library's own folders.
		{dir: "handbook/procedures", want: "is the library's SOP folder (sops_dir): " + pick},
		{dir: "handbook/procedures/new", want: "lies inside the library's SOP folder (sops_dir): " + pick},
		{dir: "link-to-sops", want: "is the library's SOP folder (sops_dir): " + pick},
		{dir: "handbook/templates", want: "is the library's template folder: " + pick},
		{dir: "handbook/templates/out", want: "lies inside the library's template folder: " + pick},
		{dir: "handbook/static", want: "is the library's static folder (static_dir): " + pick},
		{dir: "handbook/static/site", want: "lies inside the library's static folder (static_dir): " + pick},
		// Existing folders inside the library that sopctl did not make.
		{dir: "handbook/docs", want: notInLib},
		{dir: "handbook/docs/keep", want: notInLib},
		{dir: "handbook/forged", want: notInLib},
		{dir: "handbook/link-docs", want: notInLib},
		{dir: "handbook/.GIT-like", want: ok}, // empty, and not .git
		// Allowed inside the library: new, empty, or sopctl's own.
		{dir: "handbook/site", want: ok},
		{dir: "handbook/link-site", want: ok},
		{dir: "handbook/empty", want: ok},
		{dir: "handbook/new", want: ok},
		{dir: "handbook/docs/new/deeper", want: ok},
		{dir: "handbook/site/sub", want: ok},
		// Outside the library.
		{dir: "marked", want: ok},
		{dir: "link-to-marked", want: ok},
		{dir: "empty-outside", want: ok},
		{dir: "new/out", want: ok},
		{dir: "foreign", want: needsForce, force: ok},
		{dir: "link-to-foreign", want: needsForce, force: ok},
		// Not folders.
		{dir: "a-file", want: "is a file, not a folder: remove it, or choose another output folder"},
		{dir: "link-to-file", want: "is a symlink to a-file, which is not a folder: remove the link, or choose another output folder"},
		{dir: "dangling", want: "is a symlink to nowhere, which does not exist: make that folder, or remove the link and render again"},
	}
	base, tg := checkFixture(t)
	for _, tc := range tests {
		for _, force := range []bool{false, true} {
			want := tc.want
			if force && (tc.want == needsForce || tc.force != "") {
				want = tc.force
			}
			tg := tg
			tg.Dir, tg.Force = filepath.Join(base, filepath.FromSlash(tc.dir)), force
			s, err := render.NewStage(t.Context(), tg)
			if err == nil {
				s.Abort()
			}
			checkRefusal(t, tc.dir, force, err, want)
			if strings.Contains(want, "(a/.git)") {
				want = ok // only NewStage walks the folder that --force replaces
			}
			checkRefusal(t, tc.dir+" (Check)", force, tg.Check(), want)
		}
	}
	// Checking changed nothing, and no staging folder was left anywhere.
	var left []string
	_ = filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".sopctl-new-") {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Errorf("staging folders left: %v", left)
	}
	if got := tree(t, filepath.Join(base, "handbook", "docs")); !maps.Equal(got, map[string]string{"keep/n.txt": "n"}) {
		t.Errorf("docs changed: %v", got)
	}
}

// checkRefusal asserts that err is a refusal whose reason starts with
// want, or nil when want is "".
func checkRefusal(t *testing.T, dir string, force bool, err error, want string) {
	t.Helper()
	var refused *render.RefusedError
	switch {
	case want == "" && err != nil:
		t.Errorf("%s (force=%v): refused: %v", dir, force, err)
	case want != "" && !errors.As(err, &refused):
		t.Errorf("%s (force=%v): %v, want a refusal %q", dir, force, err, want)
	case want != "" && !strings.HasPrefix(refused.Why, want):
		t.Errorf("%s (force=%v): refused with\n%q\nwant\n%q", dir, force, refused.Why, want)
	}
}

// The two reproductions of issue 8 item 1, through Write: .git and a
// user's folder inside the library survive --force.
func TestForceNeverReplacesLibraryFolders(t *testing.T) {
	base, tg := checkFixture(t)
	lib := tree(t, tg.LibDir)
	outside := tree(t, filepath.Join(base, ".git"))
	for _, dir := range []string{".git", "docs", "docs/keep", "procedures", "templates", "static", "forged", "holds-repo", "../.git"} {
		tg := tg
		tg.Dir, tg.Force = filepath.Join(tg.LibDir, dir), true
		var refused *render.RefusedError
		if err := render.Write(t.Context(), tg, bundleA); !errors.As(err, &refused) {
			t.Errorf("Write -o %s --force = %v, want a refusal", dir, err)
		}
	}
	if got := tree(t, tg.LibDir); !maps.Equal(got, lib) {
		t.Errorf("the library changed")
	}
	if got := tree(t, filepath.Join(base, ".git")); !maps.Equal(got, outside) {
		t.Errorf("the repository's .git changed")
	}
}

// With Force, an existing folder outside the library that sopctl did not
// make is listed (every file, with its folder count) before it is
// replaced.
func TestForcedListsWhatItDeletes(t *testing.T) {
	base, tg := checkFixture(t)
	tg.Dir, tg.Force = filepath.Join(base, "foreign"), true
	s, err := render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	f := s.Forced()
	if f == nil {
		t.Fatal("Forced() = nil for a foreign folder")
	}
	if want := []string{"notes.txt", "sub/x.html"}; !slices.Equal(f.Files, want) || f.Folders != 1 {
		t.Errorf("Forced() = %v files in %d folders, want %v in 1", f.Files, f.Folders, want)
	}
	if err := s.WriteFile("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, tg.Dir); got["notes.txt"] != "" || got["index.html"] != "new" {
		t.Errorf("after the forced render: %v", got)
	}

	// Sopctl's own folder is replaced without a list.
	tg.Force = false
	s, err = render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if f := s.Forced(); f != nil {
		t.Errorf("Forced() = %+v for sopctl's own folder", f)
	}
	s.Abort()
}
