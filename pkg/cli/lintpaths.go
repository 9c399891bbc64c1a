package cli

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
)

// lintUnit is one library to lint, with its own config, severities and
// known roles, and what of it the PATH arguments select.
type lintUnit struct {
	lib  *library.Library
	show *library.Display
	opts lint.Options
}

// run lints the unit and returns its findings, with paths as the user
// sees them, and the number of files checked.
func (u *lintUnit) run() ([]lint.Finding, int) {
	findings := lint.Run(u.lib, u.opts)
	for i := range findings {
		findings[i].Path = u.show.Path(findings[i].Path)
	}
	files := 0
	for _, b := range u.lib.Briefs() {
		if u.opts.Only == nil || u.opts.Only(b.Path()) {
			files++
		}
	}
	for _, f := range u.lib.Failed {
		if u.opts.Only == nil || u.opts.Only(f.Path) {
			files++
		}
	}
	return findings, files
}

// lintUnits finds the library of each PATH argument (or, with none, the
// library at or above the start folder) and loads each library once. A
// file that is no SOP is named on stderr and skipped; a library of which
// every PATH was skipped is not linted, so no unit at all means that no
// PATH was an SOP. Every library is loaded and configured before anything
// is linted, so a bad PATH or sopctl.yaml stops lint before it prints a
// report. whole keeps each SOP's whole Doc, for a command that edits SOPs
// (lint --fix); otherwise each is only its Brief (library.LoadBriefs).
func lintUnits(ctx context.Context, env *Env, paths []string, whole bool) ([]*lintUnit, error) {
	sel, err := selectLibraries(ctx, env, paths)
	if err != nil {
		return nil, err
	}
	skipped := map[string]string{}
	for _, p := range sel.Outside {
		skipped[p] = "not an SOP of any library"
	}
	var units []*lintUnit
	budget := &memoryBudget{gcPercent: budgetGCPercent} // one for the process: every library's SOPs count
	for _, t := range sel.Targets {
		u, err := openUnit(ctx, env, t, whole, budget)
		if err != nil {
			return nil, err
		}
		var notSOP []library.Arg
		u.opts.Only, notSOP = t.Only(u.lib)
		for _, a := range notSOP {
			skipped[a.Given] = "not an SOP of " + libraryName(u.show)
		}
		if t.Whole || len(notSOP) < len(t.Args) {
			units = append(units, u)
		}
	}
	for _, u := range units {
		u.show.Up = len(units) > 1
	}
	for _, p := range paths {
		if why, ok := skipped[p]; ok {
			fmt.Fprintf(env.IO.ErrOut, "%s: %s, skipped\n", termsafe.Line(p), why)
			delete(skipped, p) // a PATH given twice is named once
		}
	}
	return units, nil
}

// libraryName names a library for a message about one of its files.
func libraryName(show *library.Display) string {
	if p := show.Path("."); filepath.IsLocal(p) && p != "." {
		return "the library in " + termsafe.Line(p)
	}
	return "this library"
}

// selectLibraries groups the PATH arguments by library; with none, it is
// the library at or above the start folder, whole.
func selectLibraries(ctx context.Context, env *Env, paths []string) (library.Selection, error) {
	if len(paths) == 0 {
		root, err := library.Find(env.Dir)
		var nf *library.NotFoundError
		if errors.As(err, &nf) {
			if hint := belowHint(ctx, env.Dir, "", lintThem); hint != "" {
				return library.Selection{}, &hintError{msg: fmt.Sprintf("no %s here or in any folder above; %s", library.ConfigFile, hint), err: err}
			}
		}
		if err != nil {
			return library.Selection{}, err
		}
		return library.Selection{Targets: []library.Target{{Root: root, Whole: true}}}, nil
	}
	sel, err := library.Select(env.Dir, paths)
	var ae *library.ArgError
	var nf *library.NotFoundError
	if errors.As(err, &ae) && errors.As(err, &nf) {
		dir := ae.Arg
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(env.Dir, dir)
		}
		if hint := belowHint(ctx, dir, ae.Arg, lintThem); hint != "" {
			err = &hintError{msg: fmt.Sprintf("%s: no %s in this folder or any folder above it; %s", ae.Arg, library.ConfigFile, hint), err: err}
		}
	}
	if err != nil {
		return library.Selection{}, &UsageError{Err: err}
	}
	return sel, nil
}

// lintThem is the command that lints the libraries in folders.
func lintThem(folders []string) string { return "sopctl lint " + strings.Join(folders, " ") }

// belowHint names the libraries in sub-folders of dir, at most a few
// levels down, and what to run (run's words) to work on them; "" when
// there is none. prefix is how the user named dir.
func belowHint(ctx context.Context, dir, prefix string, run func(folders []string) string) string {
	const shown = 5
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	found := library.FindBelow(ctx, dir)
	if len(found) == 0 {
		return ""
	}
	more := ""
	if len(found) > shown {
		more = fmt.Sprintf(" (and %d more)", len(found)-shown)
		found = found[:shown]
	}
	configs := make([]string, len(found))
	for i, f := range found {
		found[i] = path.Join(filepath.ToSlash(prefix), f)
		configs[i] = path.Join(found[i], library.ConfigFile)
	}
	return fmt.Sprintf("found %s%s: run %s", strings.Join(configs, ", "), more, run(found))
}

// hintError replaces an error's message with one that says what to run
// instead; its exit code is still the wrapped error's.
type hintError struct {
	msg string
	err error
}

func (e *hintError) Error() string { return e.msg }
func (e *hintError) Unwrap() error { return e.err }

// openUnit loads and configures the library of a target, with whole Docs
// or their Briefs (counted in budget); an error names sopctl.yaml as
// the user sees it.
func openUnit(ctx context.Context, env *Env, t library.Target, whole bool, budget *memoryBudget) (*lintUnit, error) {
	show := library.NewDisplay(env.Dir, t.Root)
	if whole {
		lib, err := library.LoadContext(ctx, t.Root)
		if err != nil {
			return nil, show.Error(err)
		}
		return configureUnit(env, show, lib)
	}
	// The rules that read one SOP alone run as it is parsed (lint.Local).
	now := env.Now()
	local := lint.NewLocal(now)
	lib, err := library.LoadBriefsListed(ctx, t.Root, budget.listed, budget.wrap(local.Check))
	if err != nil {
		return nil, show.Error(err)
	}
	u, err := configureUnit(env, show, lib)
	if err == nil {
		u.opts.Now, u.opts.Local = now, local
	}
	return u, err
}

// configureUnit is openUnit for a library already loaded.
func configureUnit(env *Env, show *library.Display, lib *library.Library) (*lintUnit, error) {
	severities, err := lint.Configure(lib.Config)
	if err != nil {
		return nil, show.Error(err)
	}
	known, err := loadKnownRoles(env, lib)
	if err != nil {
		return nil, err
	}
	opts := lint.Options{Now: env.Now(), Severities: severities, Roles: known.IDs()}
	return &lintUnit{lib: lib, show: show, opts: opts}, nil
}
