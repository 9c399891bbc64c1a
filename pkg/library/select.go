package library

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sopctl/sopctl/pkg/sop"
)

// FindFrom returns the root of the library that holds p, a file or a
// folder, walking up from p (from a file's folder) as Find walks up from a
// folder. Symlinks in p's folders are resolved first, so that a path
// reached through a symlink finds the library it really lies in, and every
// spelling of one library gives the same root. The error wraps
// fs.ErrNotExist when p does not exist, or is a *NotFoundError.
func FindFrom(p string) (string, error) {
	loc, err := locate(p)
	if err != nil {
		return "", err
	}
	return loc.root, loc.err
}

// located is one path, resolved: its real path, whether it is a folder,
// and its library's root (or why it has none).
type located struct {
	real, root string
	dir        bool
	err        error // a *NotFoundError when no library holds it
}

func locate(p string) (located, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return located{}, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return located{}, err
	}
	loc := located{dir: fi.IsDir()}
	// A file is resolved up to its folder only: a symlinked SOP is an SOP
	// under its own name.
	from := abs
	if !loc.dir {
		from = filepath.Dir(abs)
	}
	if from, err = filepath.EvalSymlinks(from); err != nil {
		return located{}, err
	}
	loc.real = from
	if !loc.dir {
		loc.real = filepath.Join(from, filepath.Base(abs))
	}
	loc.root, loc.err = Find(from)
	return loc, nil
}

// Arg is one PATH argument that falls in a library.
type Arg struct {
	Given string // as the user gave it
	Rel   string // slash-separated, relative to the library root
	Dir   bool
}

// Target is one library and what PATH arguments select of it.
type Target struct {
	Root string // the library root
	// Whole is set when an argument named the library root, or its
	// sopctl.yaml (a change to the config concerns every SOP).
	Whole bool
	Args  []Arg // in the order given
}

// Selection is what PATH arguments name, library by library.
type Selection struct {
	// Targets are the libraries, in the order of their first argument;
	// each appears once however many arguments fall in it.
	Targets []Target
	// Outside are the arguments that are files in no library, as given.
	Outside []string
}

// ArgError is a PATH argument that names nothing that could be linted: a
// file or folder that does not exist, or a folder in no library.
type ArgError struct {
	Arg string
	Err error // wraps fs.ErrNotExist, or is a *NotFoundError
}

func (e *ArgError) Error() string {
	var nf *NotFoundError
	switch {
	case e.Arg == "":
		return "an empty PATH names no file or folder: remove it, or write . for the current folder"
	case errors.As(e.Err, &nf):
		return fmt.Sprintf("%s: no %s in this folder or any folder above it: name a library's folder (one that holds %[2]s) or a folder inside it", e.Arg, ConfigFile)
	case errors.Is(e.Err, fs.ErrNotExist):
		return e.Arg + ": no such file or folder"
	}
	return fmt.Sprintf("%s: %v", e.Arg, WithoutPath(e.Err))
}

func (e *ArgError) Unwrap() error { return e.Err }

// Select finds the library of each PATH argument (relative paths are
// relative to start) by walking up from the path, and groups the
// arguments by library. A file in no library is listed in Outside; a
// path that does not exist, or a folder in no library, is an *ArgError.
func Select(start string, args []string) (Selection, error) {
	var sel Selection
	index := map[string]int{}
	for _, a := range args {
		if a == "" {
			return Selection{}, &ArgError{Arg: a, Err: fs.ErrNotExist}
		}
		p := a
		if !filepath.IsAbs(p) {
			p = filepath.Join(start, p)
		}
		loc, err := locate(p)
		if err == nil && loc.err != nil && loc.dir {
			err = loc.err
		}
		if err != nil {
			return Selection{}, &ArgError{Arg: a, Err: err}
		}
		if loc.err != nil {
			sel.Outside = append(sel.Outside, a)
			continue
		}
		i, ok := index[loc.root]
		if !ok {
			i = len(sel.Targets)
			index[loc.root] = i
			sel.Targets = append(sel.Targets, Target{Root: loc.root})
		}
		t := &sel.Targets[i]
		rel, err := filepath.Rel(loc.root, loc.real)
		if err != nil {
			return Selection{}, &ArgError{Arg: a, Err: err}
		}
		rel = filepath.ToSlash(rel)
		if rel == "." || rel == ConfigFile && !loc.dir {
			t.Whole = true
		}
		t.Args = append(t.Args, Arg{Given: a, Rel: rel, Dir: loc.dir})
	}
	return sel, nil
}

// Only returns the filter that limits linting to what t selects of lib
// (nil for the whole library), and the file arguments that are no SOP of
// lib: outside sops_dir, a README.md, hidden or private, or excluded.
func (t Target) Only(lib *Library) (only func(string) bool, notSOP []Arg) {
	files := map[string]bool{}
	var dirs []string
	for _, a := range t.Args {
		switch {
		case a.Dir:
			dirs = append(dirs, a.Rel+"/")
		case a.Rel == ConfigFile:
			// the whole library: t.Whole is set
		case lib.hasFile(a.Rel):
			files[a.Rel] = true
		default:
			notSOP = append(notSOP, a)
		}
	}
	if t.Whole {
		return nil, notSOP
	}
	return func(p string) bool {
		return files[p] || slices.ContainsFunc(dirs, func(d string) bool { return strings.HasPrefix(p, d) })
	}, notSOP
}

// hasFile reports whether rel (slash-separated, relative to the root) is
// one of the library's SOP files, whether it parsed or not.
func (l *Library) hasFile(rel string) bool {
	_, doc := l.find(rel)
	_, failed := slices.BinarySearchFunc(l.Failed, rel, func(e *sop.Error, p string) int { return strings.Compare(e.Path, p) })
	return doc || failed
}
