package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/sopctl/sopctl/pkg/fix"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/sop"
)

// fixUnits applies lint --fix to each unit's SOPs: it writes each fixed
// SOP in place (or, with dryRun, prints the diff and writes nothing) and
// names what it fixed on out. It returns the number of SOPs left alone
// because they changed on disk since they were read (named on stderr).
func fixUnits(ctx context.Context, env *Env, units []*lintUnit, dryRun bool, out io.Writer) (int, error) {
	left := 0
	for _, u := range units {
		byPath := map[string][]fix.Finding{}
		for _, f := range lint.Run(u.lib, u.opts) {
			if r, ok := lint.Rule(f.Rule); ok && r.Fixer != nil {
				byPath[f.Path] = append(byPath[f.Path], fix.Finding{Rule: f.Rule, Pos: sop.Pos{Line: f.Line, Col: f.Column}, Message: f.Message, Fix: r.Fixer})
			}
		}
		if len(byPath) == 0 {
			continue
		}
		root, err := os.OpenRoot(u.lib.Dir)
		if err != nil {
			return left, err
		}
		for _, d := range u.lib.Docs {
			fs, ok := byPath[d.Path]
			if !ok {
				continue
			}
			r := fix.File(&fix.Context{Doc: d, Lib: u.lib, Today: env.Now().Format("2006-01-02")}, fs)
			if len(r.Fixed) == 0 {
				continue
			}
			shown := termsafe.Line(u.show.Path(d.Path))
			if dryRun {
				fmt.Fprint(env.IO.Out, fix.Diff(shown, d.Src, r.Data))
				continue
			}
			if err := fix.Write(ctx, root, d.Path, d.Src, r.Data); err != nil {
				if errors.Is(err, fix.ErrChanged) {
					err = errors.New("saved by someone else since lint read it, so it was left alone: run sopctl lint --fix again")
				}
				fmt.Fprintf(env.IO.ErrOut, "%s: %v\n", shown, library.WithoutPath(err))
				left++
				continue
			}
			for _, f := range r.Fixed {
				fmt.Fprintf(out, "%s:%d: fixed %s\n", shown, f.Pos.Line, f.Rule)
			}
		}
		_ = root.Close()
	}
	return left, nil
}

// runFix is lint --fix: fix, then lint again and report what is left,
// whose findings give the exit status. With --dry-run it prints the diff
// only.
func runFix(ctx context.Context, env *Env, opts *lintOptions, units []*lintUnit) error {
	out := env.IO.Out
	if opts.format != "text" {
		out = env.IO.ErrOut // stdout is the report's, for the tools that read it
	}
	left, err := fixUnits(ctx, env, units, opts.dryRun, out)
	if err != nil || opts.dryRun {
		return err
	}
	again := *opts
	again.fix = false
	err = runLint(ctx, env, &again)
	if left > 0 && err == nil {
		return &SilentError{Code: ExitProblems}
	}
	return err
}
