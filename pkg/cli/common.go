package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

// templateError is a role template that cannot be used; like a bad
// sopctl.yaml, it stops a command from starting.
type templateError struct{ err error }

func (e *templateError) Error() string { return e.err.Error() }
func (e *templateError) Unwrap() error { return e.err }

// loadLibrary finds the library at or above the start directory (an
// error when there is none) and loads it.
func loadLibrary(ctx context.Context, env *Env) (*library.Library, error) {
	dir, err := library.Find(env.Dir)
	if err != nil {
		return nil, err
	}
	return library.LoadContext(ctx, dir)
}

// findLibrary returns the library root at or above the start directory,
// or "" when there is none.
func findLibrary(env *Env) (string, error) {
	if env.Dir == "" {
		return "", nil // the current directory was deleted: no library
	}
	dir, err := library.Find(env.Dir)
	var nf *library.NotFoundError
	if errors.As(err, &nf) {
		return "", nil
	}
	return dir, err
}

// loadCatalog reads the built-in templates and, inside a library, its own
// templates folder (through os.Root, so no symlink leads outside).
func loadCatalog(env *Env, libDir string) (*roles.Catalog, error) {
	var local fs.FS
	if libDir != "" {
		root, err := os.OpenRoot(libDir)
		if err != nil {
			return nil, err
		}
		defer root.Close()
		if fi, err := root.Stat("templates"); err == nil && fi.IsDir() {
			if local, err = fs.Sub(root.FS(), "templates"); err != nil {
				return nil, err
			}
		}
	}
	cat, err := roles.Load(env.Templates, local)
	if err != nil {
		return nil, &templateError{err}
	}
	return cat, nil
}

// displayPath shows a library path (slash-separated, relative to the root
// at libDir) relative to the start directory when it lies under it, else
// relative to the library root (SPEC section 5).
func displayPath(env *Env, libDir, rel string) string {
	abs := filepath.Join(libDir, filepath.FromSlash(rel))
	if r, err := filepath.Rel(env.Dir, abs); err == nil && filepath.IsLocal(r) {
		return filepath.ToSlash(r)
	}
	return rel
}

// validTitle checks a title given on the command line: one line of text.
func validTitle(t string) error {
	if strings.TrimSpace(t) == "" {
		return usageErrorf("--title must not be empty")
	}
	if len([]rune(t)) > 200 {
		return usageErrorf("--title is longer than 200 characters: shorten it")
	}
	for _, r := range t {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F) {
			return usageErrorf("--title must be one line of text without control characters")
		}
	}
	return nil
}
