package library

import (
	"errors"
	"path/filepath"

	"github.com/sopctl/sopctl/pkg/sop"
)

// Display shows the paths of one library to a user who started sopctl in
// a folder (SPEC section 5): with /, relative to that folder when the file
// lies under it, else relative to the library root. When a file is not
// under the start folder as written, the folders' real paths decide, so a
// start folder or library reached through a symlink (macOS's /tmp is
// /private/tmp) still finds the files under it.
type Display struct {
	start, root string
	// Up shows a file outside the start folder relative to it too (with
	// ../) rather than to its library root: for a report that covers
	// several libraries, whose root-relative paths could clash.
	Up bool

	resolved            bool
	realStart, realRoot string
}

// NewDisplay returns the Display of the library at root for a user who
// started sopctl in start (both absolute). A Display is not safe for
// concurrent use.
func NewDisplay(start, root string) *Display { return &Display{start: start, root: root} }

// Path shows rel, a slash-separated path relative to the library root.
func (d *Display) Path(rel string) string {
	name := filepath.FromSlash(rel)
	r, err := filepath.Rel(d.start, filepath.Join(d.root, name))
	if err != nil || !filepath.IsLocal(r) {
		if !d.resolved {
			d.realStart, d.realRoot, d.resolved = realPath(d.start), realPath(d.root), true
		}
		r, err = filepath.Rel(d.realStart, filepath.Join(d.realRoot, name))
	}
	if err == nil && (filepath.IsLocal(r) || d.Up) {
		return filepath.ToSlash(r)
	}
	return rel
}

// realPath resolves p's symlinks, or keeps p as it is when it cannot.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// Error returns err, a library that could not be loaded, with the path of
// every file position in it (a *ConfigError may join several) shown by
// Path, so that "sopctl.yaml:2:11" reads "handbook/sopctl.yaml:2:11" from
// the folder above the library.
func (d *Display) Error(err error) error {
	switch e := err.(type) {
	case *ConfigError:
		return &ConfigError{Err: d.Error(e.Err)}
	case *sop.Error:
		moved := *e
		moved.Path = d.Path(e.Path)
		return &moved
	case interface{ Unwrap() []error }:
		var errs []error
		for _, each := range e.Unwrap() {
			errs = append(errs, d.Error(each))
		}
		return errors.Join(errs...)
	}
	return err
}
