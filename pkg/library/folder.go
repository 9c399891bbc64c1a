package library

import (
	"errors"
	"io/fs"
	"os"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// folder is a folder of SOP files held open, in which each file is opened
// by its name, not following a symlink (a file the walk found a symlink
// is read through the library root instead), without blocking, and read
// only if it is a plain file (fsdir): the walk saw one, but a file
// replaced by a named pipe since would otherwise hold the command until
// something wrote to it.
type folder struct{ dir *fsdir.Dir }

func openFolder(root *os.Root, dir string) (*folder, error) {
	d, err := fsdir.Open(root, dir)
	if err != nil {
		return nil, err
	}
	return &folder{dir: d}, nil
}

// read reads the file name in the folder within limit bytes.
func (d *folder) read(name string, limit int64) ([]byte, error) {
	src, err := d.dir.ReadRegular(name, limit)
	switch {
	case errors.Is(err, fsdir.ErrTooBig):
		return nil, errTooBig
	case errors.Is(err, fsdir.ErrNotRegular):
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRegular}
	}
	return src, err
}

func (d *folder) close() error { return d.dir.Close() }
