package render

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/sopctl/sopctl/pkg/internal/parallel"
)

// Marker is the file sopctl leaves in every folder it renders, with fixed
// content, so that it only ever replaces folders it made.
const (
	Marker        = ".sopctl-output"
	markerContent = "This folder was written by sopctl render and is replaced whole on the next render.\n"
)

// RefusedError is an output folder sopctl will not replace.
type RefusedError struct{ Dir, Why string }

func (e *RefusedError) Error() string { return fmt.Sprintf("%s: %s", e.Dir, e.Why) }

// Target is where a bundle goes.
type Target struct {
	Dir     string // the output folder, absolute
	LibDir  string // the library root, absolute
	SOPsDir string // the library's sops_dir, absolute
	Force   bool   // replace a folder sopctl did not make
}

// Check refuses an output folder that would put the library at risk: the
// library root itself, a folder that contains it, a folder inside the SOP
// or template folders; and, without Force, an existing folder sopctl did
// not make (no marker file).
func (t Target) Check() error {
	out, lib, sops := realPath(t.Dir), realPath(t.LibDir), realPath(t.SOPsDir)
	within := func(dir, parent string) bool {
		rel, err := filepath.Rel(parent, dir)
		return err == nil && (rel == "." || filepath.IsLocal(rel))
	}
	switch {
	case out == lib || within(lib, out):
		return &RefusedError{t.Dir, "is or contains the library: choose a folder for the output only, like site"}
	case within(out, sops) || within(out, filepath.Join(lib, "templates")):
		return &RefusedError{t.Dir, "lies inside the library's SOP or template files: choose a folder for the output only, like site"}
	}
	fi, err := os.Lstat(t.Dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !fi.IsDir():
		return &RefusedError{t.Dir, "exists and is not a folder: remove it or choose another output folder"}
	}
	if b, err := os.ReadFile(filepath.Join(out, Marker)); err == nil && string(b) == markerContent {
		return nil
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) == 0 {
		return nil
	}
	if !t.Force {
		return &RefusedError{t.Dir, "exists and was not made by sopctl render (no " + Marker + " file): pass --force to replace it, or choose another folder"}
	}
	return nil
}

// realPath resolves the symlinks of a path's longest existing prefix, so a
// folder reached through a link is compared as what it is.
func realPath(p string) string {
	p = filepath.Clean(p)
	rest := ""
	for {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest)
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// Write puts the files in place: it writes them all to a Stage and
// commits it. Until the swap, the old output is untouched; if anything
// fails, it stays as it was.
func Write(t Target, files map[string][]byte) error {
	s, err := NewStage(t)
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
type Stage struct {
	root *os.Root // the target's parent folder
	name string   // the target's name in root
	tmp  string   // the staging folder's name in root

	mu      sync.Mutex
	folders map[string]*os.Root // folders of tmp opened so far, by slash path
}

// NewStage checks the target (see Target.Check) and makes its staging
// folder.
func NewStage(t Target) (*Stage, error) {
	if err := t.Check(); err != nil {
		return nil, err
	}
	parent, name := filepath.Dir(t.Dir), filepath.Base(t.Dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(parent)
	if err != nil {
		return nil, err
	}
	s := &Stage{root: root, name: name, tmp: "." + name + ".sopctl-new-" + randomSuffix(), folders: map[string]*os.Root{}}
	if err := root.Mkdir(s.tmp, 0o755); err != nil {
		root.Close()
		return nil, err
	}
	return s, nil
}

// WriteFile writes one file of the bundle; name is a slash-separated path
// inside the output folder. Each name may be written once.
func (s *Stage) WriteFile(name string, data []byte) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, `\`) || name == Marker {
		return fmt.Errorf("internal error: bundle file %q leaves the output folder", name)
	}
	dir, err := s.folder(path.Dir(name))
	if err != nil {
		return err
	}
	// A file costs one openat of its bare name in its folder's Root. O_EXCL:
	// a second file of the same name is a bug, not an update.
	f, err := dir.OpenFile(path.Base(name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// WriteAll writes files (name -> content) in parallel.
func (s *Stage) WriteAll(files map[string][]byte) error {
	names := slices.Sorted(maps.Keys(files))
	errs := make([]error, len(names))
	parallel.For(len(names), func(i int) { errs[i] = s.WriteFile(names[i], files[names[i]]) })
	return errors.Join(errs...)
}

// folder returns the Root of a folder of the staging folder, making it
// the first time.
func (s *Stage) folder(dir string) (*os.Root, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.folders[dir]; r != nil {
		return r, nil
	}
	p := path.Join(s.tmp, dir)
	if err := s.root.MkdirAll(p, 0o755); err != nil {
		return nil, err
	}
	r, err := s.root.OpenRoot(p)
	if err != nil {
		return nil, err
	}
	s.folders[dir] = r
	return r, nil
}

// Commit writes the marker file and swaps the staging folder in. If it
// fails, the staging folder is removed and the old output stays.
func (s *Stage) Commit() (err error) {
	defer func() {
		if err != nil {
			s.Abort()
		}
	}()
	if err := s.root.WriteFile(path.Join(s.tmp, Marker), []byte(markerContent), 0o644); err != nil {
		return err
	}
	s.closeFolders()
	old := ""
	if _, err := s.root.Lstat(s.name); err == nil {
		old = "." + s.name + ".sopctl-old-" + randomSuffix()
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
	if old != "" {
		removeTree(s.root, old)
	}
	s.root.Close()
	return nil
}

// removeTree removes the folder dir of root and everything in it,
// unlinking files from several goroutines: on a journaling filesystem an
// unlink waits on the disk, and removing the last render's thousands of
// pages one by one took as long as writing the new ones. Errors are
// ignored, as the folder is sopctl's own leftover.
func removeTree(root *os.Root, dir string) {
	type entry struct {
		folder *os.Root
		name   string
	}
	var files []entry
	var folders []*os.Root
	_ = fs.WalkDir(root.FS(), dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		r, err := root.OpenRoot(p)
		if err != nil {
			return nil
		}
		folders = append(folders, r)
		entries, _ := fs.ReadDir(root.FS(), p)
		for _, e := range entries {
			if !e.IsDir() {
				files = append(files, entry{r, e.Name()})
			}
		}
		return nil
	})
	jobs := make(chan entry)
	var wg sync.WaitGroup
	for range removers {
		wg.Go(func() {
			for e := range jobs {
				_ = e.folder.Remove(e.name)
			}
		})
	}
	for _, e := range files {
		jobs <- e
	}
	close(jobs)
	wg.Wait()
	for _, r := range folders {
		r.Close()
	}
	_ = root.RemoveAll(dir)
}

// removers is how many files removeTree unlinks at once. The work waits
// on the disk rather than the processor, so it is not tied to the number
// of cores; on the 2-core machine it was measured on, 4 took 10,000 files
// from 2.3 s to 1.6 s.
const removers = 4

// Abort removes the staging folder; the old output stays as it was.
func (s *Stage) Abort() {
	s.closeFolders()
	if s.tmp != "" {
		_ = s.root.RemoveAll(s.tmp)
		s.tmp = ""
	}
	s.root.Close()
}

func (s *Stage) closeFolders() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for d, r := range s.folders {
		r.Close()
		delete(s.folders, d)
	}
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
