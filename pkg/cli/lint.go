package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/lint/report"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

type lintOptions struct {
	paths       []string
	format      string
	strict      bool
	maxWarnings int
	listRules   bool
	explain     string
}

func newLintCmd(env *Env) *cobra.Command {
	opts := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check the SOPs of the library (or some of them) against every rule",
		Long: `Check every SOP of the library, or only the files and folders given, against
the rules of sopctl lint --list-rules. References are resolved against the whole
library either way. A file that cannot be parsed is reported and the rest is
still checked.

Severities come from each rule's default and lint.rules in sopctl.yaml
(error, warning, info or off). Exit status: 0 when there is no error (and no
more warnings than --max-warnings), 1 otherwise, 2 when linting could not start.

Formats: text (path:line:col: severity rule: message, then a summary), json
({"version":1,"findings":[{"path","line","column","severity","rule","message"}]}),
sarif (SARIF 2.1.0 for GitHub code scanning) and github (workflow commands
that annotate a pull request).`,
		Example: `  sopctl lint
  sopctl lint sops/complaint-resolution.md
  sopctl lint --format sarif > sopctl.sarif
  sopctl lint --strict --max-warnings 0
  sopctl lint --explain broken-link`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if !slices.Contains(report.Formats(), opts.format) {
				return usageErrorf("--format %q is not one of %s", opts.format, strings.Join(report.Formats(), ", "))
			}
			switch {
			case opts.listRules:
				return listRules(env)
			case opts.explain != "":
				return explainRule(env, opts.explain)
			}
			return runLint(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output `FORMAT`: "+strings.Join(report.Formats(), ", "))
	cmd.Flags().BoolVar(&opts.strict, "strict", false, "treat warnings as errors")
	cmd.Flags().IntVar(&opts.maxWarnings, "max-warnings", -1, "fail when there are more than `N` warnings (-1: no limit)")
	cmd.Flags().BoolVar(&opts.listRules, "list-rules", false, "list the rules with their default severity")
	cmd.Flags().StringVar(&opts.explain, "explain", "", "explain a `RULE`, with an example that fires and its fix")
	return cmd
}

func listRules(env *Env) error {
	w := tabwriter.NewWriter(env.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "RULE\tDEFAULT\tCHECKS")
	for _, r := range lint.Rules() {
		fmt.Fprintf(w, "%s\t%s\t%s\n", r.ID, r.Default, r.Summary)
	}
	return w.Flush()
}

func explainRule(env *Env, id string) error {
	r, ok := lint.Rule(id)
	if !ok {
		msg := fmt.Sprintf("unknown rule %q", id)
		if s := sop.DidYouMean(id, lint.RuleIDs()); s != "" {
			msg += ": " + s
		}
		return usageErrorf("%s; sopctl lint --list-rules lists them", msg)
	}
	out := env.IO.Out
	fixed := ""
	if r.Fixed {
		fixed = ", cannot be turned off"
	}
	fmt.Fprintf(out, "%s (default: %s%s)\n\n%s.\n\n%s\n\nFires on:\n\n%s\nFixed:\n\n%s", r.ID, r.Default, fixed,
		upperFirst(r.Summary), r.Fix, indent(r.Bad), indent(r.Good))
	return nil
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		if line == "" {
			b.WriteString("\n")
			continue
		}
		b.WriteString("    " + line + "\n")
	}
	return b.String()
}

func runLint(ctx context.Context, env *Env, opts *lintOptions) error {
	lib, err := loadLibrary(ctx, env)
	if err != nil {
		return err
	}
	libDir := lib.Dir
	only, err := pathFilter(env, libDir, opts.paths)
	if err != nil {
		return err
	}
	severities, err := lint.Configure(lib.Config)
	if err != nil {
		return err
	}
	cat, err := loadCatalog(env, libDir)
	if err != nil {
		return err
	}
	findings := lint.Run(lib, lint.Options{Now: env.Now(), Severities: severities, Roles: roles.Known(cat, lib.Config).IDs(), Only: only})
	files := 0
	for _, d := range lib.Docs {
		if only == nil || only(d.Path) {
			files++
		}
	}
	for _, f := range lib.Failed {
		if only == nil || only(f.Path) {
			files++
		}
	}
	errs, warnings := 0, 0
	for i := range findings {
		f := &findings[i]
		f.Path = displayPath(env, libDir, f.Path)
		if opts.strict && f.Severity == lint.Warning {
			f.Severity = lint.Error
		}
		switch f.Severity {
		case lint.Error:
			errs++
		case lint.Warning:
			warnings++
		}
	}
	err = report.Write(env.IO.Out, opts.format, findings, report.Options{
		Color: opts.format == "text" && env.IO.ColorEnabled(), ToolVersion: Version, Rules: lint.Rules(), Files: files,
	})
	if err != nil {
		return err
	}
	if errs > 0 {
		return &SilentError{Code: ExitProblems}
	}
	if opts.maxWarnings >= 0 && warnings > opts.maxWarnings {
		fmt.Fprintf(env.IO.ErrOut, "sopctl lint: %d warnings, more than --max-warnings %d allows\n", warnings, opts.maxWarnings)
		return &SilentError{Code: ExitProblems}
	}
	return nil
}

// pathFilter turns PATH arguments into a filter on library paths. A folder
// takes every SOP under it. A path outside the library or that does not
// exist is a usage error.
func pathFilter(env *Env, libDir string, args []string) (func(string) bool, error) {
	if len(args) == 0 {
		return nil, nil
	}
	type entry struct {
		rel string
		dir bool
	}
	var entries []entry
	for _, a := range args {
		abs := a
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(env.Dir, a)
		}
		rel, err := filepath.Rel(libDir, abs)
		if err != nil || !filepath.IsLocal(rel) && rel != "." {
			return nil, usageErrorf("%s is outside the library at %s", a, libDir)
		}
		fi, err := os.Stat(abs)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usageErrorf("%s: no such file or folder", a)
		}
		if err != nil {
			return nil, err
		}
		entries = append(entries, entry{filepath.ToSlash(rel), fi.IsDir()})
	}
	return func(p string) bool {
		for _, e := range entries {
			if p == e.rel || e.dir && (e.rel == "." || strings.HasPrefix(p, e.rel+"/")) {
				return true
			}
		}
		return false
	}, nil
}
