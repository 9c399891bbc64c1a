package render_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
	"github.com/sopctl/sopctl/pkg/render"
)

// deadPID is a process id no process has: above the largest pid_max Linux
// allows (2^22) and macOS's 99999.
const deadPID = 99999999

// TestStaleSiblings: a render removes the temporary siblings of its output
// folder whose creator is no longer running, and nothing else.
func TestStaleSiblings(t *testing.T) {
	live := os.Getpid()
	tests := []struct {
		name string
		dir  bool // a folder (else a file)
		gone bool
	}{
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789ab", deadPID), dir: true, gone: true},
		{name: fmt.Sprintf(".site.sopctl-old-%d-abcdefabcdef", deadPID), dir: true, gone: true},
		// A render still running: its own process, and init.
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789ab", live), dir: true},
		{name: ".site.sopctl-old-1-0123456789ab", dir: true},
		// Not exactly sopctl's naming, or not a folder: never touched.
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789ab", deadPID)[:30], dir: true},
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789AB", deadPID), dir: true},
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789abc", deadPID), dir: true},
		{name: fmt.Sprintf(".site.sopctl-new-0%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".site.sopctl-new-+%d-0123456789ab", deadPID), dir: true},
		{name: ".site.sopctl-new-0-0123456789ab", dir: true},
		{name: ".site.sopctl-new-99999999999-0123456789ab", dir: true},
		{name: fmt.Sprintf(".site.sopctl-tmp-%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".site.sopctl-new-%d-0123456789ab.bak", deadPID), dir: true},
		{name: fmt.Sprintf("site.sopctl-new-%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".other.sopctl-new-%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".site2.sopctl-new-%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".sit.sopctl-new-%d-0123456789ab", deadPID), dir: true},
		{name: fmt.Sprintf(".site.sopctl-old-%d-fedcba987654", deadPID)},
	}
	tg, _ := fakeLib(t)
	parent := filepath.Dir(tg.Dir)
	for _, tc := range tests {
		if tc.dir {
			testlib.WriteTree(t, filepath.Join(parent, tc.name), map[string]string{"sub/page.html": "x", render.Marker: "x"})
		} else {
			testlib.WriteTree(t, parent, map[string]string{tc.name: "a file"})
		}
	}
	// A link named as a stale sibling, to a folder that must survive.
	testlib.WriteTree(t, parent, map[string]string{"precious/keep.txt": "keep"})
	link := fmt.Sprintf(".site.sopctl-new-%d-aaaaaaaaaaaa", deadPID)
	if err := os.Symlink("precious", filepath.Join(parent, link)); err != nil {
		t.Fatal(err)
	}
	// A stale sibling that holds a link to that folder: the link goes,
	// not what it leads to.
	if err := os.Symlink(filepath.Join("..", "..", "precious"), filepath.Join(parent, tests[0].name, "sub", "linked")); err != nil {
		t.Fatal(err)
	}

	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	for _, tc := range tests {
		_, err := os.Lstat(filepath.Join(parent, tc.name))
		if gone := errors.Is(err, os.ErrNotExist); gone != tc.gone {
			t.Errorf("%s: removed=%v, want %v", tc.name, gone, tc.gone)
		}
	}
	if _, err := os.Lstat(filepath.Join(parent, link)); err != nil {
		t.Errorf("the link named like a stale sibling was removed: %v", err)
	}
	if got := tree(t, filepath.Join(parent, "precious")); !maps.Equal(got, map[string]string{"keep.txt": "keep"}) {
		t.Errorf("the folder behind the link changed: %v", got)
	}
}

// A sibling left by a killed render is removed even when it holds a
// folder its owner cannot write to.
func TestStaleSiblingReadOnly(t *testing.T) {
	tg, _ := fakeLib(t)
	old := filepath.Join(filepath.Dir(tg.Dir), fmt.Sprintf(".site.sopctl-old-%d-0123456789ab", deadPID))
	readOnlyOutput(t, old)
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(old); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the stale old output with a read-only folder is still there: %v", err)
	}
}

// readOnlyOutput makes dir a sopctl output (marker included) with a
// read-only folder holding a file, and an unreadable one.
func readOnlyOutput(t *testing.T, dir string) {
	t.Helper()
	testlib.WriteTree(t, dir, map[string]string{
		render.Marker:         readMarker(t),
		"index.html":          "old",
		"ro/page.html":        "x",
		"ro/deeper/page.html": "y",
		"locked/page.html":    "z",
	})
	for _, d := range []struct {
		path string
		mode os.FileMode
	}{{"ro/deeper", 0o555}, {"ro", 0o555}, {"locked", 0}} {
		if err := os.Chmod(filepath.Join(dir, d.path), d.mode); err != nil {
			t.Fatal(err)
		}
	}
	// Let TempDir's cleanup remove whatever a failing test leaves, here
	// or in a temporary sibling.
	t.Cleanup(func() {
		_ = filepath.WalkDir(filepath.Dir(dir), func(p string, d os.DirEntry, err error) error {
			if d != nil && d.IsDir() {
				_ = os.Chmod(p, 0o755)
			}
			return nil
		})
	})
}

// Replacing an old output that holds read-only folders removes it all:
// nothing is left beside the new output.
func TestCommitRemovesReadOnlyOldOutput(t *testing.T) {
	tg, _ := fakeLib(t)
	readOnlyOutput(t, tg.Dir)
	s, err := render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteAll(bundleB); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if left := s.Leftovers(); left != nil {
		t.Errorf("Leftovers() = %v", left)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
		t.Errorf("beside the output: %v, want lib and site only", got)
	}
	if got, w := tree(t, tg.Dir), want(t, bundleB, markerOf(t, tg.Dir)); !maps.Equal(got, w) {
		t.Errorf("the new output is %v, want %v", got, w)
	}
}

// An interrupted render (its context cancelled after some files) stops at
// the next file, removes its staging folder and leaves the old output as
// it was; Commit after the interrupt swaps nothing in.
func TestStageInterrupted(t *testing.T) {
	for _, after := range []int{0, 1, 3} {
		for _, commit := range []bool{false, true} {
			t.Run(fmt.Sprintf("after %d files, commit=%v", after, commit), func(t *testing.T) {
				tg, _ := fakeLib(t)
				if err := render.Write(t.Context(), tg, bundleA); err != nil {
					t.Fatal(err)
				}
				before := tree(t, tg.Dir)
				ctx, cancel := context.WithCancel(t.Context())
				s, err := render.NewStage(ctx, tg)
				if err != nil {
					t.Fatal(err)
				}
				for i := range after {
					if err := s.WriteFile(fmt.Sprintf("sops/%d.html", i), []byte("new")); err != nil {
						t.Fatal(err)
					}
				}
				cancel()
				if err := s.WriteFile("sops/next.html", []byte("new")); !errors.Is(err, context.Canceled) {
					t.Errorf("WriteFile after the interrupt = %v, want context.Canceled", err)
				}
				if commit {
					if err := s.Commit(); !errors.Is(err, context.Canceled) {
						t.Errorf("Commit after the interrupt = %v, want context.Canceled", err)
					}
				} else if err := s.Abort(); err != nil {
					t.Errorf("Abort: %v", err)
				}
				if got := tree(t, tg.Dir); !maps.Equal(got, before) {
					t.Errorf("the old output changed: %v, want %v", got, before)
				}
				if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib", "site"}) {
					t.Errorf("beside the output: %v (the staging folder was left)", got)
				}
			})
		}
	}

	// Interrupted before it starts: nothing is made at all.
	tg, _ := fakeLib(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := render.NewStage(ctx, tg); !errors.Is(err, context.Canceled) {
		t.Errorf("NewStage after the interrupt = %v", err)
	}
	if got := entries(t, filepath.Dir(tg.Dir)); !slices.Equal(got, []string{"lib"}) {
		t.Errorf("beside the library: %v", got)
	}
}

// Any output folder name the file system allows fits its temporary
// siblings' names too (a 240-character name failed with "file name too
// long"), and a stale sibling of a long name is still recognised.
func TestLongOutputName(t *testing.T) {
	for _, name := range []string{
		strings.Repeat("a", 219),
		strings.Repeat("b", 220),
		strings.Repeat("c", 240),
		strings.Repeat("d", 255),
		strings.Repeat("é", 127), // 254 bytes: a character is not cut in two
	} {
		tg, _ := fakeLib(t)
		tg.Dir = filepath.Join(filepath.Dir(tg.Dir), name)
		for range 2 { // made, then replaced
			if err := render.Write(t.Context(), tg, bundleA); err != nil {
				t.Fatalf("%d-byte name: %v", len(name), err)
			}
		}
		if got := entries(t, filepath.Dir(tg.Dir)); len(got) != 2 || !slices.Contains(got, "lib") || !slices.Contains(got, name) {
			t.Errorf("%d-byte name: beside the output: %v", len(name), got)
		}
	}
}

// A previous output that cannot be removed even once made writable (here
// a file marked immutable, which needs root and chattr) is reported by
// Leftovers, and the new output is in place all the same.
func TestCommitReportsLeftover(t *testing.T) {
	tg, _ := fakeLib(t)
	if err := render.Write(t.Context(), tg, bundleA); err != nil {
		t.Fatal(err)
	}
	stuck := filepath.Join(tg.Dir, "assets", "style.css")
	if out, err := exec.Command("chattr", "+i", stuck).CombinedOutput(); err != nil {
		t.Skipf("cannot make a file immutable here (chattr +i needs root and a file system that supports it): %v %s", err, out)
	}
	var left []*render.LeftoverError
	t.Cleanup(func() {
		for _, l := range left {
			_ = exec.Command("chattr", "-i", filepath.Join(l.Dir, "assets", "style.css")).Run()
		}
		_ = exec.Command("chattr", "-i", stuck).Run()
	})
	s, err := render.NewStage(t.Context(), tg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WriteAll(bundleB); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	left = s.Leftovers()
	if len(left) != 1 || left[0].Stale || left[0].Partial || !strings.Contains(filepath.Base(left[0].Dir), ".site.sopctl-old-") {
		t.Fatalf("Leftovers() = %v, want the previous output", left)
	}
	if got, w := tree(t, tg.Dir), want(t, bundleB, markerOf(t, tg.Dir)); !maps.Equal(got, w) {
		t.Errorf("the new output is %v, want %v", got, w)
	}
}
