package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Version is sopctl's version, set at build time with
// -ldflags "-X github.com/sopctl/sopctl/pkg/cli.Version=v1.2.3".
var Version = "dev"

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print sopctl's version",
		Example: "  sopctl version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			commit := ""
			if info, ok := debug.ReadBuildInfo(); ok {
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						commit = ", commit " + s.Value[:12]
					}
				}
			}
			_, err := fmt.Fprintf(env.IO.Out, "sopctl %s (%s%s, %s/%s)\n", Version, runtime.Version(), commit, runtime.GOOS, runtime.GOARCH)
			return err
		},
	}
}
