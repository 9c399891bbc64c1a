package render

import (
	"fmt"
	"io/fs"
	"path"

	"golang.org/x/sys/unix"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
)

// link puts the previous output's file name (a slash path) in the staging
// folder by one linkat between the two folders' descriptors, if the
// previous folder's listing says it is a regular file (fsdir.Regular: one
// listing for all its files, where a stat of each cost as much as the
// links). linkat does not follow a symlink, so what it links is the entry
// in the previous folder itself; an entry replaced since the listing by
// something else is caught before the staging folder is swapped in
// (checkLinked).
func (s *Stage) link(from, into *fsdir.Dir, name string) error {
	base := path.Base(name)
	if !from.Regular(base) {
		return &fs.PathError{Op: "link", Path: name, Err: errNotRegular}
	}
	if _, err := fsdir.RetryEINTR(func() (int, error) { return 0, unix.Linkat(from.FD(), base, into.FD(), base, 0) }); err != nil {
		return &fs.PathError{Op: "linkat", Path: name, Err: err}
	}
	return nil
}

// checkLinked makes sure, before Commit swaps the staging folder in, that
// it holds only regular files and folders: a file of the previous output
// that became a symlink or a pipe after link listed its folder was linked
// as that (linkat makes no link of a folder), and must not be published. It means that the
// previous output changed while render ran: the render fails, and the
// previous output stays.
func (s *Stage) checkLinked() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for sub, d := range s.folders {
		odd, err := d.Odd()
		if err != nil {
			return err
		}
		if len(odd) > 0 {
			return fmt.Errorf("%s of the previous output changed while sopctl was rendering (it is no longer a regular file): check what it is, then render again", path.Join(sub, odd[0]))
		}
	}
	return nil
}
