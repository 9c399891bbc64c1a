package render

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Target is where a bundle goes.
type Target struct {
	Dir     string // the output folder, absolute
	LibDir  string // the library root, absolute
	SOPsDir string // the library's sops_dir, absolute
	// StaticDir is the library's static_dir, absolute; "" for its
	// default, static.
	StaticDir string
	Force     bool // replace a folder sopctl did not make, outside the library
	// Full makes every file of the bundle anew, reusing none of the
	// previous output's (render --full).
	Full bool
}

// RefusedError is an output folder sopctl will not replace.
type RefusedError struct{ Dir, Why string }

func (e *RefusedError) Error() string { return fmt.Sprintf("%s: %s", e.Dir, e.Why) }

// pick ends every refusal of a folder that belongs to the library.
const pick = ": choose a folder for the output only, like site"

// reserved are the library's folders no output may be, be inside, or
// contain, with what to call them.
func (t Target) reserved(lib string) []struct{ dir, what string } {
	static := t.StaticDir
	if static == "" {
		static = filepath.Join(lib, "static")
	}
	return []struct{ dir, what string }{
		{realPath(t.SOPsDir), "the library's SOP folder (sops_dir)"},
		{filepath.Join(lib, "templates"), "the library's template folder"},
		{realPath(static), "the library's static folder (static_dir)"},
	}
}

// replaced is what a Target check found at the output folder.
type replaced struct {
	dir     string // the output folder's real path (symlinks resolved)
	foreign bool   // an existing folder sopctl did not make, replaced because of Force
	files   []string
	folders int
}

// Check refuses an output folder that would put the library or other
// files at risk (SPEC section 6). Refused whatever Force says: the library
// root and any folder above it; a .git folder, anything inside one, and a
// folder that holds one (a git repository); the library's SOP, template
// and static folders, and anything inside them; an existing folder inside
// the library that sopctl did not make. Refused without Force: an existing
// folder outside the library that sopctl did not make (no marker file).
// An empty or new folder, or one sopctl made, is fine.
//
// Paths are compared as what they are, with symlinks resolved. An output
// folder that is a symlink to a folder is followed: the folder it leads
// to is checked and replaced, and the link stays.
func (t Target) Check() error {
	_, err := t.check(false)
	return err
}

// check does Check's work; with list, it also lists the files a
// replacement because of Force would delete.
func (t Target) check(list bool) (replaced, error) {
	given := filepath.Clean(t.Dir)
	out, lib := realPath(given), realPath(t.LibDir)
	why := t.placeRefusal(given, out, lib)
	foreign := false
	if why == "" {
		var err error
		if why, foreign, err = t.contentRefusal(given, out, within(out, lib)); err != nil {
			return replaced{}, err
		}
	}
	r := replaced{dir: out, foreign: foreign}
	if why == "" && foreign && list {
		var git string
		var err error
		if r.files, r.folders, git, err = listFolder(out); err != nil {
			return replaced{}, err
		}
		if git != "" {
			why = "holds a git repository (" + git + "), which replacing the folder would delete: choose a folder for the output only"
		}
	}
	if why != "" {
		return replaced{}, &RefusedError{t.Dir, why}
	}
	return r, nil
}

// placeRefusal says why the output folder may never be where it is (the
// library, a git folder, a reserved folder), whatever it holds; "" if it
// may.
func (t Target) placeRefusal(given, out, lib string) string {
	switch {
	case out == filepath.Join(lib, ".git") || sameFile(out, filepath.Join(lib, ".git")):
		return "is the library's git folder" + pick
	case strings.EqualFold(filepath.Base(given), ".git") || strings.EqualFold(filepath.Base(out), ".git"):
		return "is a git folder (.git)" + pick
	case gitComponent(given) || gitComponent(out):
		return "lies inside a git folder (.git)" + pick
	case within(out, lib) && within(lib, out):
		return "is the library root" + pick
	case within(lib, out):
		return "contains the library" + pick
	}
	for _, r := range t.reserved(lib) {
		switch {
		case within(out, r.dir) && within(r.dir, out):
			return "is " + r.what + pick
		case within(out, r.dir):
			return "lies inside " + r.what + pick
		case within(r.dir, out):
			return "contains " + r.what + pick
		}
	}
	return ""
}

