package cli

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
	"github.com/sopctl/sopctl/pkg/render/markdown"
)

type renderOptions struct {
	format, out string
	force       bool
}

func newRenderCmd(env *Env) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render [--format html|markdown] [-o DIR]",
		Short: "Publish the handbook as HTML (default) or Markdown",
		Long: `Publish every SOP that parses, whatever its status or lint findings (gate
publishing with sopctl lint), as a bundle of files in DIR:

  html (default -o site): index.html with offline search, handbook.html (every
  SOP on one print-ready page), sops/<id>.html, roles/<id>.html and assets/.
  Every page opens from disk with no network.

  markdown (default -o site-md): README.md, SUMMARY.md (mdBook), handbook.md
  and sops/<id>.md, roles/<id>.md.

Links between SOPs point to their pages, anchors kept; a link that cannot be
resolved is reported on stderr and rendered as plain text. If an SOP file
cannot be parsed, nothing is written and render exits 1.

The bundle is built in a temporary folder beside DIR and swapped in only when
complete. Ctrl-C (or SIGTERM) stops the render, removes that folder and leaves
DIR as it was; the temporary folders of a render that was killed are removed
by the next render.

sopctl marks the folders it makes with a .sopctl-output file and replaces
only those, empty folders and new ones. --force replaces another folder, only
outside the library, and first lists what it will delete. Refused even with
--force: the library root and any folder above it, .git (and any folder
holding a git repository), sops_dir, templates/, static/, and any existing
folder inside the library that sopctl did not make. A DIR that is a symlink
to a folder is followed.`,
		Example: `  sopctl render
  sopctl render -o public
  sopctl render --format markdown -o docs/handbook`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.format != "html" && opts.format != "markdown" {
				return usageErrorf("--format %q is not one of html, markdown", opts.format)
			}
			if opts.out == "" {
				opts.out = map[string]string{"html": "site", "markdown": "site-md"}[opts.format]
			}
			return runRender(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "html", "bundle `FORMAT`: html or markdown")
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", "output `DIR` (default site, or site-md for markdown)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace a folder sopctl did not make, outside the library (listing what it deletes first)")
	return cmd
}

// loadHandbook loads the library and resolves it; files that cannot be
// parsed stop it (exit 1), after each is named on stderr.
func loadHandbook(ctx context.Context, env *Env, withHistory bool) (*render.Handbook, *library.Library, error) {
	lib, err := loadLibrary(ctx, env)
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
	cat, err := loadCatalog(env, libDir)
	if err != nil {
		return nil, nil, err
	}
	titles := map[string]string{}
	for _, t := range cat.Templates() {
		if t.Role {
			titles[t.ID] = t.Title
		}
	}
	for _, r := range lib.Config.Roles {
		titles[r.ID] = r.Name
	}
	history := gitlog.History{}
	if withHistory {
		gitCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		// After an interrupt, git's failure is no news: render says it was
		// interrupted.
		switch h, err := env.history().History(gitCtx, libDir); {
		case err == nil:
			history = h
		case ctx.Err() == nil:
			fmt.Fprintf(env.IO.ErrOut, "warning: no revision history: %v\n", err)
		}
	}
	return render.Build(lib, titles, history, env.Now()), lib, nil
}

func runRender(ctx context.Context, env *Env, opts *renderOptions) error {
	h, lib, err := loadHandbook(ctx, env, true)
	if err != nil {
		return err
	}
	kpis := map[string]string{}
	for _, k := range lib.Config.KPIs {
		kpis[k.ID] = k.Name
	}
	out := opts.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	target := render.Target{Dir: out, LibDir: lib.Dir, SOPsDir: filepath.Join(lib.Dir, filepath.FromSlash(lib.Config.SOPsDir)), Force: opts.force}
	stage, err := render.NewStage(ctx, target)
	if err != nil {
		return renderFailed(ctx, opts.out, err, false)
	}
	if f := stage.Forced(); f != nil {
		listForced(env, opts.out, f)
	}
	// The pages are written into the stage while the others are still
	// rendered.
	var warnings []render.Warning
	if opts.format == "html" {
		warnings, err = renderhtml.Bundle(h, stage, renderhtml.Options{KPINames: kpis})
	} else {
		warnings, err = markdown.Bundle(h, stage, markdown.Options{KPINames: kpis})
	}
	if err == nil {
		err = stage.Commit()
	} else {
		stage.Abort()
	}
	partialLeft := warnLeftovers(env, stage.Leftovers())
	if err != nil {
		return renderFailed(ctx, opts.out, err, partialLeft)
	}
	for _, w := range slices.Concat(h.LeftOut, warnings) {
		w.Path = displayPath(env, lib.Dir, w.Path)
		fmt.Fprintln(env.IO.ErrOut, termsafe.Line(w.String()))
	}
	entry := "index.html"
	if opts.format == "markdown" {
		entry = "README.md"
	}
	leftOut := ""
	if n := len(h.LeftOut); n > 0 {
		leftOut = fmt.Sprintf(" and left out %d (named on stderr)", n)
	}
	fmt.Fprintf(env.IO.Out, "rendered %d SOPs%s to %s (%d files); open %s\n", len(h.SOPs), leftOut, opts.out, stage.Written()+1,
		filepath.ToSlash(filepath.Join(opts.out, entry)))
	return nil
}

