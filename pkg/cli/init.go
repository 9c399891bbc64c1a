package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

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
			return runInit(env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.title, "title", "", "the handbook's `TITLE` (default \""+scaffold.DefaultTitle+"\")")
	cmd.Flags().StringVar(&opts.organization, "organization", "", "the organisation's `NAME`")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print what would be created, write nothing")
	return cmd
}

func runInit(env *Env, opts *initOptions) error {
	dir := opts.dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	show := func(rel string) string { return termsafe.Line(displayPath(env, dir, rel)) }
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: choose another place for the library", opts.dir)
	}
	if _, err := os.Stat(filepath.Join(dir, library.ConfigFile)); err == nil {
		fmt.Fprintf(env.IO.Out, "%s already has a %s: it is a library already; nothing changed\n", displayOrDot(show(".")), library.ConfigFile)
		return nil
	}
	cat, err := loadCatalog(env, "")
	if err != nil {
		return err
	}
	var todo []scaffold.Change
	for _, c := range scaffold.InitFiles(opts.title, opts.organization, cat) {
		if _, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(c.Path))); err == nil {
			fmt.Fprintf(env.IO.Out, "exists  %s (left as it is)\n", show(c.Path))
			continue
		}
		todo = append(todo, c)
	}
	verb := "create"
	if opts.dryRun {
		verb = "would create"
	}
	if !opts.dryRun {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("cannot create %s: %w", opts.dir, unwrapPathErr(err))
		}
		root, err := os.OpenRoot(dir)
		if err != nil {
			return err
		}
		defer root.Close()
		if err := scaffold.Apply(root, todo); err != nil {
			return err
		}
	}
	for _, c := range todo {
		fmt.Fprintf(env.IO.Out, "%s  %s\n", verb, show(c.Path))
	}
	if opts.dryRun {
		fmt.Fprintln(env.IO.Out, "dry run: nothing was written")
		return nil
	}
	fmt.Fprintf(env.IO.Out, "\nSOP library ready in %s. Next:\n", displayOrDot(show(".")))
	if opts.dir != "." {
		fmt.Fprintf(env.IO.Out, "  cd %s\n", termsafe.Line(opts.dir))
	}
	fmt.Fprintf(env.IO.Out, "  sopctl templates list            # the role templates\n  sopctl new --role ROLE           # scaffold a role's SOPs\n")
	return nil
}

func displayOrDot(p string) string {
	if p == "" || p == "." {
		return "the current folder"
	}
	return p
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
