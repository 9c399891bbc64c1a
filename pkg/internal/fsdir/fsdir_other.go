//go:build !linux

package fsdir

import (
	"io"
	"io/fs"
	"os"
)

// Dir is a folder held open as an os.Root, in which its files are found
// by their bare names.
type Dir struct{ root *os.Root }

// Open opens the folder name of root (through root: it cannot lead
// outside it).
func Open(root *os.Root, name string) (*Dir, error) {
	r, err := root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	return &Dir{root: r}, nil
}

// Close closes the folder.
func (d *Dir) Close() error { return d.root.Close() }

// Root is the folder's os.Root.
func (d *Dir) Root() *os.Root { return d.root }

// ReadRegular reads the file name of the folder, at most limit bytes
// (ErrTooBig past it), only if it is a regular file (ErrNotRegular), not
// a symlink: the file opened must be the one Lstat saw.
func (d *Dir) ReadRegular(name string, limit int64) ([]byte, error) {
	fi, err := d.root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	f, err := d.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if ofi, err := f.Stat(); err != nil || !os.SameFile(fi, ofi) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: ErrNotRegular}
	}
	if fi.Size() > limit { // refused unread: a huge file costs nothing
		return nil, ErrTooBig
	}
	return ReadAll(f, fi, limit)
}

// StatOf is never ok here: a stat has no change time on every system,
// so nothing is known of a file without reading it.
func StatOf(fs.FileInfo) (st Stat, ok bool) { return Stat{}, false }

// Entries lists the folder.
func (d *Dir) Entries() ([]fs.DirEntry, error) {
	f, err := d.root.Open(".")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
}

// Remove removes the file name of the folder.
func (d *Dir) Remove(name string) error { return d.root.Remove(name) }

// Create creates the file name in the folder for writing. O_EXCL: a
// second file of the same name is a bug, not an update.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	return d.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}
