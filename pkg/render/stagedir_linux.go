package render

import (
	"io/fs"
	"path"

	"golang.org/x/sys/unix"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// link puts the previous output's file name (a slash path) in the staging
// folder by one linkat between the two folders' descriptors. linkat does
// not follow a symlink, so what it links is the entry in the previous
// folder itself; the check of the new entry keeps it only if that is a
// regular file, and removes it otherwise.
func (s *Stage) link(from, into *fsdir.Dir, name string) error {
	base := path.Base(name)
	if _, err := fsdir.RetryEINTR(func() (int, error) { return 0, unix.Linkat(from.FD(), base, into.FD(), base, 0) }); err != nil {
		return &fs.PathError{Op: "linkat", Path: name, Err: err}
	}
	var st unix.Stat_t
	if err := unix.Fstatat(into.FD(), base, &st, unix.AT_SYMLINK_NOFOLLOW); err == nil && st.Mode&unix.S_IFMT == unix.S_IFREG {
		return nil
	}
	_ = unix.Unlinkat(into.FD(), base, 0)
	return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
}
