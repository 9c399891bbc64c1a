package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/scaffold"
)

type initOptions struct {
	dir, title, organization string
	dryRun                   bool
}

func newInitCmd(env *Env) *cobra.Command {
	opts := &initOptions{}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Start an SOP library: sopctl.yaml, sops/, a README and a .gitignore",
		Long: `Start an SOP library in DIR (default: the current directory), creating DIR if
it is missing. sopctl.yaml is written with every key at its default and every
KPI the built-in templates cite. A file that already exists is left as it is;
in an existing library init changes nothing.`,
		Example: `  sopctl init handbook --title "Acme Customer Service Handbook"
  sopctl init --dry-run`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.dir = "."
			if len(args) == 1 {
				opts.dir = args[0]
			}
			if cmd.Flags().Changed("title") {
				if err := validTitle(opts.title); err != nil {
					return err
				}
			}
			return runInit(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.title, "title", "", "the handbook's `TITLE` (default \""+scaffold.DefaultTitle+"\")")
	cmd.Flags().StringVar(&opts.organization, "organization", "", "the organisation's `NAME`")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print what would be created, write nothing")
	return cmd
}

func runInit(ctx context.Context, env *Env, opts *initOptions) error {
	dir := opts.dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	show := func(rel string) string { return termsafe.Line(displayPath(env, dir, rel)) }
	plan, err := planInit(env, dir, opts)
	var blocked *scaffold.BlockedError
	if errors.As(err, &blocked) {
		blocked.Path = show(blocked.Path)
	}
	if err != nil {
		return err
	}
	if plan.Library {
		fmt.Fprintf(env.IO.Out, "%s already has a %s: it is a library already; nothing changed\n", displayOrDot(show(".")), library.ConfigFile)
		return nil
	}
	for _, c := range plan.Changes {
		if c.Action == scaffold.Keep {
			fmt.Fprintf(env.IO.Out, "exists  %s (left as it is)\n", show(c.Path))
		}
	}
	if !opts.dryRun {
		if err := initWrite(ctx, dir, opts.dir, plan.Changes); err != nil {
			return err
		}
	}
	printInitDone(env, opts, plan, show)
	return nil
}

// planInit plans init in dir, the folder the library goes in, which is
// looked at only through an os.Root.
func planInit(env *Env, dir string, opts *initOptions) (*scaffold.InitPlan, error) {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder: choose another place for the library", opts.dir)
	}
	cat, err := loadCatalog(env, "")
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist), errors.Is(err, syscall.ENOTDIR):
		return scaffold.PlanInit(nil, cat, opts.title, opts.organization) // init creates the folder
	case err != nil:
		return nil, err
	}
	defer root.Close()
	return scaffold.PlanInit(root.FS(), cat, opts.title, opts.organization)
}

// printInitDone lists what init created (or would) and what to do next.
func printInitDone(env *Env, opts *initOptions, plan *scaffold.InitPlan, show func(string) string) {
	verb := "create"
	if opts.dryRun {
		verb = "would create"
	}
	for _, c := range plan.Changes {
		if c.Action == scaffold.Create {
			fmt.Fprintf(env.IO.Out, "%s  %s\n", verb, show(c.Path))
		}
	}
	if opts.dryRun {
		fmt.Fprintln(env.IO.Out, "dry run: nothing was written")
		return
	}
	fmt.Fprintf(env.IO.Out, "\nSOP library ready in %s. Next:\n", displayOrDot(show(".")))
	if opts.dir != "." {
		fmt.Fprintf(env.IO.Out, "  cd %s\n", termsafe.Line(opts.dir))
	}
	fmt.Fprintf(env.IO.Out, "  sopctl templates list            # the role templates\n  sopctl new --role ROLE           # scaffold a role's SOPs\n")
}

// initWrite creates dir (named arg on the command line) and its missing
// parents and writes the files; if that fails or is interrupted, the
// folders it created are removed too, so nothing is left.
func initWrite(ctx context.Context, dir, arg string, todo []scaffold.Change) (err error) {
	var made []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		made = append(made, d) // innermost first
	}
	defer func() {
		if err != nil {
			for _, d := range made {
				_ = os.Remove(d) // only if still empty
			}
		}
	}()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", arg, library.WithoutPath(err))
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	return scaffold.Apply(ctx, root, todo)
}
