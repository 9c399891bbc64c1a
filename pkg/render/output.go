package render

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
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

// Write puts the files in place: it writes them all to a temporary sibling
// of the output folder, then swaps it in with two renames (the old folder
// aside, the new one in) and removes the old one. Until the swap, the old
// output is untouched; if anything fails, it stays as it was.
func Write(t Target, files map[string][]byte) (err error) {
	if err := t.Check(); err != nil {
		return err
	}
	parent, name := filepath.Dir(t.Dir), filepath.Base(t.Dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	root, err := os.OpenRoot(parent)
	if err != nil {
		return err
	}
	defer root.Close()
	tmp := "." + name + ".sopctl-new-" + randomSuffix()
	if err := root.Mkdir(tmp, 0o755); err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = root.RemoveAll(tmp)
		}
	}()
	names := make([]string, 0, len(files)+1)
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	all := map[string][]byte{Marker: []byte(markerContent)}
	for _, n := range names {
		if !filepath.IsLocal(filepath.FromSlash(n)) || strings.Contains(n, `\`) {
			return fmt.Errorf("internal error: bundle file %q leaves the output folder", n)
		}
		all[n] = files[n]
	}
	names = append(names, Marker)
	dirs := map[string]bool{}
	for _, n := range names {
		if d := path.Dir(n); d != "." && !dirs[d] {
			dirs[d] = true
			if err := root.MkdirAll(path.Join(tmp, d), 0o755); err != nil {
				return err
			}
		}
	}
	if err := writeAll(root, tmp, names, all); err != nil {
		return err
	}
	old := ""
	if _, err := root.Lstat(name); err == nil {
		old = "." + name + ".sopctl-old-" + randomSuffix()
		if err := root.Rename(name, old); err != nil {
			return err
		}
	}
	if err := root.Rename(tmp, name); err != nil {
		if old != "" {
			_ = root.Rename(old, name)
		}
		return err
	}
	if old != "" {
		_ = root.RemoveAll(old)
	}
	return nil
}

// writeAll writes the files in parallel. On a slow filesystem a bundle's
// cost is mostly system calls: each folder is opened once as a Root, so a
// file costs one openat for its bare name rather than one per component.
func writeAll(root *os.Root, dir string, names []string, data map[string][]byte) error {
	folders := map[string]*os.Root{}
	defer func() {
		for _, r := range folders {
			r.Close()
		}
	}()
	for _, n := range names {
		d := path.Dir(n)
		if folders[d] == nil {
			r, err := root.OpenRoot(path.Join(dir, d))
			if err != nil {
				return err
			}
			folders[d] = r
		}
	}
	jobs := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range max(2, runtime.GOMAXPROCS(0)*2) {
		wg.Go(func() {
			for n := range jobs {
				if err := folders[path.Dir(n)].WriteFile(path.Base(n), data[n], 0o644); err != nil {
					select {
					case errs <- err:
					default:
					}
				}
			}
		})
	}
	for _, n := range names {
		jobs <- n
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}

func randomSuffix() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
