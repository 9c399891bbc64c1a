package library

import (
	"os"
	"path"
)

// folders opens, once each, the folders that hold the SOP files, so that
// each file is opened by its name in its folder (one openat) rather than
// by walking its path from the library root (one openat per folder on the
// way, and as many closes). A symlink is opened from the library root,
// where its target may be; so is a file whose folder did not open.
type folders struct {
	root     *os.Root
	dirs     map[string]*os.Root
	symlinks map[string]bool
}

func openFolders(root *os.Root, paths, symlinks []string) *folders {
	f := &folders{root: root, dirs: map[string]*os.Root{}, symlinks: map[string]bool{}}
	for _, p := range symlinks {
		f.symlinks[p] = true
	}
	for _, p := range paths {
		dir := path.Dir(p)
		if _, done := f.dirs[dir]; !done && !f.symlinks[p] {
			f.dirs[dir], _ = root.OpenRoot(dir) // nil: read through root
		}
	}
	return f
}

// read reads an SOP file (a library path) within limit bytes.
func (f *folders) read(p string, limit int64) ([]byte, error) {
	if d := f.dirs[path.Dir(p)]; d != nil && !f.symlinks[p] {
		return readLimited(d, path.Base(p), limit)
	}
	return readLimited(f.root, p, limit)
}

func (f *folders) close() {
	for _, d := range f.dirs {
		if d != nil {
			_ = d.Close()
		}
	}
}
