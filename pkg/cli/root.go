package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"
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
				return usageErrorf("unknown command %q for sopctl", args[0])
			}
			return cmd.Help()
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if env.Dir == "" && !filepath.IsAbs(chdir) && needsDir(cmd) {
				return errNoDir
			}
			if chdir != "" {
				if !filepath.IsAbs(chdir) {
					chdir = filepath.Join(env.Dir, chdir)
				}
				env.Dir = filepath.Clean(chdir)
			}
			return nil
		},
	}
	root.SetIn(env.IO.In)
	root.SetOut(env.IO.Out)
	root.SetErr(env.IO.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &UsageError{Err: err} })
	root.PersistentFlags().StringVarP(&chdir, "directory", "C", "", "run as if sopctl was started in `DIR`")
	root.AddCommand(
		newInitCmd(env),
		newNewCmd(env),
		newLintCmd(env),
		newRenderCmd(env),
		newShowCmd(env),
		newReviewCmd(env),
		newGraphCmd(env),
		newTemplatesCmd(env),
		newSchemaCmd(env),
		newVersionCmd(env),
	)
	for _, c := range root.Commands() {
		wrapArgs(c)
	}
	return root
}

// wrapArgs makes cobra's argument checks return usage errors (exit 2).
func wrapArgs(c *cobra.Command) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
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

// errNoDir stops a command that needs the directory sopctl was started in
// when it cannot be read: the command could not start (exit 2).
var errNoDir = errors.New("cannot read the current directory (was it deleted?): cd to a folder that exists, or pass -C DIR")
