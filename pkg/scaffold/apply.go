package scaffold

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
)

// Apply writes the changes inside root. Each file is first written in full
// to a temporary name beside it; only when all are written are they renamed
// into place. If anything fails, files already renamed are restored (or
// removed, for new ones), so the library is left as it was.
func Apply(root *os.Root, changes []Change) (err error) {
	var stage []staged
	var madeDirs []string
	defer func() {
		if err == nil {
			return
		}
		for _, s := range stage {
			_ = root.Remove(s.tmp) // may already be renamed: then absent
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			_ = root.Remove(madeDirs[i]) // only removes it if still empty
		}
	}()
	for _, c := range changes {
		if err := checkUnchanged(root, c); err != nil {
			return err
		}
		dirs, err := mkdirAll(root, path.Dir(c.Path))
		madeDirs = append(madeDirs, dirs...)
		if err != nil {
			return fmt.Errorf("%s: cannot create its folder: %w", c.Path, unwrap(err))
		}
		mode := fs.FileMode(0o644)
		if fi, err := root.Stat(c.Path); err == nil {
			mode = fi.Mode().Perm()
		}
		tmp, err := writeTemp(root, c.Path, c.Data, mode)
		if err != nil {
			return fmt.Errorf("%s: cannot write: %w", c.Path, unwrap(err))
		}
		stage = append(stage, staged{c, tmp, mode})
	}
	for i, s := range stage {
		if err := checkUnchanged(root, s.c); err != nil {
			rollback(root, stage[:i])
			return err
		}
		if err := root.Rename(s.tmp, s.c.Path); err != nil {
			rollback(root, stage[:i])
			return fmt.Errorf("%s: cannot write: %w", s.c.Path, unwrap(err))
		}
	}
	return nil
}

// staged is a change written to its temporary file.
type staged struct {
	c    Change
	tmp  string
	mode fs.FileMode
}

// rollback undoes changes already renamed into place.
func rollback(root *os.Root, done []staged) {
	for i := len(done) - 1; i >= 0; i-- {
		c := done[i].c
		if c.Action == Create {
			_ = root.Remove(c.Path)
			continue
		}
		if tmp, err := writeTemp(root, c.Path, c.Old, done[i].mode); err == nil {
			_ = root.Rename(tmp, c.Path)
		}
	}
}

// checkUnchanged makes sure the file is as the plan saw it: absent for a
// new file, unchanged for an edit. This guards against a file appearing or
// being edited between planning and writing.
func checkUnchanged(root *os.Root, c Change) error {
	if c.Action == Create {
		if _, err := root.Lstat(c.Path); err == nil {
			return &ExistsError{Path: c.Path}
		}
		return nil
	}
	f, err := root.Open(c.Path)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", c.Path, unwrap(err))
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		return fmt.Errorf("%s: cannot read: %w", c.Path, unwrap(err))
	}
	if !bytes.Equal(b.Bytes(), c.Old) {
		return fmt.Errorf("%s changed while sopctl was working: nothing was written; run the command again", c.Path)
	}
	return nil
}

// writeTemp writes data to a new hidden file beside name and returns its
// path. Hidden files (starting with ".") are never read as SOPs.
func writeTemp(root *os.Root, name string, data []byte, mode fs.FileMode) (string, error) {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".sopctl-"+hex.EncodeToString(rnd[:]))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return "", err
	}
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = root.Remove(tmp)
		return "", werr
	}
	return tmp, nil
}

// mkdirAll creates dir and its missing parents inside root and returns the
// folders it created, outermost first.
func mkdirAll(root *os.Root, dir string) ([]string, error) {
	if dir == "." || dir == "" {
		return nil, nil
	}
	if fi, err := root.Stat(dir); err == nil {
		if !fi.IsDir() {
			return nil, fmt.Errorf("%s is not a folder", dir)
		}
		return nil, nil
	}
	made, err := mkdirAll(root, path.Dir(dir))
	if err != nil {
		return made, err
	}
	if err := root.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return made, err
	}
	return append(made, dir), nil
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
