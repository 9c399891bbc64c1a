// Package rendertest holds what the tests of pkg/render and of its writers
// (html, markdown) share: a fixed today, the test libraries and their
// histories, loading a library as sopctl render does, writing small
// libraries, rendering a bundle into memory (twice, to compare) and on
// summaries into a Stage (to compare with one on whole documents), and
// checking a bundle's links and URLs whatever the format (each writer's
// tests find the links in their format), and the pieces a file holds.
package rendertest

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
)

// Today is the fixed "today" of the render tests.
func Today() time.Time { return time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC) }

// SmallHistory is a fabricated git history of the small library
// (pkg/render/testdata/small): one revision of one file, to exercise the
// revision table (with characters that need escaping).
func SmallHistory() gitlog.History {
	return gitlog.History{
		"sops/service/complaint-handling.md": {{
			Commit:  "0123456789ab",
			Author:  "Ann <Tester> & Co",
			Date:    time.Date(2026, 11, 1, 14, 30, 0, 0, time.FixedZone("CET", 3600)),
			Subject: "Tighten the <b>steps</b> | add limits",
		}},
	}
}

// Load loads the library at dir and resolves it as sopctl render does:
// role titles from the built-in templates and sopctl.yaml.
func Load(t testing.TB, dir string, history gitlog.History) (*render.Handbook, *library.Library) {
	t.Helper()
	return loadAt(t, dir, history, Today(), nil)
}

// LoadSummaries is Load that keeps summaries, not documents, as sopctl
// render does (render.Sources): each SOP's file is read again
// when its page is written.
func LoadSummaries(t testing.TB, dir string, history gitlog.History) (*render.Handbook, *library.Library) {
	t.Helper()
	return loadAt(t, dir, history, Today(), render.NewSources())
}

// Writer is a writer's Bundle with its options made from the library.
type Writer func(h *render.Handbook, out render.Output, lib *library.Library) ([]render.Warning, error)

// WithFiles is a writer followed by render.CopyFiles, as sopctl render
// runs them: the bundle holds the files the bodies link to.
func WithFiles(w Writer) Writer {
	return func(h *render.Handbook, out render.Output, lib *library.Library) ([]render.Warning, error) {
		warns, err := w(h, out, lib)
		if err != nil {
			return nil, err
		}
		root, err := os.OpenRoot(lib.Dir)
		if err != nil {
			return nil, err
		}
		defer root.Close()
		return warns, render.CopyFiles(h, root.FS(), out)
	}
}

// CopiedFiles fails the test unless the bundle holds each file of the
// library at dir (names: slash paths from its root) under files/, with
// the library's bytes.
func CopiedFiles(t testing.TB, files map[string][]byte, dir string, names ...string) {
	t.Helper()
	for _, name := range names {
		want, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := files[render.FilesDir+"/"+name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s/%s: copied %v, not with the library's bytes", render.FilesDir, name, ok)
		}
	}
}

// Bundle renders the library at dir with a writer, into memory.
func Bundle(t testing.TB, dir string, history gitlog.History, w Writer) (map[string][]byte, []render.Warning) {
	t.Helper()
	h, lib := Load(t, dir, history)
	var files render.Files
	warns, err := w(h, &files, lib)
	if err != nil {
		t.Fatalf("Bundle(%s): %v", dir, err)
	}
	return files.Map(), warns
}

// SameRenders fails the test when two renders differ, in their files or
// their warnings.
func SameRenders(t testing.TB, a, b map[string][]byte, wa, wb []render.Warning) {
	t.Helper()
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Fatalf("two renders give different files")
	}
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between two renders:\n%s", name, testlib.FirstDiff(a[name], b[name]))
		}
	}
	if !slices.Equal(wa, wb) {
		t.Errorf("warnings differ between two renders:\n%v\n%v", wa, wb)
	}
}

// Names lists the names of a bundle's files that end in ext, sorted.
func Names(files map[string][]byte, ext string) []string {
	var names []string
	for name := range files {
		if strings.HasSuffix(name, ext) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// LibraryFiles writes a library to a temporary folder: path -> content.
func LibraryFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testlib.WriteTree(t, dir, files)
	return dir
}

// SOPFile is a minimal valid SOP with the given id, extra front matter
// and body.
func SOPFile(id, extra, body string) string {
	return "---\nid: " + id + "\ntitle: " + id + "\nversion: \"1\"\nstatus: draft\nowner: O\n" + extra + "---\n\n" + body
}

// Between is the part of s after from and before the next to (the rest of
// s when to does not follow; "" when from is not in s).
func Between(s, from, to string) string {
	i := strings.Index(s, from)
	if i < 0 {
		return ""
	}
	s = s[i+len(from):]
	if j := strings.Index(s, to); j >= 0 {
		return s[:j]
	}
	return s
}

// SummariesAlike renders lib with w twice and fails the test when the two
// differ, in their files or their warnings: on whole documents into
// memory, and as sopctl render does, on summaries (each SOP's file read
// again as its page is written) into a Stage (whose spool the writer may
// use, gone before the swap).
func SummariesAlike(t *testing.T, lib Lib, w Writer) {
	t.Helper()
	whole, wholeWarns := Bundle(t, lib.Dir, lib.History, w)
	h, l := LoadSummaries(t, lib.Dir, lib.History)
	if err := h.KeysErr(); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "site")
	stage, err := render.NewStage(t.Context(), render.Target{Dir: out, LibDir: l.Dir, SOPsDir: filepath.Join(l.Dir, "sops")})
	if err != nil {
		t.Fatal(err)
	}
	warns, err := w(h, stage, l)
	if err != nil {
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	files := testlib.ReadTree(t, out)
	for _, name := range []string{render.Marker, render.ManifestFile} {
		delete(files, name)
	}
	SameRenders(t, files, whole, warns, wholeWarns)
}
