package render

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sopctl/sopctl/pkg/internal/fsdir"
	"github.com/sopctl/sopctl/pkg/internal/parallel"
)

// Marker is the file sopctl leaves in every folder it renders, with fixed
// content, so that it only ever replaces folders it made.
const (
	Marker        = ".sopctl-output"
	markerContent = "This folder was written by sopctl render and is replaced whole on the next render.\n"
)

// Write puts the files in place: it writes them all to a Stage and
// commits it. Until the swap, the old output is untouched; if anything
// fails, it stays as it was.
func Write(ctx context.Context, t Target, files map[string][]byte) error {
	s, err := NewStage(ctx, t)
	if err != nil {
		return err
	}
	if err := s.WriteAll(files); err != nil {
		s.Abort()
		return err
	}
	return s.Commit()
}

// Stage is an output folder being built as a temporary sibling of its
// target. Files go in with WriteFile, from any number of goroutines, as
// soon as they are ready; Commit swaps the folder in with two renames (the
// old folder aside, the new one in) and removes the old one; Abort removes
// it instead. Until Commit, the old output is untouched.
//
// A Stage into a folder sopctl rendered before reads the folder's manifest
// (ManifestFile): Reuse then puts the previous files made with a key in
// place, and Commit writes the new manifest, of the keys given to Reuse
// and WriteKeyed, beside the marker.
//
// Once its context is done, WriteFile and Commit fail with the context's
// error, and the caller's Abort removes the staging folder: an interrupted
// render changes nothing.
type Stage struct {
	ctx    context.Context
	target Target
	root   *os.Root // the output folder's parent
	name   string   // the output folder's name in root
	tmp    string   // the staging folder's name in root
	forced *Forced
	left   []*LeftoverError

	prev *previous // the output it replaces, for Reuse; nil when there is none to reuse

	mu      sync.Mutex
	folders map[string]*fsdir.Dir // folders of tmp opened so far, by slash path
	keys    map[string]string     // the new manifest: file -> key (Reuse, WriteKeyed)
	written atomic.Int64          // files written by WriteFile

	cacheErr error // why Commit could not move the render cache (CacheError)
}

// Forced is an existing folder outside the library that sopctl did not
// make and that Commit replaces because the Target says Force: everything
// in it is deleted.
type Forced struct {
	Dir     string   // its real path
	Files   []string // the files (and links) in it, slash paths relative to Dir, in lexical order
	Folders int      // how many folders it holds
}

// LeftoverError is a temporary sibling that could not be removed: one
// that a render no longer running left (Stale), a previous output that
// Commit moved aside (the new output is in place), or a staging folder
// Abort gave up (the old output is in place).
type LeftoverError struct {
	Dir     string
	Err     error
	Stale   bool // left by a render no longer running
	Partial bool // this render's staging folder, after Abort
}

func (e *LeftoverError) Error() string { return fmt.Sprintf("%s: %v", e.Dir, e.Err) }
func (e *LeftoverError) Unwrap() error { return e.Err }

