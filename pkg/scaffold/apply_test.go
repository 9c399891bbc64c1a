package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
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
	err := Apply(openRoot(t, dir), []Change{
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
		}, "already exists"},
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
			err := Apply(openRoot(t, dir), tt.changes)
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
