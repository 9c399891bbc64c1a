package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/render/term"
	"github.com/sopctl/sopctl/pkg/sop"
)

type showOptions struct {
	id    string
	width int
	style string
}

func newShowCmd(env *Env) *cobra.Command {
	opts := &showOptions{}
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show one SOP in the terminal, formatted",
		Long: `Show one SOP in the terminal: its title and metadata (id, version, status,
owner, approver, effective and reviewed dates, roles, related SOPs and KPIs),
then its body, formatted with glamour.

On a terminal the dark style is used, or the light one when the terminal says
(through COLORFGBG) that its background is light; when the output is piped or
NO_COLOR is set, plain text (the notty style). --style chooses: dark, light or
notty. Text wraps at the terminal's width, up to
120 columns, or at 80 when the width is unknown; --width sets it.

Escape sequences and control characters in the file are stripped, never
passed to the terminal (a character reference to one, such as &#27;, shows
as its escape, \x1b), and front-matter values show as
written, not as Markdown. An SOP
whose body is over 256 KiB, nested more than 32 levels deep, or otherwise too
costly to lay out is refused (exit 1): open the file or render the handbook
instead. An unknown id, or an SOP file that cannot be parsed, also exits 1.`,
		Example: `  sopctl show complaint-resolution
  sopctl show complaint-resolution --style light
  sopctl show complaint-resolution --style dark | less -R
  sopctl show complaint-resolution --width 100 > complaint-resolution.txt`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			if err := checkSOPID(opts.id, ""); err != nil {
				return err
			}
			if cmd.Flags().Changed("width") && (opts.width < term.MinWidth || opts.width > term.MaxWidth) {
				return usageErrorf("--width %d is out of range: use %d to %d columns", opts.width, term.MinWidth, term.MaxWidth)
			}
			if cmd.Flags().Changed("style") && !slices.Contains(term.Styles(), opts.style) {
				return usageErrorf("--style %q is not one of %s", opts.style, strings.Join(term.Styles(), ", "))
			}
			return runShow(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().IntVar(&opts.width, "width", 0, "wrap text at `N` columns (default: the terminal's width up to 120, else 80)")
	cmd.Flags().StringVar(&opts.style, "style", "", "the glamour `STYLE`: dark, light or notty (default: dark or light after COLORFGBG on a terminal, notty when piped or NO_COLOR is set)")
	return cmd
}

func runShow(ctx context.Context, env *Env, opts *showOptions) error {
	lib, err := loadLibrary(ctx, env)
	if err != nil {
		return err
	}
	doc, err := lookupSOP(env, lib, opts.id)
	if err != nil {
		return err
	}
	style := opts.style
	if style == "" {
		style = env.IO.GlamourStyle()
	}
	width := opts.width
	if width == 0 {
		width = showWidth(env.IO)
	}
	// show is the handbook model's view of one SOP, laid out for a
	// terminal; it needs no role titles or history.
	h := render.Build(lib, nil, nil, env.Now())
	out, err := term.Render(h.View(doc), term.Options{Style: style, Width: width, KPI: h.KPI})
	var limit *term.LimitError
	if errors.As(err, &limit) {
		return fmt.Errorf("%s: %w: open the file or render the handbook instead", displayPath(env, lib.Dir, doc.Path), err)
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(env.IO.Out, out)
	return err
}

// showWidth is the width to wrap at: the terminal's, up to 120 columns
// (longer lines are hard to read), or 80 when output is not a terminal or
// its width is unknown.
func showWidth(ios *iostreams.IOStreams) int {
	if ios.StdoutTTY && ios.TermWidth > 0 {
		return min(ios.TermWidth, 120)
	}
	return term.DefaultWidth
}

// checkSOPID refuses an argument that is no SOP id (a usage error), with
// the id it most likely means when it is a file name; flag prefixes the
// message ("--superseded-by ").
func checkSOPID(id, flag string) error {
	if sop.ValidID(id) {
		return nil
	}
	msg := fmt.Sprintf("SOP id %q is not valid: use %s", id, sop.IDRule)
	if stem := strings.TrimSuffix(path.Base(strings.ReplaceAll(id, `\`, "/")), ".md"); sop.ValidID(stem) {
		msg = fmt.Sprintf("%q is not an SOP id: did you mean %s?", id, stem)
	}
	return usageErrorf("%s%s", flag, msg)
}

// lookupSOP finds the one SOP with an id, or says why there is none: a file
// of that name that cannot be parsed, two files sharing the id, or an
// unknown id (with the closest known one).
func lookupSOP(env *Env, lib *library.Library, id string) (*sop.Doc, error) {
	docs := lib.Lookup(id)
	switch {
	case len(docs) == 1:
		return docs[0], nil
	case len(docs) > 1:
		paths := make([]string, len(docs))
		for i, d := range docs {
			paths[i] = displayPath(env, lib.Dir, d.Path)
		}
		return nil, fmt.Errorf("SOP id %q is used by %d files, %s: give each SOP its own id, equal to its file name", id, len(docs), strings.Join(paths, " and "))
	}
	var failed []error
	for _, f := range lib.Failed {
		if stem(f.Path) == id {
			e := *f
			e.Path = displayPath(env, lib.Dir, f.Path)
			failed = append(failed, &e)
		}
	}
	if len(failed) > 0 {
		return nil, errors.Join(failed...)
	}
	var ids []string
	for _, d := range lib.Docs {
		if d.Meta.ID.Text != "" {
			ids = append(ids, d.Meta.ID.Text)
		}
		if stem(d.Path) == id {
			p := displayPath(env, lib.Dir, d.Path)
			if d.Meta.ID.Text == "" {
				return nil, fmt.Errorf("unknown SOP %q: %s has no id; add id: %s to its front matter", id, p, id)
			}
			return nil, fmt.Errorf("unknown SOP %q: %s has id %q; show it with sopctl show %s, or make its id equal its file name", id, p, d.Meta.ID.Text, d.Meta.ID.Text)
		}
	}
	if s := sop.DidYouMean(id, ids); s != "" {
		return nil, fmt.Errorf("unknown SOP %q: %s", id, s)
	}
	return nil, fmt.Errorf("unknown SOP %q: no SOP under %s/ has that id", id, lib.Config.SOPsDir)
}

// stem is a file's name without its folder and .md.
func stem(p string) string { return strings.TrimSuffix(path.Base(p), ".md") }
