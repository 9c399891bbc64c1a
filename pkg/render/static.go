package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// CopyStatic copies every file under dir (a slash path relative to the
// library root lib) into out as it is, at the same path below dir: the
// library's static_dir, for the bundle's root. Call it after the writer,
// so that a static file with the name of a generated one (index.html,
// sops/..., assets/...) is an error naming it rather than a silent
// replacement. Everything is read through lib, so a symlink that leads
// outside the library is refused, named. A dir that does not exist copies
// nothing: library.Config.CheckStaticDir says whether that is fine.
func CopyStatic(lib *os.Root, dir string, out Output) error {
	fsys := lib.FS()
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s cannot be read: %w", name, err)
		}
		if d.IsDir() {
			return nil
		}
		if name == dir {
			return staticErrorf("%s is not a folder: static_dir names the folder whose files the HTML bundle gets", name)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil && d.Type()&fs.ModeSymlink != 0 {
			return staticErrorf("%s is a symbolic link leading outside the library or to nothing: static files are copied only from inside the library; copy the file in instead", name)
		}
		if err != nil {
			return fmt.Errorf("%s cannot be read: %w", name, err)
		}
		rel := name[len(dir)+1:]
		switch {
		case rel == Marker:
			return staticErrorf("%s would overwrite the file sopctl marks its output with: rename or remove it", name)
		case ownFile(rel):
			return staticErrorf("%s has the name of a file sopctl makes in its output folder (%s): rename or remove it", name, rel)
		}
		if err := out.WriteFile(rel, data); err != nil {
			if errors.Is(err, fs.ErrExist) {
				return staticErrorf("%s would overwrite the generated %s: rename or remove it", name, rel)
			}
			return fmt.Errorf("%s: %w", name, err)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		if _, serr := lib.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			return nil
		}
	}
	return err
}

// StaticError is a static file that cannot go into the bundle, named
// with its path from the library root: a message for the user as it is.
type StaticError struct{ Msg string }

func (e *StaticError) Error() string { return e.Msg }

func staticErrorf(format string, args ...any) error {
	return &StaticError{Msg: fmt.Sprintf(format, args...)}
}
