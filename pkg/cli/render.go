package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	renderhtml "github.com/sopctl/sopctl/pkg/render/html"
	"github.com/sopctl/sopctl/pkg/render/markdown"
	"github.com/sopctl/sopctl/pkg/sop"
)

type renderOptions struct {
	format, out string
	force, full bool
	status      string   // --status as given
	statuses    []string // --status, checked
}

func newRenderCmd(env *Env) *cobra.Command {
	opts := &renderOptions{}
	cmd := &cobra.Command{
		Use:   "render [--format html|markdown] [-o DIR] [--status S[,S...]] [--full]",
		Short: "Publish the handbook as HTML (default) or Markdown",
		Long: `Publish every SOP that parses, whatever its status or lint findings (gate
publishing with sopctl lint, or limit it with --status), as a bundle of files
in DIR:

  html (default -o site): index.html with offline search, handbook.html (every
  SOP on one print-ready page, grouped by role and ordered by title; over
  handbook_max_sops, default 2000, links to the role handbooks instead),
  sops/<id>.html, roles/<id>.html, roles/<id>-handbook.html (each role's
  printable handbook, continuing on -2.html... over handbook_max_sops; in a
  library over it, an SOP of several roles is printed once, in its first
  role's handbook, and the others link its page), kpis.html (each KPI of
  sopctl.yaml with its definition, target and the SOPs citing it; SOP pages
  link their KPIs to it, with their targets) and assets/. Drafts are
  marked DRAFT in words, on screen and in print; the printable handbooks
  list retired SOPs rather than print them.
  Every page opens from disk with no network. Everything under static_dir
  (default static/: a CNAME, a logo, custom.css) is copied as it is into
  DIR; a static file named like a generated one, or a symlink leading
  outside the library, is an error naming it, and nothing is written.
  theme_css (a CSS file in the library) is copied as assets/theme.css and
  linked after the built-in stylesheet on every page.

  markdown (default -o site-md): README.md, SUMMARY.md (mdBook), handbook.md
  (grouped by role, as handbook.html), sops/<id>.md, roles/<id>.md,
  roles/<id>-handbook.md and kpis.md.

HTML navigation: every page has the search box and a sidebar of the roles
and the SOPs of its role (from one shared assets/nav-<role>.js per role). An
SOP page has breadcrumbs (Handbook > role > SOP), links to its ## sections,
a Draft banner on drafts, "Last updated" from git, "Edit this page" (with
edit_url), and links to the previous and next SOP of its first role (by
title; retired SOPs skipped). The index and role pages list at most 1000
SOPs each and continue on index-2.html, roles/<id>-2.html, ...; over
handbook_max_sops the index lists the roles with their counts.

Links between SOPs point to their pages, anchors kept; a link that cannot be
resolved is reported on stderr and rendered as plain text. If an SOP file
cannot be parsed, nothing is written and render exits 1. When files share an
id, the first by path keeps it and the others are named on stderr.

Images and other files SOP bodies link to (relative to the SOP's file, or
from the library root with a leading /) are copied into both bundles under
files/, at their paths from the library root (sops/img/flow.png becomes
files/sops/img/flow.png), and the links point at the copies. A link to a
missing file, one outside the library (a symlink too), a folder, sopctl.yaml,
a hidden file, or a file over 50 MB is reported and rendered as plain text.

--status approved[,review...] publishes only the SOPs of those statuses
(draft, review, approved, retired): the others get no page and are in no
list, and a link to one is plain text with a warning naming the filter.

Render into a folder it rendered before is incremental: the folder's
.sopctl-manifest.json (beside the .sopctl-output marker) records a hash of
what each file was made from (the SOP's file, sopctl.yaml, the roles, the
git history it shows, the titles, statuses, roles, headings and links of
every SOP, the sopctl build), and a file whose inputs have not changed is
taken from the previous output (by hard link) rather than made again. The
result is the same, byte for byte, as a full render. Editing an SOP's body
makes its page, the search index and the printable handbook files and
search snippets that hold it again; editing
a title, status, role, heading or link makes every page again. The summary
says how many files were reused. A render also keeps, beside DIR and not in
it, .NAME.sopctl-cache (NAME: DIR's last element): what it read of each
published SOP, by its file's hash and stat, so that the next render parses
only the SOP files whose bytes changed, and does not even read one whose size,
times and inode are unchanged and more than 2 seconds older than that render
(on Linux). --full makes every file anew, parsing every
SOP; a manifest that cannot be trusted (damaged, edited,
or written by another build of sopctl) does the same, with a note (a cache
that cannot be trusted means parsing every SOP, with the same result).

Memory: the render keeps a summary of each SOP, not its text. On a library of
more than 1,024 SOPs it sets Go's soft memory limit from the number it parses
(about 120 MiB for 10,000 SOPs, 980 MiB for 100,000; SOPs the cache gives do
not count, so an incremental render mostly sets none); a GOMEMLIMIT you set wins
(a generous one, such as GOMEMLIMIT=8GiB, trades memory for a faster
render).

The bundle is built in a temporary folder beside DIR and swapped in only when
complete. Ctrl-C (or SIGTERM) stops the render, removes that folder and leaves
DIR as it was; the temporary folders of a render that was killed are removed
by the next render.

sopctl marks the folders it makes with a .sopctl-output file and replaces
only those, empty folders and new ones. --force replaces another folder, only
outside the library, and first lists what it will delete. Refused even with
--force: the library root and any folder above it, .git (and any folder
holding a git repository), sops_dir, templates/, static_dir, and any existing
folder inside the library that sopctl did not make. A DIR that is a symlink
to a folder is followed.`,
		Example: `  sopctl render
  sopctl render -o public
  sopctl render --status approved
  sopctl render --format markdown -o docs/handbook`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("--format", opts.format, "html", "markdown"); err != nil {
				return err
			}
			if opts.out == "" {
				opts.out = map[string]string{"html": "site", "markdown": "site-md"}[opts.format]
			}
			var err error
			if cmd.Flags().Changed("status") {
				if opts.statuses, err = parseStatuses(opts.status); err != nil {
					return err
				}
			}
			return runRender(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "html", "bundle `FORMAT`: html or markdown")
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", "output `DIR` (default site, or site-md for markdown)")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace a folder sopctl did not make, outside the library (listing what it deletes first)")
	cmd.Flags().BoolVar(&opts.full, "full", false, "make every file anew, reusing nothing of the previous render's output")
	cmd.Flags().StringVar(&opts.status, "status", "", "publish only the SOPs of these `STATUS`es (comma-separated: draft, review, approved, retired)")
	return cmd
}

