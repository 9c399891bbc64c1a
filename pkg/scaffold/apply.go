package scaffold

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/sopctl/sopctl/pkg/internal/proc"
	"github.com/sopctl/sopctl/pkg/library"
)

// Apply writes the changes inside root (all but Keep). Each file is first written in full
// to a temporary name beside it; only when all are written are they put in
// place (renamed, or for a new file linked, so that a file another program
// created meanwhile is never overwritten). If anything fails, or ctx is
// cancelled (the user pressed Ctrl-C), Apply stops before the next file,
// removes every temporary file, and restores the files already put in
// place (or removes them, for new ones), so the library is left as it was.
// After a cancellation the error is an *InterruptedError.
func Apply(ctx context.Context, root *os.Root, changes []Change) (err error) {
	w := &writer{root: root}
	defer func() {
		if err != nil {
			err = w.undo(err)
		}
	}()
	swept := map[string]bool{}
	for _, c := range changes {
		if ctx.Err() != nil {
			return errInterrupted
		}
		if c.Action == Keep {
			continue
		}
		if dir := path.Dir(c.Path); !swept[dir] {
			swept[dir] = true
			removeStaleTemps(root, dir)
		}
		if err := w.stage(c); err != nil {
			return err
		}
	}
	for i := range w.staged {
		if ctx.Err() != nil {
			return errInterrupted
		}
		if err := w.place(&w.staged[i]); err != nil {
			return err
		}
	}
	return nil
}

// errInterrupted stands for a cancelled context until undo has run and
// knows what it could restore.
var errInterrupted = errors.New("interrupted")

// InterruptedError is an Apply stopped by its context. NotRestored lists
// the files that could not be put back as they were (normally none).
type InterruptedError struct{ NotRestored []string }

func (e *InterruptedError) Error() string {
	if len(e.NotRestored) == 0 {
		return "interrupted: nothing was changed"
	}
	return "interrupted: " + strings.Join(e.NotRestored, "; ") + "; everything else is as it was"
}

// writer holds what Apply has done so far, to undo it.
type writer struct {
	root     *os.Root
	staged   []staged
	madeDirs []string
}

// staged is a change written to its temporary file.
type staged struct {
	c      Change
	tmp    string
	mode   fs.FileMode
	placed bool
}

