package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/library"
)

func newRootCmd(env *Env) *cobra.Command {
	var chdir string
	root := &cobra.Command{
		Use:   "sopctl",
		Short: "Author, check and publish Standard Operating Procedures kept as files in git",
		Long: `sopctl keeps a team's Standard Operating Procedures (SOPs) as Markdown files
with YAML front matter in a git repository: scaffold them from role templates,
check them in CI, and publish them as a handbook.

A library is a folder with a sopctl.yaml; commands find it by walking up from
the current directory, as git finds .git.`,
		Example: `  sopctl init handbook && cd handbook
  sopctl templates list
  sopctl new --role customer-service-representative
  sopctl new refund-approval --title "Refund Approval"`,
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(cmd, args[0])
			}
			return cmd.Help()
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if env.Dir == "" && !filepath.IsAbs(chdir) && needsDir(cmd) {
				return errNoDir
			}
			if chdir != "" {
				dir := chdir
				if !filepath.IsAbs(dir) {
					dir = filepath.Join(env.Dir, dir)
				}
				if err := checkChdir(cmd, chdir, dir); err != nil {
					return err
				}
				env.Dir = filepath.Clean(dir)
			}
			return nil
		},
	}
	root.SetIn(env.IO.In)
	root.SetOut(env.IO.Out)
	root.SetErr(env.IO.ErrOut)
	root.SetFlagErrorFunc(flagError)
	root.PersistentFlags().StringVarP(&chdir, "directory", "C", "", "run as if sopctl was started in `DIR`")
	root.AddCommand(
		newInitCmd(env),
		newNewCmd(env),
		newLintCmd(env),
		newRenderCmd(env),
		newServeCmd(env),
		newShowCmd(env),
		newReviewCmd(env),
		newDiffCmd(env),
		newApproveCmd(env), newReviewedCmd(env), newRetireCmd(env),
		newAckCmd(env),
		newGraphCmd(env),
		newTemplatesCmd(env),
		newSchemaCmd(env),
		newVersionCmd(env),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	addCompletions(root, env)
	return root
}

// wrapArgs makes cobra's argument checks return usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				if cmd.HasAvailableSubCommands() && len(args) > 0 {
					return unknownCommand(cmd, args[0])
				}
				return &UsageError{Err: fmt.Errorf("%s: %w", cmd.CommandPath(), err)}
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		wrapArgs(sub)
	}
}

// needsDir reports whether a command reads the directory sopctl was
// started in; version, help, completion, templates and schema also work
// without one (templates and schema then know only the built-ins).
func needsDir(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "version", "help", "completion", "templates", "schema", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return false
		}
	}
	return cmd.HasParent() // the bare root prints help
}

// checkChdir makes sure -C names a folder (dir: the path it gives, made
// absolute), as git -C does: otherwise a command would go on to say there
// is no sopctl.yaml, or run in the folder a file is in. Help and shell
// completion run whatever -C says.
func checkChdir(cmd *cobra.Command, arg, dir string) error {
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "help", "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return nil
		}
	}
	fi, err := os.Stat(dir)
	missing := errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) // ENOTDIR: a file on the way
	switch {
	case missing && cmd.Name() == "init":
		return &chdirError{Arg: arg, Problem: "no such folder: sopctl init " + arg + " creates it"}
	case missing:
		return &chdirError{Arg: arg, Problem: "no such folder: name a folder that exists, such as the library's"}
	case err != nil:
		return &chdirError{Arg: arg, Problem: fmt.Sprintf("cannot be read (%v): name a folder sopctl can read", library.WithoutPath(err))}
	case !fi.IsDir():
		return &chdirError{Arg: arg, Problem: "not a folder but a file: name the folder to run in, such as the one that holds it"}
	}
	return nil
}

// chdirError is a -C DIR that names no folder: the command could not start
// (exit 2).
type chdirError struct{ Arg, Problem string }

func (e *chdirError) Error() string { return "-C " + e.Arg + ": " + e.Problem }

// errNoDir stops a command that needs the directory sopctl was started in
// when it cannot be read: the command could not start (exit 2).
var errNoDir = errors.New("cannot read the current directory (was it deleted?): cd to a folder that exists, or pass -C DIR")
