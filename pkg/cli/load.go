package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/roles"
)

// templateError is a role template that cannot be used; like a bad
// sopctl.yaml, it stops a command from starting.
type templateError struct{ err error }

func (e *templateError) Error() string { return e.err.Error() }
func (e *templateError) Unwrap() error { return e.err }

// loadLibrary opens the library at or above the start directory. With
// none there, the error names the libraries in its sub-folders, if any,
// and how to reach one (-C DIR).
func loadLibrary(ctx context.Context, env *Env) (*library.Library, error) {
	return loadLibraryWith(ctx, env, library.Open)
}

// loadLibraryWith is loadLibrary that loads the library with open.
func loadLibraryWith(ctx context.Context, env *Env, open func(context.Context, string) (*library.Library, error)) (*library.Library, error) {
	lib, err := open(ctx, env.Dir)
	var nf *library.NotFoundError
	if errors.As(err, &nf) {
		if hint := belowHint(ctx, env.Dir, "", withC); hint != "" {
			return nil, &hintError{msg: fmt.Sprintf("no %s here or in any folder above; %s", library.ConfigFile, hint), err: err}
		}
	}
	return lib, err
}

// withC says how to run a command in one of the libraries in folders.
func withC(folders []string) string {
	return "the command with -C " + folders[0] + ", as in sopctl -C " + folders[0] + " render"
}

// openLibraryIfAny is loadLibrary for a command that also runs outside a
// library: no library and no error when there is none.
func openLibraryIfAny(ctx context.Context, env *Env) (*library.Library, error) {
	if env.Dir == "" {
		return nil, nil // the current directory was deleted: no library
	}
	lib, err := library.Open(ctx, env.Dir)
	var nf *library.NotFoundError
	if errors.As(err, &nf) {
		return nil, nil
	}
	return lib, err
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
// templates folder.
func loadCatalog(env *Env, libDir string) (*roles.Catalog, error) {
	var cat *roles.Catalog
	err := withLocalTemplates(libDir, func(local fs.FS) (err error) {
		cat, err = roles.Load(env.Templates, local)
		return err
	})
	return cat, err
}

// loadKnownRoles is roles.Known of loadCatalog's catalogue, read as
// roles.LoadKnown reads it: the built-in templates' headers alone when the
// library has no templates folder.
func loadKnownRoles(env *Env, lib *library.Library) (roles.KnownRoles, error) {
	var known roles.KnownRoles
	err := withLocalTemplates(lib.Dir, func(local fs.FS) (err error) {
		known, err = roles.LoadKnown(env.Templates, local, lib.Config)
		return err
	})
	return known, err
}

// withLocalTemplates calls load with the templates folder of the library
// at libDir (through os.Root, so no symlink leads outside), nil when it
// has none or libDir is "" (outside a library); an error of load's is a
// templateError.
func withLocalTemplates(libDir string, load func(local fs.FS) error) error {
	var local fs.FS
	if libDir != "" {
		root, err := os.OpenRoot(libDir)
		if err != nil {
			return err
		}
		defer root.Close()
		if fi, err := root.Stat("templates"); err == nil && fi.IsDir() {
			if local, err = fs.Sub(root.FS(), "templates"); err != nil {
				return err
			}
		}
	}
	if err := load(local); err != nil {
		return &templateError{err}
	}
	return nil
}

// loadHandbook loads the library and resolves it; files that cannot be
// parsed stop it (exit 1), after each is named on stderr.
func loadHandbook(ctx context.Context, env *Env, withHistory bool, opts ...render.BuildOption) (*render.Handbook, *library.Library, error) {
	return loadHandbookWith(ctx, env, library.Open, withHistory, opts...)
}

// loadHandbookWith is loadHandbook that loads the library with open.
func loadHandbookWith(ctx context.Context, env *Env, open func(context.Context, string) (*library.Library, error), withHistory bool, opts ...render.BuildOption) (*render.Handbook, *library.Library, error) {
	lib, err := loadLibraryWith(ctx, env, open)
	if err != nil {
		return nil, nil, err
	}
	libDir := lib.Dir
	if len(lib.Failed) > 0 {
		for _, f := range lib.Failed {
			fmt.Fprintf(env.IO.ErrOut, "%s:%d:%d: %s\n", termsafe.Line(displayPath(env, libDir, f.Path)), f.Pos.Line, f.Pos.Col, termsafe.Line(f.Msg))
		}
		return nil, nil, fmt.Errorf("%d SOP file(s) cannot be parsed: fix them (sopctl lint shows them); nothing was written", len(lib.Failed))
	}
	known, err := loadKnownRoles(env, lib)
	if err != nil {
		return nil, nil, err
	}
	history := gitlog.History{}
	if withHistory {
		history = revisionHistory(ctx, env, libDir)
	}
	return render.Build(lib, known.Titles(), history, env.Now(), opts...), lib, nil
}

// revisionHistory reads the library's revision history; without it (no
// git), it warns and returns none.
func revisionHistory(ctx context.Context, env *Env, libDir string) gitlog.History {
	gitCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	// After an interrupt, git's failure is no news: render says it was
	// interrupted.
	switch h, err := env.history().History(gitCtx, libDir); {
	case err == nil:
		return h
	case ctx.Err() == nil:
		fmt.Fprintf(env.IO.ErrOut, "warning: no revision history: %v\n", err)
	}
	return gitlog.History{}
}