// stage checks that a change's file is as planned and writes its
// temporary file, creating missing folders.
func (w *writer) stage(c Change) error {
	if err := checkUnchanged(w.root, c); err != nil {
		return err
	}
	dirs, err := mkdirAll(w.root, path.Dir(c.Path))
	w.madeDirs = append(w.madeDirs, dirs...)
	if err != nil {
		return fmt.Errorf("%s: cannot create its folder: %w", c.Path, library.WithoutPath(err))
	}
	mode := fs.FileMode(0o644)
	if fi, err := w.root.Stat(c.Path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := writeTemp(w.root, c.Path, c.Data, mode)
	if err != nil {
		return fmt.Errorf("%s: cannot write: %w", c.Path, library.WithoutPath(err))
	}
	w.staged = append(w.staged, staged{c: c, tmp: tmp, mode: mode})
	return nil
}

// place puts a staged file in place. A new file is hard-linked to its
// name, which fails if the name exists, so a file that appeared since the
// check is kept and reported; where links are not supported it is renamed
// after a last check.
func (w *writer) place(s *staged) error {
	if err := checkUnchanged(w.root, s.c); err != nil {
		return err
	}
	if s.c.Action == Create {
		err := w.root.Link(s.tmp, s.c.Path)
		if errors.Is(err, fs.ErrExist) {
			return &AppearedError{Path: s.c.Path}
		}
		if err == nil {
			s.placed = true
			_ = w.root.Remove(s.tmp)
			return nil
		}
	}
	if err := w.root.Rename(s.tmp, s.c.Path); err != nil {
		return fmt.Errorf("%s: cannot write: %w", s.c.Path, library.WithoutPath(err))
	}
	s.placed = true
	return nil
}

// undo removes every temporary file and new folder and restores the files
// already put in place, newest first. It returns the error to report:
// cause, with what could not be restored.
func (w *writer) undo(cause error) error {
	var left []string
	for _, s := range w.staged {
		if err := w.root.Remove(s.tmp); err != nil && !errors.Is(err, fs.ErrNotExist) {
			left = append(left, fmt.Sprintf("the temporary file %s could not be removed (%v): delete it", s.tmp, library.WithoutPath(err)))
		}
	}
	for i := len(w.staged) - 1; i >= 0; i-- {
		if s := w.staged[i]; s.placed {
			if err := w.restore(s); err != nil {
				left = append(left, fmt.Sprintf("%s could not be restored (%v): check it", s.c.Path, library.WithoutPath(err)))
			}
		}
	}
	for i := len(w.madeDirs) - 1; i >= 0; i-- {
		_ = w.root.Remove(w.madeDirs[i]) // only removes it if still empty
	}
	if errors.Is(cause, errInterrupted) {
		return &InterruptedError{NotRestored: left}
	}
	if len(left) > 0 {
		return fmt.Errorf("%w\nundoing the other changes failed: %s", cause, strings.Join(left, "; "))
	}
	return cause
}

// restore puts back a file as it was before Apply: absent for a new file.
func (w *writer) restore(s staged) error {
	if s.c.Action == Create {
		return w.root.Remove(s.c.Path)
	}
	tmp, err := writeTemp(w.root, s.c.Path, s.c.Old, s.mode)
	if err != nil {
		return err
	}
	if err := w.root.Rename(tmp, s.c.Path); err != nil {
		_ = w.root.Remove(tmp)
		return err
	}
	return nil
}

// checkUnchanged makes sure the file is as the plan saw it: absent for a
// new file, unchanged for an edit. This guards against a file appearing or
// being edited between planning and writing.
func checkUnchanged(root *os.Root, c Change) error {
	if c.Action == Create {
		if _, err := root.Lstat(c.Path); err == nil {
			return &AppearedError{Path: c.Path}
		}
		return nil
	}
	f, err := root.Open(c.Path)
	if err != nil {
		return fmt.Errorf("%s: cannot read: %w", c.Path, library.WithoutPath(err))
	}
	defer f.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(f); err != nil {
		return fmt.Errorf("%s: cannot read: %w", c.Path, library.WithoutPath(err))
	}
	if !bytes.Equal(b.Bytes(), c.Old) {
		return fmt.Errorf("%s changed while sopctl was working: nothing was written; run the command again", c.Path)
	}
	return nil
}

// writeTemp writes data to a new hidden file beside name and returns its
// path: .NAME.sopctl-PID-RAND, PID being this process's id, so that a
// later run can tell a file left by a killed run (see removeStaleTemps).
// Hidden files (starting with ".") are never read as SOPs.
func writeTemp(root *os.Root, name string, data []byte, mode fs.FileMode) (string, error) {
	var rnd [6]byte
	_, _ = rand.Read(rnd[:])
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".sopctl-"+strconv.Itoa(os.Getpid())+"-"+hex.EncodeToString(rnd[:]))
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

// staleTemp matches the name of a temporary file writeTemp makes,
// capturing its maker's process id.
var staleTemp = regexp.MustCompile(`^\..+\.sopctl-([0-9]+)-[0-9a-f]{12}$`)

// removeStaleTemps removes from the folder dir the temporary files that a
// run killed mid-write (SIGKILL, a power cut: nothing it could catch) left
// behind: regular files named exactly as writeTemp names them whose maker
// is no longer running. Another run's files, still being written, are
// left alone, as is anything else. Failures are ignored: such a file is
// hidden, never read as an SOP, and init's .gitignore covers it.
func removeStaleTemps(root *os.Root, dir string) {
	entries, err := fs.ReadDir(root.FS(), dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		m := staleTemp.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		if pid, err := strconv.Atoi(m[1]); err == nil && !proc.Running(pid) {
			_ = root.Remove(path.Join(dir, e.Name()))
		}
	}
}