// NewStage checks the target (see Target.Check), removes the temporary
// siblings that renders no longer running left beside it, and makes its
// staging folder there.
func NewStage(ctx context.Context, t Target) (*Stage, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := t.check(true)
	if err != nil {
		return nil, err
	}
	parent, name := filepath.Dir(r.dir), filepath.Base(r.dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(parent)
	if err != nil {
		return nil, err
	}
	s := &Stage{ctx: ctx, target: t, root: root, name: name, tmp: siblingName(name, newKind),
		folders: map[string]*fsdir.Dir{}, keys: map[string]string{}}
	s.left = removeStale(root, name)
	if r.foreign {
		s.forced = &Forced{Dir: r.dir, Files: r.files, Folders: r.folders}
	} else if !t.Full && marked(root, name) {
		s.prev = readPrevious(root, name)
	}
	if err := root.Mkdir(s.tmp, 0o755); err != nil {
		root.Close()
		return nil, err
	}
	return s, nil
}

// Forced returns the existing folder Commit will replace because of
// Force, or nil when it replaces no such folder. Say what it deletes
// before calling Commit.
func (s *Stage) Forced() *Forced { return s.forced }

// WriteFile writes one file of the bundle (Stage is an Output); name is a
// slash-separated path inside the output folder. Each name may be written
// once.
func (s *Stage) WriteFile(name string, data []byte) error {
	f, err := s.create(name)
	if err != nil {
		return err
	}
	if err = writeClose(f, data); err == nil {
		s.written.Add(1)
	}
	return err
}

// writeClose writes data to f and closes it.
func writeClose(f io.WriteCloser, data []byte) error {
	_, err := f.Write(data)
	return errors.Join(err, f.Close())
}

// create creates one file of the bundle, for WriteFile or Stream.
func (s *Stage) create(name string) (io.WriteCloser, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	if err := checkName(name); err != nil {
		return nil, err
	}
	d, err := s.folder(path.Dir(name))
	if err != nil {
		return nil, err
	}
	// A file is made by its bare name in its folder, held open.
	return d.Create(path.Base(name))
}

// localName reports whether name is a slash path that stays inside the
// folder it is taken in.
func localName(name string) bool {
	return filepath.IsLocal(filepath.FromSlash(name)) && !strings.Contains(name, `\`)
}

// Written is how many files WriteFile has written (the marker and the
// manifest Commit adds are not among them, nor the files Reuse put in
// place).
func (s *Stage) Written() int { return int(s.written.Load()) }

// WriteAll writes files (name -> content) in parallel.
func (s *Stage) WriteAll(files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	errs := make([]error, len(names))
	parallel.For(len(names), func(i int) { errs[i] = s.WriteFile(names[i], files[names[i]]) })
	return errors.Join(errs...)
}

// folder returns a folder of the staging folder (a slash path), making it
// the first time.
func (s *Stage) folder(sub string) (*fsdir.Dir, error) {
	return openOnce(&s.mu, s.folders, sub, func() (*fsdir.Dir, error) {
		p := path.Join(s.tmp, sub)
		if err := s.root.MkdirAll(p, 0o755); err != nil {
			return nil, err
		}
		return fsdir.Open(s.root, p)
	})
}

// openOnce returns the folder sub in opened (guarded by mu), opening it
// with open the first time.
func openOnce(mu *sync.Mutex, opened map[string]*fsdir.Dir, sub string, open func() (*fsdir.Dir, error)) (*fsdir.Dir, error) {
	mu.Lock()
	defer mu.Unlock()
	if d := opened[sub]; d != nil {
		return d, nil
	}
	d, err := open()
	if err != nil {
		return nil, err
	}
	opened[sub] = d
	return d, nil
}

// Commit writes the marker file and swaps the staging folder in, after
// checking the target once more (the render took time, and the folder may
// have changed). If it fails, the staging folder is removed and the old
// output stays. Once the swap has begun, it is not interrupted.
//
// The previous output is removed after the swap; if some of it cannot be,
// Commit still succeeds and Leftovers says what stays.
func (s *Stage) Commit() (err error) {
	defer func() {
		if err != nil {
			s.Abort()
		}
	}()
	if err := s.ctx.Err(); err != nil {
		return err
	}
	r, err := s.target.check(false)
	if err != nil {
		return err
	}
	if r.dir != filepath.Join(s.root.Name(), s.name) || r.foreign && s.forced == nil {
		return &RefusedError{s.target.Dir, "was changed by something else while sopctl was rendering: check what it holds, then render again"}
	}
	if err := s.root.WriteFile(path.Join(s.tmp, Marker), []byte(markerContent), 0o644); err != nil {
		return err
	}
	if err := s.writeManifest(); err != nil {
		return err
	}
	if err := s.checkLinked(); err != nil {
		return err
	}
	s.closeFolders()
	old := ""
	if _, err := s.root.Lstat(s.name); err == nil {
		old = siblingName(s.name, oldKind)
		if err := s.root.Rename(s.name, old); err != nil {
			return err
		}
	}
	if err := s.root.Rename(s.tmp, s.name); err != nil {
		if old != "" {
			_ = s.root.Rename(old, s.name)
		}
		return err
	}
	s.tmp = ""
	s.moveCache()
	if old != "" {
		if err := removeTree(s.root, old, marked(s.root, old)); err != nil {
			s.left = append(s.left, &LeftoverError{Dir: filepath.Join(s.root.Name(), old), Err: err})
		}
	}
	s.root.Close()
	return nil
}

// Leftovers lists the temporary siblings that could not be removed
// entirely: stale ones NewStage found; after Commit, the previous output;
// after Abort, the staging folder. The next render tries again once this
// process has ended.
func (s *Stage) Leftovers() []*LeftoverError { return s.left }

// Abort removes the staging folder; the old output stays as it was. It
// returns a *LeftoverError when the staging folder could not be removed
// entirely.
func (s *Stage) Abort() error {
	s.closeFolders()
	var err error
	if s.tmp != "" {
		if e := removeTree(s.root, s.tmp, true); e != nil {
			left := &LeftoverError{Dir: filepath.Join(s.root.Name(), s.tmp), Err: e, Partial: true}
			s.left, err = append(s.left, left), left
		}
		s.tmp = ""
	}
	s.root.Close()
	return err
}

func (s *Stage) closeFolders() {
	s.closePrevious()
	s.mu.Lock()
	defer s.mu.Unlock()
	for sub, d := range s.folders {
		d.Close()
		delete(s.folders, sub)
	}
}

// marked reports whether the folder dir of root holds the marker file.
func marked(root *os.Root, dir string) bool {
	return isMarked(filepath.Join(root.Name(), dir))
}
