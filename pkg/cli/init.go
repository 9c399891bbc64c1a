package cli

import (
	"context"
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
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is a file, not a folder: choose another place for the library", opts.dir)
	}
	if done, err := existingConfig(dir, show); done || err != nil {
		if err == nil {
			fmt.Fprintf(env.IO.Out, "%s already has a %s: it is a library already; nothing changed\n", displayOrDot(show(".")), library.ConfigFile)
		}
		return err
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
		if err := initWrite(ctx, dir, opts.dir, todo); err != nil {
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

// existingConfig says whether dir already holds a library's sopctl.yaml.
// Anything else by that name (a folder, a broken link) blocks init: like
// a sopctl.yaml that cannot be read, it is an error that stops the
// command from starting (exit 2), and every other command, which looks
// for a file, would not find the library either.
func existingConfig(dir string, show func(string) string) (bool, error) {
	p := filepath.Join(dir, library.ConfigFile)
	if _, err := os.Lstat(p); err != nil {
		return false, nil
	}
	fi, err := os.Stat(p)
	switch {
	case err == nil && fi.Mode().IsRegular():
		return true, nil
	case err == nil && fi.IsDir():
		err = fmt.Errorf("%s is a folder, not a file: sopctl.yaml must be the library's configuration file; rename or remove that folder, then run sopctl init again", show(library.ConfigFile))
	case err == nil:
		err = fmt.Errorf("%s is not a regular file: remove it, then run sopctl init again", show(library.ConfigFile))
	case errors.Is(err, fs.ErrNotExist):
		err = fmt.Errorf("%s is a link to a file that does not exist: remove the link or restore its file, then run sopctl init again", show(library.ConfigFile))
	default:
		err = fmt.Errorf("%s exists but cannot be read (%v): remove or fix it, then run sopctl init again", show(library.ConfigFile), library.WithoutPath(err))
	}
	return false, &library.ConfigError{Err: err}
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