// parseStatuses checks --status: a comma-separated list of statuses.
func parseStatuses(list string) ([]string, error) {
	known := sop.Statuses()
	var out []string
	for _, s := range strings.Split(list, ",") {
		s = strings.TrimSpace(s)
		if slices.Contains(known, s) {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
			continue
		}
		hint := ""
		if c := sop.Closest(strings.ToLower(s), known); c != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", c)
		}
		return nil, usageErrorf("--status %q is not a status%s: use one or more of %s, separated by commas", s, hint, strings.Join(known, ", "))
	}
	return out, nil
}

func runRender(ctx context.Context, env *Env, opts *renderOptions) error {
	out := opts.out
	if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	sources := render.NewSources()
	defer sources.Close()
	h, lib, err := loadForRender(ctx, env, opts, out, sources)
	if err != nil {
		return err
	}
	show := library.NewDisplay(env.Dir, lib.Dir) // one Display: it resolves real paths once
	target := render.Target{Dir: out, LibDir: lib.Dir, SOPsDir: filepath.Join(lib.Dir, filepath.FromSlash(lib.Config.SOPsDir)),
		StaticDir: filepath.Join(lib.Dir, filepath.FromSlash(lib.Config.StaticDir)), Force: opts.force, Full: opts.full}
	root, theme, err := openStatic(lib, opts.format)
	if err != nil {
		return err
	}
	defer root.Close()
	stage, err := render.NewStage(ctx, target)
	if err != nil {
		return renderFailed(ctx, opts.out, err, false, show)
	}
	if f := stage.Forced(); f != nil {
		listForced(env, opts.out, f)
	}
	if note := stage.Note(); note != "" {
		fmt.Fprintf(env.IO.ErrOut, "note: %s\n", termsafe.Line(note))
	}
	cacheWritten := h.StartCache(stage)
	warnings, err := writeBundle(h, lib, root, theme, stage, opts.format)
	if cerr := cacheWritten(); err == nil {
		err = cerr
	}
	if err == nil {
		err = stage.Commit()
	} else {
		stage.Abort()
	}
	partialLeft := warnLeftovers(env, stage.Leftovers())
	if err != nil {
		return renderFailed(ctx, opts.out, err, partialLeft, show)
	}
	for _, w := range slices.Concat(h.LeftOut, warnings) {
		w.Path = show.Path(w.Path)
		fmt.Fprintln(env.IO.ErrOut, termsafe.Line(w.String()))
	}
	if err := stage.CacheError(); err != nil {
		fmt.Fprintf(env.IO.ErrOut, "note: the render cache could not be kept beside %s (%v): the next render parses every SOP again\n",
			termsafe.Line(opts.out), termsafe.Line(library.WithoutPath(err).Error()))
	}
	renderSummary(env, opts, h, stage)
	return nil
}

