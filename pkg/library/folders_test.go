package library

import (
	"fmt"
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
