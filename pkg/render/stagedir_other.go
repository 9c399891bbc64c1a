//go:build !linux

package render

import (
	"io"
	"io/fs"
	"os"
	"path"
)

// dir is a folder of the staging folder or of the previous output, held
// open as an os.Root in which its files are found by their bare names.
type dir struct{ root *os.Root }

// openDir opens the folder name of root (through root: it cannot lead
// outside it).
func openDir(root *os.Root, name string) (*dir, error) {
	r, err := root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return &dir{root: r}, nil
}

func (d *dir) close() error { return d.root.Close() }

// create creates the file name in the folder for writing. O_EXCL: a
// second file of the same name is a bug, not an update.
func (d *dir) create(name string) (io.WriteCloser, error) {
	return d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// readFile reads the file name of the folder, only if it is a regular
// file, not a symlink: the file opened must be the one Lstat saw.
func (d *dir) readFile(name string) ([]byte, error) {
	fi, err := d.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	f, err := d.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if ofi, err := f.Stat(); err != nil || !os.SameFile(fi, ofi) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	return io.ReadAll(f)
}

// link puts the previous output's file name (a slash path) in the staging
// folder by a hard link made through the output's parent, which may reach
// another file than the previous folder's Root finds (a symlinked folder,
// a change in between): the link is kept only if it is the regular file
// found in the previous folder.
func (s *Stage) link(from, into *dir, name string) error {
	base := path.Base(name)
	fi, err := from.root.Lstat(base)
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
	if nfi, err := into.root.Lstat(base); err != nil || !os.SameFile(fi, nfi) {
		_ = s.root.Remove(to)
		return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
	}
	return nil
}
