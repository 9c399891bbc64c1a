package rendertest

import (
	"bytes"
	"errors"
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
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/templates"
)

// Change is an edit of a library between two renders, for the tests of
// the incremental render: Edit changes the library's files (dir is its
// root); History and Days change the revision history and today's date;
// Output changes the previous output (site is its folder).
type Change struct {
	Name    string
	Edit    func(t testing.TB, dir string)
	Output  func(t testing.TB, site string)
	History gitlog.History
	Days    int // days after Today
	// Kept are bundle files the incremental render must take from the
	// previous output (the same file, hard linked), Made files it must
	// make anew.
	Kept, Made []string
	// Parsed is how many SOP files the incremental render must parse
	// when it loads with the cache (the others come from it); -1: not
	// none, the cache was not used.
	Parsed int
}

// Replace is an Edit that replaces old with new in one file of the
// library (a slash path), which must hold old.
func Replace(name, old, new string) func(testing.TB, string) {
	return func(t testing.TB, dir string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		b, err := os.ReadFile(p)
		if err != nil || !bytes.Contains(b, []byte(old)) {
			t.Fatalf("%s does not hold %q (%v)", name, old, err)
		}
		if err := os.WriteFile(p, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// IncrementalPrint runs Incremental with w over PrintLibrary, holding 3
// SOPs to a handbook file (role handbooks in parts) and 100 (one page),
// with PrintChanges (see there for ext, lists and printed); with nothing
// changed, the render writes no file.
func IncrementalPrint(t *testing.T, w Writer, ext string, lists, printed []string) {
	incrementalPrint(t, w, PrintChanges(ext, lists, printed), false)
}

// IncrementalPrintCached is IncrementalPrint for a writer of summaries
// (render.Sources), loading as sopctl render does for HTML: with the
// previous render's cache (render.CacheFile), which it writes; with
// CacheChanges too, and the SOPs taken from the cache counted.
func IncrementalPrintCached(t *testing.T, w Writer, ext string, lists, printed []string) {
	changes := PrintChanges(ext, lists, printed)
	incrementalPrint(t, w, slices.Concat(changes, CacheChanges(changes[0].Kept, changes[1])), true)
}

func incrementalPrint(t *testing.T, w Writer, changes []Change, cached bool) {
	for _, max := range []int{3, 100} {
		t.Run(map[int]string{3: "books", 100: "one-page"}[max], func(t *testing.T) {
			_, written := incremental(t, PrintLibrary(t, max), gitlog.History{}, w, changes, cached)
			if written["nothing"] != 0 {
				t.Errorf("with nothing changed, the incremental render wrote %d files", written["nothing"])
			}
		})
	}
}

// IncrementalExample runs Incremental with w over the example library
// (ExampleDir), whose SOPs have tables, images, linked files and review
// dates: a day later and two years later (the next review of
// complaint-resolution, and its being overdue, show on its page, page,
// and the index, index, which are reused, then made anew), and after an
// edit of complaint-resolution's body (its page is made anew, the index
// reused).
func IncrementalExample(t *testing.T, w Writer, page, index string) {
	incrementalExample(t, w, page, index, false)
}

// IncrementalExampleCached is IncrementalExample for a writer of
// summaries, with the cache (see IncrementalPrintCached).
func IncrementalExampleCached(t *testing.T, w Writer, page, index string) {
	incrementalExample(t, w, page, index, true)
}

func incrementalExample(t *testing.T, w Writer, page, index string, cached bool) {
	incremental(t, ExampleDir, gitlog.History{}, w, []Change{
		{Name: "a day", Days: 1, Kept: []string{page, index, exampleImage, exampleForm}},
		{Name: "a linked file", Edit: func(t testing.TB, dir string) {
			appendFile(t, filepath.Join(dir, "sops", "img", "escalation-flow.png"), "\n")
		},
			Kept: []string{page, index, exampleForm}, Made: []string{exampleImage}},
		{Name: "two years", Days: 800, Made: []string{page, index}},
		{Name: "a body", Edit: Replace("sops/complaint-resolution.md", "## Scope\n", "## Scope\n\nOne more sentence.\n"),
			Kept: []string{index}, Made: []string{page}, Parsed: 1},
	}, cached)
}

// PrintChanges are changes of PrintLibrary and the bundle files they
// must remake or reuse: ext is the extension of the bundle's pages, lists
// the files made from the whole library but no body (the index first),
// printed those made from every body (a role handbook that prints c
// first).
func PrintChanges(ext string, lists, printed []string) []Change {
	var pages []string
	for _, id := range []string{"a", "b", "d", "e", "f"} {
		pages = append(pages, "sops/"+id+ext)
	}
	all := slices.Concat(pages, lists, printed)
	stamp := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	return []Change{
		{Name: "nothing", Kept: all},
		{Name: "body", Edit: Replace("sops/c.md", "Do it.", "Do it twice."),
			Kept: slices.Concat(pages, lists), Made: slices.Concat([]string{"sops/c" + ext}, printed), Parsed: 1},
		{Name: "title", Edit: Replace("sops/c.md", "title: alpha", "title: Zulu"), Made: all, Parsed: 1},
		{Name: "roles", Edit: Replace("sops/e.md", "owner: O\n", "owner: O\nroles: [agent]\n"), Made: all, Parsed: 1},
		{Name: "status", Edit: Replace("sops/d.md", "status: approved", "status: retired"), Made: all, Parsed: 1},
		{Name: "heading", Edit: Replace("sops/b.md", "## Steps", "## Stages"), Made: all, Parsed: 1},
		{Name: "link", Edit: Replace("sops/c.md", "Do it.", "See [e](e.md)."), Made: all, Parsed: 1},
		{Name: "delete", Edit: func(t testing.TB, dir string) { remove(t, filepath.Join(dir, "sops/e.md")) }, Made: slices.Concat(pages[:3], lists)},
		{Name: "add", Edit: func(t testing.TB, dir string) {
			writeFile(t, filepath.Join(dir, "sops/g.md"), SOPFile("g", "roles: [agent]\n", "## Steps\n\nGo.\n"))
		}, Made: all, Parsed: 1},
		{Name: "config", Edit: Replace("sopctl.yaml", "title: Print Test", "title: Print Test 2"), Made: all},
		{Name: "history", History: gitlog.History{"sops/d.md": {{Commit: "0123456789ab", Author: "Ann", Date: stamp, Subject: "Fix"}}},
			Kept: pages[:2], Made: []string{"sops/d" + ext, lists[0]}},
		{Name: "today", Days: 800, Kept: all}, // no SOP of PrintLibrary has a review date
		{Name: "bad manifest", Output: Replace(render.ManifestFile, `"sops/a`+ext+`":"`, `"sops/a`+ext+`":"x`), Made: all},
		{Name: "junk manifest", Output: func(t testing.TB, site string) { writeFile(t, filepath.Join(site, render.ManifestFile), "{") }, Made: all},
		{Name: "no manifest", Output: func(t testing.TB, site string) { remove(t, filepath.Join(site, render.ManifestFile)) }, Made: all},
	}
}

// The example's linked files as the bundle copies them: an unchanged one
// is reused like a page.
const (
	exampleImage = "files/sops/img/escalation-flow.png"
	exampleForm  = "files/sops/forms/refund-request.pdf"
)

func appendFile(t testing.TB, p, more string) {
	t.Helper()
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString(more)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
}

func remove(t testing.TB, p string) {
	t.Helper()
	if err := os.Remove(p); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Incremental renders a copy of the library at dir with w into a folder,
// then, for each change, makes the change and renders again into the same
// folder (incrementally) and, with Full, into a new one, and fails the
// test unless the two folders are the same byte for byte, the manifest
// included. It returns how many files each incremental render reused and
// wrote, by change name.
func Incremental(t *testing.T, dir string, history gitlog.History, w Writer, changes []Change) (reused, written map[string]int) {
	return incremental(t, dir, history, w, changes, false)
}

// incremental is Incremental; cached loads summaries with the previous
// render's cache, as sopctl render does for HTML, and checks how many
// SOP files were parsed (Change.Parsed).
func incremental(t *testing.T, dir string, history gitlog.History, w Writer, changes []Change, cached bool) (reused, written map[string]int) {
	reused, written = map[string]int{}, map[string]int{}
	for _, c := range changes {
		t.Run(c.Name, func(t *testing.T) {
			lib := t.TempDir()
			if err := os.CopyFS(lib, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			site := filepath.Join(out, "site")
			renderTo(t, lib, site, history, Today(), false, cached, w)
			if c.Edit != nil {
				c.Edit(t, lib)
			}
			if c.Output != nil {
				c.Output(t, site)
			}
			hist := history
			if c.History != nil {
				hist = c.History
			}
			today := Today().AddDate(0, 0, c.Days)
			before := stats(t, site, slices.Concat(c.Kept, c.Made))
			stage, parsed := renderWith(t, lib, site, hist, today, false, cached, w)
			reused[c.Name], written[c.Name] = stage.Reused(), stage.Written()
			if want := c.Parsed; cached && want >= 0 && parsed != want {
				t.Errorf("the incremental render parsed %d SOP files, want %d", parsed, want)
			} else if cached && want < 0 && parsed == 0 {
				t.Errorf("the incremental render parsed no SOP file, want every one")
			}
			after := stats(t, site, slices.Concat(c.Kept, c.Made))
			for i, name := range slices.Concat(c.Kept, c.Made) {
				if kept := os.SameFile(before[i], after[i]); kept != (i < len(c.Kept)) {
					t.Errorf("%s: reused %t, want %t", name, kept, !kept)
				}
			}
			full := renderTo(t, lib, filepath.Join(out, "full"), hist, today, true, cached, w)
			if full.Reused() != 0 {
				t.Errorf("render with Full reused %d files", full.Reused())
			}
			SameTrees(t, testlib.ReadTree(t, site), testlib.ReadTree(t, filepath.Join(out, "full")))
		})
	}
	return reused, written
}

// stats are the files of a folder, by slash path.
func stats(t testing.TB, dir string, names []string) []os.FileInfo {
	t.Helper()
	var out []os.FileInfo
	for _, name := range names {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fi)
	}
	return out
}

// renderTo renders the library at dir with w into a Stage for out, as
// sopctl render does, and commits it; cached loads summaries with the
// cache of out (unless full) and writes the new one.
func renderTo(t testing.TB, dir, out string, history gitlog.History, today time.Time, full, cached bool, w Writer) *render.Stage {
	t.Helper()
	stage, _ := renderWith(t, dir, out, history, today, full, cached, w)
	return stage
}

// RenderCached renders the library at dir with w into the folder out as
// sopctl render does for HTML (summaries, and the cache of out unless
// full), as of Today, and returns the committed Stage.
func RenderCached(t testing.TB, dir, out string, full bool, w Writer) *render.Stage {
	t.Helper()
	stage, _ := renderWith(t, dir, out, gitlog.History{}, Today(), full, true, w)
	return stage
}

// renderWith is renderTo that also says how many SOP files the load
// parsed (with cached; 0 otherwise).
func renderWith(t testing.TB, dir, out string, history gitlog.History, today time.Time, full, cached bool, w Writer) (*render.Stage, int) {
	t.Helper()
	var h *render.Handbook
	var lib *library.Library
	var sources *render.Sources
	if cached {
		sources = render.NewSources()
		if !full {
			sources.Use(render.ReadCache(out))
		}
		h, lib = loadAt(t, dir, history, today, sources)
	} else {
		h, lib = loadAt(t, dir, history, today, nil)
	}
	target := render.Target{Dir: out, LibDir: lib.Dir, SOPsDir: filepath.Join(lib.Dir, "sops"), Full: full}
	stage, err := render.NewStage(t.Context(), target)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w(h, stage, lib); err != nil {
		stage.Abort()
		t.Fatal(err)
	}
	if err := h.WriteCache(stage); err != nil {
		stage.Abort()
		t.Fatal(err)
	}
	if err := stage.Commit(); err != nil {
		t.Fatal(err)
	}
	parsed := 0
	if sources != nil {
		parsed = sources.Parsed()
	}
	return stage, parsed
}

// loadAt is Load with another today; with sources, it keeps summaries,
// as sopctl render loads, taking what the cache sources use
// gives.
func loadAt(t testing.TB, dir string, history gitlog.History, today time.Time, sources *render.Sources) (*render.Handbook, *library.Library) {
	t.Helper()
	var lib *library.Library
	var err error
	var opts []render.BuildOption
	if sources == nil {
		lib, err = library.Load(dir)
	} else {
		prepareBodies(t, sources)
		lib, err = library.LoadKnown(t.Context(), dir, sources.Summary, sources.Cached, sources.Known)
		if err == nil {
			sources.Restore(lib)
		}
		opts = []render.BuildOption{render.WithSources(sources)}
	}
	if err != nil {
		t.Fatalf("library.Load(%s): %v", dir, err)
	}
	for _, f := range lib.Failed {
		t.Fatalf("%s: %v", dir, f)
	}
	cat, err := roles.Load(templates.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	return render.Build(lib, roles.Known(cat, lib.Config).Titles(), history, today, opts...), lib
}

// PrepareBodies, when set (by the HTML writer's tests), converts each
// body as a library of summaries loads, as sopctl render does for HTML
// (render.Sources.PrepareBodies).
var PrepareBodies render.BodyPrep

// prepareBodies has sources convert the bodies it loads with
// PrepareBodies, into a spool closed when the test ends.
func prepareBodies(t testing.TB, sources *render.Sources) {
	t.Helper()
	if PrepareBodies == nil {
		return
	}
	sp, err := render.TempSpool(filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	sources.PrepareBodies(PrepareBodies, sp)
	t.Cleanup(func() { _ = sources.Close() })
}

// SameTrees fails the test for each file that differs between two trees
// of files (path -> content), naming it.
func SameTrees(t testing.TB, got, want map[string][]byte) {
	t.Helper()
	var diff []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		g, ok := got[name]
		switch {
		case !ok:
			diff = append(diff, name+": missing")
		case !bytes.Equal(g, want[name]):
			diff = append(diff, name+": "+testlib.FirstDiff(g, want[name]))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			diff = append(diff, name+": not in the full render")
		}
	}
	if len(diff) > 0 {
		t.Errorf("the incremental render differs from the full one:\n%s", strings.Join(diff, "\n"))
	}
}
