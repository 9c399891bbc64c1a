package scaffold

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type()&os.ModeSymlink != 0 {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func openRoot(t *testing.T, dir string) *os.Root {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return root
}

func TestApplyWritesAll(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o600)
	err := Apply(context.Background(), openRoot(t, dir), []Change{
		{Path: "sops/deep/new.md", Action: Create, Data: []byte("new")},
		{Path: "a.md", Action: Update, Data: []byte("edited"), Old: []byte("old")},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := tree(t, dir)
	if len(got) != 2 || got["sops/deep/new.md"] != "new" || got["a.md"] != "edited" {
		t.Errorf("tree = %v", got)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "a.md")); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the file's own 0600 kept", fi.Mode().Perm())
	}
}

// A failure at any step leaves the library exactly as it was: no new
// file, no edited file, no temporary file, no new folder.
func TestApplyFailureLeavesLibraryAsItWas(t *testing.T) {
	tests := []struct {
		name    string
		changes []Change
		want    string
	}{
		{"folder blocked by a file", []Change{
			{Path: "sops/new.md", Action: Create, Data: []byte("new")},
			{Path: "a.md", Action: Update, Data: []byte("edited"), Old: []byte("old")},
			{Path: "blocker/x.md", Action: Create, Data: []byte("x")},
		}, "cannot create its folder"},
		{"file appeared", []Change{
			{Path: "sops/new.md", Action: Create, Data: []byte("new")},
			{Path: "blocker", Action: Create, Data: []byte("x")},
		}, "blocker appeared while sopctl was working (another program or sopctl run created it): nothing was written; run the command again"},
		{"file edited meanwhile", []Change{
			{Path: "sops/new.md", Action: Create, Data: []byte("new")},
			{Path: "a.md", Action: Update, Data: []byte("edited"), Old: []byte("something else")},
		}, "changed while sopctl was working"},
		{"escape attempt", []Change{
			{Path: "sops/new.md", Action: Create, Data: []byte("new")},
			{Path: "link/evil.md", Action: Create, Data: []byte("x")},
		}, "cannot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			outside := t.TempDir()
			os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
			os.WriteFile(filepath.Join(dir, "blocker"), []byte("a file"), 0o644)
			if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			err := Apply(context.Background(), openRoot(t, dir), tt.changes)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Apply() error = %v, want %q", err, tt.want)
			}
			after := tree(t, dir)
			if len(after) != len(before) {
				keys := make([]string, 0, len(after))
				for k := range after {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				t.Errorf("files after failure: %v", keys)
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("%s changed to %q", k, after[k])
				}
			}
			if _, err := os.Stat(filepath.Join(dir, "sops")); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the sops folder made for the failed change is still there")
			}
			if entries, _ := os.ReadDir(outside); len(entries) != 0 {
				t.Errorf("wrote outside the library: %v", entries)
			}
		})
	}
}

// stepCtx is a context whose Err runs a hook at each call, so a test can
// act between Apply's steps (Apply asks before each file it stages and
// each it puts in place) and cancel it at a chosen step.
type stepCtx struct {
	context.Context
	calls    int
	cancelAt int         // Err reports cancellation from this call on (counting from 0); -1: never
	hook     func(n int) // run at each call, before answering
}

func (c *stepCtx) Err() error {
	n := c.calls
	c.calls++
	if c.hook != nil {
		c.hook(n)
	}
	if c.cancelAt >= 0 && n >= c.cancelAt {
		return context.Canceled
	}
	return nil
}

// Cancelled at any step, Apply leaves the library exactly as it was, no
// temporary file included, and says so; not cancelled, it writes all.
func TestApplyInterruptedAtEveryStep(t *testing.T) {
	changes := []Change{
		{Path: "sops/new.md", Action: Create, Data: []byte("new")},
		{Path: "sops/deep/other.md", Action: Create, Data: []byte("other")},
		{Path: "a.md", Action: Update, Data: []byte("edited"), Old: []byte("old")},
		{Path: "b.md", Action: Replace, Data: []byte("replaced"), Old: []byte("b")},
	}
	steps := 2 * len(changes) // one check before staging and one before placing each file
	for at := 0; at <= steps; at++ {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "a.md"), []byte("old"), 0o644)
		os.WriteFile(filepath.Join(dir, "b.md"), []byte("b"), 0o600)
		before := tree(t, dir)
		ctx := &stepCtx{Context: context.Background(), cancelAt: at}
		err := Apply(ctx, openRoot(t, dir), changes)
		after := tree(t, dir)
		if at == steps {
			if err != nil || len(after) != 4 || after["a.md"] != "edited" || after["b.md"] != "replaced" || after["sops/deep/other.md"] != "other" {
				t.Fatalf("not cancelled: err %v, tree %v", err, after)
			}
			continue
		}
		var ie *InterruptedError
		if !errors.As(err, &ie) || err.Error() != "interrupted: nothing was changed" {
			t.Errorf("cancelled at step %d: error %v, want \"interrupted: nothing was changed\"", at, err)
		}
		if !maps.Equal(before, after) {
			t.Errorf("cancelled at step %d: tree %v, want %v", at, after, before)
		}
		if fi, _ := os.Stat(filepath.Join(dir, "b.md")); fi.Mode().Perm() != 0o600 {
			t.Errorf("cancelled at step %d: b.md mode %v, want 0600 kept", at, fi.Mode().Perm())
		}
		if _, err := os.Stat(filepath.Join(dir, "sops")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("cancelled at step %d: the sops folder made for the changes is still there", at)
		}
	}
}