// contentRefusal says why what is at the output folder may not be
// replaced; "" if it may, with foreign set when only Force allows it.
func (t Target) contentRefusal(given, out string, inLib bool) (why string, foreign bool, err error) {
	fi, err := os.Lstat(given)
	if errors.Is(err, fs.ErrNotExist) {
		return "", false, nil
	} else if err != nil {
		return "", false, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		to, _ := os.Readlink(given)
		switch fi, err := os.Stat(given); {
		case errors.Is(err, fs.ErrNotExist):
			return "is a symlink to " + to + ", which does not exist: make that folder, or remove the link and render again", false, nil
		case err != nil:
			return "", false, err
		case !fi.IsDir():
			return "is a symlink to " + to + ", which is not a folder: remove the link, or choose another output folder", false, nil
		}
	} else if !fi.IsDir() {
		return "is a file, not a folder: remove it, or choose another output folder", false, nil
	}
	if _, err := os.Lstat(filepath.Join(out, ".git")); err == nil {
		return "holds a git repository (.git), which replacing the folder would delete: choose a folder for the output only", false, nil
	}
	if isMarked(out) {
		return "", false, nil
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) == 0 {
		return "", false, nil
	}
	switch {
	case inLib:
		return "is a folder of the library that sopctl did not make (no " + Marker + " file), and --force never replaces a folder inside the library: choose a new folder for the output, like site", false, nil
	case !t.Force:
		return "exists and was not made by sopctl render (no " + Marker + " file): pass --force to replace it, or choose another folder", false, nil
	}
	return "", true, nil
}

// listFolder lists the files (and links) under dir as slash paths, in
// lexical order, and counts its folders; git is the first .git found
// (a repository replacing dir would delete), if any.
func listFolder(dir string) (files []string, folders int, git string, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case p == dir:
		case strings.EqualFold(d.Name(), ".git"):
			git = filepath.ToSlash(rel)
			return fs.SkipAll
		case d.IsDir():
			folders++
		default:
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	return files, folders, git, err
}

// isMarked reports whether dir holds sopctl's marker file: a regular file
// (not a link to one) with the marker's fixed content.
func isMarked(dir string) bool {
	p := filepath.Join(dir, Marker)
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(markerContent)) {
		return false
	}
	b, err := os.ReadFile(p)
	return err == nil && string(b) == markerContent
}

// gitComponent reports whether any element of p is named .git, in any
// case (the file systems of macOS and Windows ignore case).
func gitComponent(p string) bool {
	for _, e := range strings.Split(filepath.ToSlash(p), "/") {
		if strings.EqualFold(e, ".git") {
			return true
		}
	}
	return false
}

// within reports whether dir is parent or lies inside it. Both are real
// paths. Besides the paths, it compares each existing folder on dir's way
// up with parent by identity, so a path that differs only in case on a
// case-insensitive file system, or a bind mount, is still caught.
func within(dir, parent string) bool {
	if rel, err := filepath.Rel(parent, dir); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return true
	}
	pfi, err := os.Stat(parent)
	if err != nil {
		return false
	}
	for p := dir; ; p = filepath.Dir(p) {
		if fi, err := os.Stat(p); err == nil && os.SameFile(fi, pfi) {
			return true
		}
		if filepath.Dir(p) == p {
			return false
		}
	}
}

// sameFile reports whether a and b both exist and are the same file.
func sameFile(a, b string) bool {
	fa, err := os.Stat(a)
	if err != nil {
		return false
	}
	fb, err := os.Stat(b)
	return err == nil && os.SameFile(fa, fb)
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
