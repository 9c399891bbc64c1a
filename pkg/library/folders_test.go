package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/sopctl/sopctl/pkg/internal/testlib"
)

// TestFoldersOpenAtMost: a library of more folders than stay open (a
// folder per SOP) loads every SOP, those in the folders left closed
// through the library root; the folders that stay open are those with
// the most files.
func TestFoldersOpenAtMost(t *testing.T) {
	defer func(n int) { maxFolders = n }(maxFolders)
	maxFolders = 2
	files := map[string]string{"sopctl.yaml": "title: T\n"}
	var want []string
	for i := range 5 {
		p := fmt.Sprintf("sops/f%d/s%d.md", i, i)
		files[p] = sopFile(fmt.Sprintf("s%d", i))
		want = append(want, p)
	}
	files["sops/f3/t.md"] = sopFile("t")
	files["sops/f4/t2.md"] = sopFile("t2")
	want = append(want, "sops/f3/t.md", "sops/f4/t2.md")
	dir := t.TempDir()
	testlib.WriteTree(t, dir, files)
	lib := load(t, dir)
	if got := docPaths(lib); len(got) != len(want) || len(lib.Failed) > 0 {
		t.Fatalf("loaded %v, failed %v; want %d SOPs", got, lib.Failed, len(want))
	}
	root := lib.resolver().root
	f := openFolders(root, want, nil)
	defer f.close()
	if len(f.dirs) != 2 || f.dirs["sops/f3"] == nil || f.dirs["sops/f4"] == nil {
		t.Errorf("open folders %v, want sops/f3 and sops/f4 (two files each)", f.dirs)
	}
}

// TestFolderRead: a file in an open folder is read whole, within the
// limit, by its name alone; a symlink there is never followed (the walk
// sends the symlinks it finds through the library root), even to a file
// beside it.
func TestFolderRead(t *testing.T) {
	dir := t.TempDir()
	testlib.WriteTree(t, dir, map[string]string{"sops/a.md": "abc", "sops/big.md": "0123456789", "outside.md": "secret"})
	if err := os.Symlink("a.md", filepath.Join(dir, "sops", "near.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../outside.md", filepath.Join(dir, "sops", "far.md")); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	d, err := openFolder(root, "sops")
	if err != nil {
		t.Fatal(err)
	}
	defer d.close()
	// A named pipe, as a file replaced by one after the walk would be:
	// reading it must neither block nor read it.
	fifo := mkfifo(filepath.Join(dir, "sops", "pipe.md"))
	for _, tt := range []struct {
		name, want string
		err        func(error) bool
	}{
		{"a.md", "abc", nil},
		{"big.md", "", func(err error) bool { return errors.Is(err, errTooBig) }},
		{"none.md", "", func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"near.md", "", func(err error) bool { return err != nil }},
		{"far.md", "", func(err error) bool { return err != nil }},
		{"pipe.md", "", func(err error) bool { return errors.Is(err, errNotRegular) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "pipe.md" && !fifo {
				t.Skip("named pipes are checked on Linux, where sopctl opens files without blocking")
			}
			got, err := d.read(tt.name, 5)
			if tt.err == nil && (err != nil || string(got) != tt.want) || tt.err != nil && (!tt.err(err) || got != nil) {
				t.Errorf("read(%s) = %q, %v", tt.name, got, err)
			}
		})
	}
}