// renderFailed says why the output folder could not be written; after an
// interrupt (ctx done), that nothing changed, and whether the partial
// output is gone.
func renderFailed(ctx context.Context, out string, err error, partialLeft bool) error {
	switch {
	case ctx.Err() != nil && partialLeft:
		return fmt.Errorf("render interrupted: %s was not changed", out)
	case ctx.Err() != nil:
		return errors.New("render interrupted: nothing was changed (the partial output was removed)")
	}
	return writeError(out, err)
}

// warnLeftovers names the temporary folders that could not be removed,
// and reports whether this render's own staging folder is one of them.
func warnLeftovers(env *Env, left []*render.LeftoverError) (partial bool) {
	for _, l := range left {
		what := "the previous output"
		switch {
		case l.Stale:
			what = "a temporary folder of an earlier render"
		case l.Partial:
			what, partial = "the partial output", true
		}
		fmt.Fprintf(env.IO.ErrOut, "warning: %s could not be removed and is left in %s (%v): make it writable and delete it\n",
			what, displayPath(env, "", l.Dir), library.WithoutPath(l.Err))
	}
	return partial
}

// writeError says why the output folder could not be written.
func writeError(out string, err error) error {
	var refused *render.RefusedError
	if errors.As(err, &refused) {
		return fmt.Errorf("%s %s", out, refused.Why)
	}
	return fmt.Errorf("cannot write %s: %w", out, library.WithoutPath(err))
}

// forcedShown is how many files listForced names before "and N more".
const forcedShown = 10

// listForced says, before anything is deleted, what replacing a folder
// sopctl did not make (render --force) deletes.
func listForced(env *Env, out string, f *render.Forced) {
	w := env.IO.ErrOut
	what := []string{}
	if n := len(f.Files); n > 0 {
		what = append(what, plural(n, "file"))
	}
	if f.Folders > 0 {
		what = append(what, plural(f.Folders, "sub-folder"))
	}
	fmt.Fprintf(w, "render --force: %s was not made by sopctl; replacing it deletes it and everything in it (%s):\n", out, strings.Join(what, ", "))
	for _, name := range f.Files[:min(len(f.Files), forcedShown)] {
		fmt.Fprintf(w, "  %s\n", termsafe.Line(path.Join(filepath.ToSlash(out), name)))
	}
	if n := len(f.Files) - forcedShown; n > 0 {
		fmt.Fprintf(w, "  and %d more\n", n)
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

type reviewOptions struct {
	within int
	format string
}

func newReviewCmd(env *Env) *cobra.Command {
	opts := &reviewOptions{}
	cmd := &cobra.Command{
		Use:   "review [--within DAYS]",
		Short: "List the SOPs overdue or due for review, with owner and due date",
		Long: `List the SOPs whose next review (reviewed, else effective, plus
review_cycle_days from sopctl.yaml) has passed or falls within DAYS, soonest
first. Retired SOPs and SOPs with neither date are never due.`,
		Example: `  sopctl review
  sopctl review --within 90
  sopctl review --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.within < 0 {
				return usageErrorf("--within must be 0 or more days")
			}
			if opts.format != "text" && opts.format != "json" {
				return usageErrorf("--format %q is not one of text, json", opts.format)
			}
			h, lib, err := loadHandbook(cmd.Context(), env, false)
			if err != nil {
				return err
			}
			return writeReview(env, lib, h.Due(opts.within), env.Now(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.within, "within", 30, "also list SOPs due within `DAYS` from today")
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: text or json")
	return cmd
}

func newGraphCmd(env *Env) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "graph [--format dot|mermaid]",
		Short: "Print the cross-reference graph of the SOPs",
		Long: `Print how SOPs refer to each other: related (plain arrows), supersedes (bold)
and links in the body (dotted). dot is Graphviz's language (sopctl graph | dot
-Tsvg > sops.svg); mermaid is a flowchart GitHub renders inside Markdown.`,
		Example: `  sopctl graph | dot -Tsvg > sops.svg
  sopctl graph --format mermaid`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains([]string{"dot", "mermaid"}, format) {
				return usageErrorf("--format %q is not one of dot, mermaid", format)
			}
			h, _, err := loadHandbook(cmd.Context(), env, false)
			if err != nil {
				return err
			}
			out := h.DOT()
			if format == "mermaid" {
				out = h.Mermaid()
			}
			_, err = fmt.Fprint(env.IO.Out, out)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "dot", "graph `FORMAT`: dot or mermaid")
	return cmd
}