// loadForRender loads the library and resolves it. It keeps summaries,
// not documents (render.Sources): each SOP's file is read again when its
// page is written, so that memory grows with the number of SOPs, not
// their size, and a large library sets a soft memory limit from their
// number (renderLimit); and, unless --full, an SOP file that has not
// changed since the render that made the output folder out is taken from
// that render's cache (render.CacheFile) instead of being parsed again,
// and one whose stat says so is not even read. An HTML render converts
// each body it parses as it loads, into a spool beside out
// (renderhtml.PrepareBody), so that it is not parsed again for its page;
// where no spool can be made, the page parses it.
func loadForRender(ctx context.Context, env *Env, opts *renderOptions, out string, sources *render.Sources) (*render.Handbook, *library.Library, error) {
	only := render.OnlyStatuses(opts.statuses...)
	if opts.format == "html" {
		if sp, err := render.TempSpool(out); err == nil {
			sources.PrepareBodies(renderhtml.PrepareBody, sp)
		}
	}
	if !opts.full {
		sources.Use(render.ReadCache(out))
	}
	// One budget for the process: every library's SOPs count. Those the
	// cache gives do not: an incremental render holds them as a full one
	// does, but under a limit set from them its collector ran so often that
	// it took longer than a full render (10k, one body edited: 6.1 s
	// against 2.8 s without the limit, 163 MiB against 294 MiB at its
	// peak).
	budget := &memoryBudget{limit: renderLimit}
	open := func(ctx context.Context, dir string) (*library.Library, error) {
		libDir, err := library.Find(dir)
		if err != nil {
			return nil, err
		}
		lib, err := library.LoadKnown(ctx, libDir, budget.wrapSummary(sources.Summary), sources.Cached, sources.Known)
		if err == nil {
			sources.Restore(lib)
		}
		return lib, err
	}
	return loadHandbookWith(ctx, env, open, true, only, render.WithSources(sources))
}

// writeBundle writes the bundle into the stage while the pages are still
// rendered, then the library files the bodies link to, then (html)
// static_dir, last, so that a static file named like a generated or
// copied one is an error naming it.
func writeBundle(h *render.Handbook, lib *library.Library, root *os.Root, theme []byte, stage *render.Stage, format string) ([]render.Warning, error) {
	var warnings []render.Warning
	var err error
	if err = h.KeysErr(); err != nil {
		return nil, err
	}
	if format == "html" {
		warnings, err = renderhtml.Bundle(h, stage, renderhtml.Options{ThemeCSS: theme})
	} else {
		warnings, err = markdown.Bundle(h, stage, markdown.Options{})
	}
	if err == nil {
		err = render.CopyFiles(h, root.FS(), stage)
	}
	if err == nil && format == "html" {
		err = render.CopyStatic(root, lib.Config.StaticDir, stage)
	}
	return warnings, err
}

// renderSummary says on stdout what render published, what it left out
// and where to open it.
func renderSummary(env *Env, opts *renderOptions, h *render.Handbook, stage *render.Stage) {
	entry := "index.html"
	if opts.format == "markdown" {
		entry = "README.md"
	}
	filtered, leftOut := "", ""
	if len(h.Statuses) > 0 {
		filtered = fmt.Sprintf(" (%d left out by --status %s)", h.Filtered, strings.Join(h.Statuses, ","))
	}
	if n := len(h.LeftOut); n > 0 {
		leftOut = fmt.Sprintf(" and left out %d (named on stderr)", n)
	}
	// The marker and the manifest are written too.
	written, reused := stage.Written()+2, stage.Reused()
	files := fmt.Sprintf("%d files", written+reused)
	if stage.Incremental() {
		files += fmt.Sprintf(": %d written, %d reused", written, reused)
	}
	fmt.Fprintf(env.IO.Out, "rendered %d SOPs%s%s to %s (%s); open %s\n", len(h.SOPs), filtered, leftOut, opts.out, files,
		filepath.ToSlash(filepath.Join(opts.out, entry)))
}

// renderFailed says why the output folder could not be written; after an
// interrupt (ctx done), that nothing changed, and whether the partial
// output is gone. show shows the library's paths.
func renderFailed(ctx context.Context, out string, err error, partialLeft bool, show *library.Display) error {
	switch {
	case ctx.Err() != nil && partialLeft:
		return fmt.Errorf("render interrupted: %s was not changed", out)
	case ctx.Err() != nil:
		return errors.New("render interrupted: nothing was changed (the partial output was removed)")
	}
	var static *render.StaticError
	if errors.As(err, &static) {
		return err
	}
	// Nothing is wrong with the output folder: an SOP changed under the
	// render, which says which.
	var changed *render.ChangedError
	if errors.As(err, &changed) {
		return &render.ChangedError{Path: show.Path(changed.Path)}
	}
	return writeError(out, err)
}

// openStatic opens the library for copying its static_dir into an HTML
// bundle, after checking that a static_dir set in sopctl.yaml exists, and
// reads its theme_css: a missing one is a config error before anything is
// written.
func openStatic(lib *library.Library, format string) (*os.Root, []byte, error) {
	root, err := os.OpenRoot(lib.Dir)
	if err != nil {
		return nil, nil, err
	}
	var theme []byte
	if format == "html" {
		err = lib.Config.CheckStaticDir(root)
		if err == nil {
			theme, err = lib.Config.ReadThemeCSS(root)
		}
	}
	if err != nil {
		root.Close()
		return nil, nil, err
	}
	return root, theme, nil
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
