//go:build !linux

package render

import (
	"io/fs"
	"os"
	"path"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// link puts the previous output's file name (a slash path) in the staging
// folder by a hard link made through the output's parent, which may reach
// another file than the previous folder's Root finds (a symlinked folder,
// a change in between): the link is kept only if it is the regular file
// found in the previous folder.
func (s *Stage) link(from, into *fsdir.Dir, name string) error {
	base := path.Base(name)
	fi, err := from.Root().Lstat(base)
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
	}
	to := path.Join(s.tmp, name)
	if err := s.root.Link(path.Join(s.name, name), to); err != nil {
		return err
	}
	if nfi, err := into.Root().Lstat(base); err != nil || !os.SameFile(fi, nfi) {
		_ = s.root.Remove(to)
		return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
	}
	return nil
}

// checkLinked has nothing to check here: link checks each link it makes.
func (s *Stage) checkLinked() error { return nil }