// A file that another process creates after Apply checked for it, while
// the other files are being put in place, is kept as that process wrote
// it; everything Apply put in place is undone, and the message says to run
// again, not to pass --force.
func TestApplyFileAppearsMidway(t *testing.T) {
	changes := []Change{
		{Path: "sops/a.md", Action: Create, Data: []byte("mine a")},
		{Path: "sops/b.md", Action: Create, Data: []byte("mine b")},
		{Path: "sopctl.yaml", Action: Update, Data: []byte("kpis: {X: Y}"), Old: []byte("kpis: {}")},
	}
	// Steps 0-2 come before staging each file, 3 and 4 before putting a.md
	// and b.md in place; from step 5 on, b.md is ours and theirs replaces it.
	for step := 0; step <= 4; step++ {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "sopctl.yaml"), []byte("kpis: {}"), 0o644)
		ctx := &stepCtx{Context: context.Background(), cancelAt: -1, hook: func(n int) {
			if n == step {
				os.MkdirAll(filepath.Join(dir, "sops"), 0o755)
				os.WriteFile(filepath.Join(dir, "sops/b.md"), []byte("theirs"), 0o644)
			}
		}}
		err := Apply(ctx, openRoot(t, dir), changes)
		var ae *AppearedError
		if !errors.As(err, &ae) || ae.Path != "sops/b.md" || strings.Contains(err.Error(), "--force") {
			t.Errorf("appeared at step %d: error %v, want an AppearedError for sops/b.md without --force", step, err)
		}
		want := map[string]string{"sopctl.yaml": "kpis: {}", "sops/b.md": "theirs"}
		if got := tree(t, dir); !maps.Equal(got, want) {
			t.Errorf("appeared at step %d: tree %v, want %v", step, got, want)
		}
	}
}

// A run killed mid-write (SIGKILL) leaves its temporary files; the next
// Apply in that folder removes those whose maker is gone, and nothing
// else: a live run's files, other names, folders.
func TestApplyRemovesStaleTemps(t *testing.T) {
	dir := t.TempDir()
	live := fmt.Sprintf(".b.md.sopctl-%d-0123456789ab", os.Getpid())
	files := map[string]string{
		"sops/.a.md.sopctl-99999999-0123456789ab": "stale", // maker gone: removed
		"sops/" + live:                             "live",  // this process: kept
		"sops/.a.md.sopctl-0123456789ab":           "old",   // no process id: kept
		"sops/.a.md.sopctl-99999999-xyz":           "other", // not sopctl's name: kept
		"sops/a.sopctl-99999999-0123456789ab":      "shown", // not hidden: kept
		"sops/keep.md":                             "keep",  // an SOP: kept
		"other/.a.md.sopctl-99999999-0123456789ab": "else",  // a folder Apply does not write to: kept
	}
	testlib.WriteTree(t, dir, files)
	if err := os.Mkdir(filepath.Join(dir, "sops", ".c.md.sopctl-99999999-0123456789ab"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Apply(context.Background(), openRoot(t, dir), []Change{{Path: "sops/new.md", Action: Create, Data: []byte("new")}}); err != nil {
		t.Fatal(err)
	}
	got := tree(t, dir)
	delete(files, "sops/.a.md.sopctl-99999999-0123456789ab")
	files["sops/new.md"] = "new"
	if !maps.Equal(got, files) {
		t.Errorf("after Apply:\n%v\nwant\n%v", got, files)
	}
	if _, err := os.Stat(filepath.Join(dir, "sops", ".c.md.sopctl-99999999-0123456789ab")); err != nil {
		t.Errorf("a folder with a temporary file's name was removed: %v", err)
	}
}
