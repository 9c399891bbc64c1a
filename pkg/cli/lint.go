package cli

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/lint/report"
	"github.com/sopctl/sopctl/pkg/sop"
)

type lintOptions struct {
	paths       []string
	format      string
	strict      bool
	maxWarnings int
	listRules   bool
	explain     string
	fix, dryRun bool
	since       string
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

With no PATH, the library is the one at or above the current folder (or -C
DIR). Each PATH finds its own library by walking up from the PATH, so
"sopctl lint handbook" works from a repository root that has no sopctl.yaml:
a library's folder, or its sopctl.yaml, checks the whole library; a folder
inside it checks the SOPs under that folder; a file checks that file. PATHs in
several libraries are checked library by library, each with its own
sopctl.yaml, and reported together.

For a pre-commit hook, which passes the changed files: a file that is no SOP
(a README.md, a file outside sops_dir or in no library) is named on stderr and
skipped, and when no file given is an SOP, lint says so and exits 0. A PATH
that does not exist, or a folder in no library, cannot start lint (exit 2).

Paths in the report are relative to the folder sopctl was started in (or -C
DIR) when the file lies under it, as GitHub annotations and SARIF need when
run from the repository root; otherwise relative to the library root (or, when
several libraries are reported, to the start folder with ../).

Severities come from each rule's default and lint.rules in sopctl.yaml
(error, warning, info or off). Exit status: 0 when there is no error (and no
more warnings than --max-warnings), 1 otherwise, 2 when linting could not start.

Memory: lint keeps about 1 KiB of each SOP once it is checked. On a library of
more than 1,024 SOPs it sets Go's soft memory limit from their number (about
34 MiB for 10,000 SOPs, 244 MiB for 100,000) and, under it, GOGC to 300; a
GOMEMLIMIT you set wins, and so does a GOGC other than the default, 100.

Inline suppression: an HTML comment in an SOP's body silences the rules it
names, separated by commas, and may say why after "--":
  <!-- sopctl-disable-next-line RULE[,RULE] -->  the next non-blank line
  <!-- sopctl-disable RULE[,RULE] -->            from here to the matching
  <!-- sopctl-enable RULE[,RULE] -->             enable, or to the end of file
  <!-- sopctl-disable-file RULE[,RULE] -->       the whole file, front matter
                                                and line 1 included
Comments inside code are not read. invalid-file and yaml-syntax cannot be
suppressed. A suppression that silences nothing is reported
(unused-suppression, info), as is one naming an unknown rule
(invalid-suppression, warning).

Formats: text (path:line:col: severity rule: message, then a summary), json
({"version":1,"findings":[{"path","line","column","severity","rule","message"}]}),
sarif (SARIF 2.1.0 for GitHub code scanning) and github (workflow commands
that annotate a pull request).

--fix makes the fixes that cannot change what an SOP says (unknown-field
renames, an unquoted version, missing-field and missing-section placeholders,
title-mismatch, a mistyped broken-link anchor, an unresolved-param that
sopctl.yaml's params set), names each one, then lints
again and reports what is left. A file saved by someone else since it was read
is left alone and named. --fix --dry-run prints the fixes as a unified diff and
writes nothing.

--since REV compares the library with the git revision REV (a commit, branch
or tag) and turns on version-not-bumped: an approved SOP whose file changed
since REV (other than its reviewed line) must have a new version. A file moved
since REV with its name kept is compared with its old path. In CI:
sopctl lint --since origin/main. REV unknown, or no git repository, cannot
start lint (exit 2).`,
		Example: `  sopctl lint
  sopctl lint sops/complaint-resolution.md
  sopctl lint handbook                          # from the repository root
  sopctl lint handbook/sops/orders README.md    # README.md is skipped: no SOP
  sopctl lint --format github handbook ops      # two libraries, one report
  sopctl lint --format sarif handbook > sopctl.sarif
  sopctl lint --strict --max-warnings 0
  sopctl lint --explain broken-link
  sopctl lint --fix --dry-run
  sopctl lint --since origin/main`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.paths = args
			if err := oneOf("--format", opts.format, report.Formats()...); err != nil {
				return err
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
	cmd.Flags().BoolVar(&opts.fix, "fix", false, "fix what can be fixed without changing meaning, then report what is left")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "with --fix: print the fixes as a unified diff and write nothing")
	cmd.Flags().StringVar(&opts.since, "since", "", "also check that each approved SOP changed since the git revision `REV` has a new version (version-not-bumped)")
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
	fmt.Fprintf(out, "%s (default: %s%s)\n\n%s.\n\n%s\n\n%s\n\nFires on:\n\n%s\nFixed:\n\n%s", r.ID, r.Default, fixed,
		upperFirst(r.Summary), r.Fix, r.Suppression(), indent(r.Bad), indent(r.Good))
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

// nothingGiven says that every PATH was skipped: not a failure, so that a
// pre-commit hook passes when only other Markdown files changed.
const nothingGiven = "no SOP among the files given"

func runLint(ctx context.Context, env *Env, opts *lintOptions) error {
	if opts.dryRun && !opts.fix {
		return usageErrorf("--dry-run only goes with --fix: run sopctl lint --fix --dry-run")
	}
	units, err := lintUnits(ctx, env, opts.paths, opts.fix) // --fix edits the files it read
	if err != nil {
		return err
	}
	if opts.since != "" {
		if err := attachSince(ctx, units, opts.since); err != nil {
			return err
		}
	}
	if opts.fix {
		return runFix(ctx, env, opts, units)
	}
	var findings []lint.Finding
	files := 0
	for _, u := range units {
		f, n := u.run()
		findings = append(findings, f...)
		files += n
	}
	lint.Sort(findings)
	errs, warnings := 0, 0
	for i := range findings {
		f := &findings[i]
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
	if len(units) == 0 {
		if opts.format == "text" {
			fmt.Fprintln(env.IO.Out, nothingGiven)
			return nil
		}
		// An empty document still follows, for the tools that read it.
		fmt.Fprintf(env.IO.ErrOut, "sopctl lint: %s\n", nothingGiven)
	}
	if err := report.Write(env.IO.Out, opts.format, findings, report.Options{
		Color: opts.format == "text" && env.IO.ColorEnabled(), ToolVersion: toolVersion(), Rules: lint.Rules(), Files: files,
	}); err != nil {
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
