package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Version, Commit and Date describe the build. Release builds (goreleaser,
// make build, make release-check) set them with
// -ldflags "-X github.com/sopctl/sopctl/pkg/cli.Version=v1.2.3 -X ...Commit=SHA -X ...Date=RFC3339";
// a build without them falls back to what the Go toolchain recorded.
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

func newVersionCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print sopctl's version, commit and build date",
		Example: "  sopctl version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			info, _ := debug.ReadBuildInfo()
			line := versionLine(Version, Commit, Date, info, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
			_, err := fmt.Fprintln(env.IO.Out, line)
			return err
		},
	}
}

// toolVersion is this build's version, as reports name the tool's (SARIF).
func toolVersion() string {
	info, _ := debug.ReadBuildInfo()
	return buildVersion(Version, info)
}

// buildVersion is version when -ldflags set it, else the main module's
// version (go install ...@v1.2.3 records it; a local build records
// "(devel)", which is not a version), else "dev".
func buildVersion(version string, info *debug.BuildInfo) string {
	if info == nil || version != "dev" {
		return version
	}
	if mv := info.Main.Version; mv != "" && mv != "(devel)" {
		return mv
	}
	return version
}

// versionLine formats "sopctl VERSION (commit C, built D, GO, OS/ARCH)".
// Values set by -ldflags win; without them, the version is the main
// module's (go install ...@v1.2.3 records it; a local build records
// "(devel)", which is not a version) and the commit and date come from
// the VCS stamp; "dirty" marks a build from a modified work tree.
// info may be nil (a binary built without module support).
func versionLine(version, commit, date string, info *debug.BuildInfo, goVersion, platform string) string {
	version = buildVersion(version, info)
	dirty := false
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				if commit == "" {
					commit = s.Value
				}
			case "vcs.time":
				if date == "" {
					date = s.Value
				}
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	var parts []string
	if commit != "" {
		parts = append(parts, "commit "+commit[:min(len(commit), 12)])
	}
	if dirty {
		parts = append(parts, "dirty")
	}
	if date != "" {
		parts = append(parts, "built "+date)
	}
	parts = append(parts, goVersion, platform)
	return "sopctl " + version + " (" + strings.Join(parts, ", ") + ")"
}
