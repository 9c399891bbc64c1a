package library

import (
	"cmp"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
)

// folders opens, once each, the folders that hold the SOP files, so that
// each file is opened by its name in its folder (one openat) rather than
// by walking its path from the library root (one openat per folder on the
// way, and as many closes). A symlink is opened from the library root,
// where its target may be; so is a file whose folder did not open, or is
// not among the maxFolders that hold the most files: each open folder
// holds a file descriptor while the files are read, and a library of a
// folder per SOP must not run out of them.
type folders struct {
	root     *os.Root
	dirs     map[string]*folder
	symlinks map[string]bool
}

// maxFolders is how many folders stay open at most; a variable for tests.
var maxFolders = 64

func openFolders(root *os.Root, paths, symlinks []string) *folders {
	f := &folders{root: root, dirs: map[string]*folder{}, symlinks: map[string]bool{}}
	for _, p := range symlinks {
		f.symlinks[p] = true
	}
	files := map[string]int{}
	for _, p := range paths {
		if !f.symlinks[p] {
			files[path.Dir(p)]++
		}
	}
	dirs := slices.Collect(maps.Keys(files))
	slices.SortFunc(dirs, func(a, b string) int { return cmp.Or(files[b]-files[a], strings.Compare(a, b)) })
	for _, dir := range dirs[:min(len(dirs), maxFolders)] {
		if d, err := openFolder(root, dir); err == nil {
			f.dirs[dir] = d
		}
	}
	return f
}

// read reads an SOP file (a library path) within limit bytes.
func (f *folders) read(p string, limit int64) ([]byte, error) {
	if d := f.dirs[path.Dir(p)]; d != nil && !f.symlinks[p] {
		return d.read(path.Base(p), limit)
	}
	return readLimited(f.root, p, limit)
}

func (f *folders) close() {
	for _, d := range f.dirs {
		_ = d.close()
	}
}
