package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/fix"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/lint/report"
	"github.com/sopctl/sopctl/pkg/sop"
)

// The lifecycle commands: approve, reviewed and retire. Each finds one
// SOP, edits the keys it sets in the file's own bytes (pkg/fix) and writes
// the result atomically, or prints the diff with --dry-run.

type lifecycleOptions struct {
	id, by, on, version, supersededBy string
	dryRun                            bool
}

const lifecycleEdits = `Only the lines of the keys set change, in the file's own bytes (a byte
order mark and CRLF line ends are kept); a key that is missing is added on
a line after status. Dates are written plain (effective: 2026-11-02),
versions quoted (version: "1.1"), a name through the YAML encoder, so that
no value can add a field. The file is written to a temporary file and
renamed into place; one that was saved by someone else since sopctl read it
is left alone (exit 1). --dry-run prints the change as a unified diff
(git apply reads it) and writes nothing.`

func newApproveCmd(env *Env) *cobra.Command {
	opts := &lifecycleOptions{}
	cmd := &cobra.Command{
		Use:   "approve ID --by NAME",
		Short: "Record an SOP's approval: status, approver, version, effective and reviewed",
		Long: `Record that an SOP was approved: status becomes approved, approver NAME,
effective and reviewed the day of the approval (--on DATE, default today),
and version --version V, or else the next one: a version below 1.0 becomes
"1.0", X.Y becomes X.(Y+1).

An SOP with lint errors is not approved (exit 1): they are listed, as sopctl
lint prints them, to be fixed first (approval-incomplete aside, which
approving settles). When NAME is the SOP's owner, a warning says so
(lint's approver-is-owner).

` + lifecycleEdits,
		Example: `  sopctl approve complaint-resolution --by "Head of Customer Experience"
  sopctl approve complaint-resolution --by "Head of CX" --on 2026-11-02 --version 2.0
  sopctl approve complaint-resolution --by "Head of CX" --dry-run`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			if strings.TrimSpace(opts.by) == "" {
				return usageErrorf(`--by NAME is required: who approved the SOP, like --by "Head of Customer Experience"`)
			}
			if opts.version != "" && !sop.ValidApprovalVersion(opts.version) {
				return usageErrorf("--version %q is not a version: write two numbers joined by a dot, like 2.0", opts.version)
			}
			return runLifecycle(cmd, env, opts, approve)
		},
	}
	cmd.Flags().StringVar(&opts.by, "by", "", "who approved the SOP: `NAME` (a person or job title)")
	cmd.Flags().StringVar(&opts.version, "version", "", "the version approved, `V` as N.N (default: the next one)")
	addLifecycleFlags(cmd, opts, "the day of the approval")
	return cmd
}

func newReviewedCmd(env *Env) *cobra.Command {
	opts := &lifecycleOptions{}
	cmd := &cobra.Command{
		Use:   "reviewed ID",
		Short: "Record a periodic review of an SOP that changed nothing",
		Long: `Record that an SOP was reviewed and is still right as it is: reviewed
becomes the day of the review (--on DATE, default today), which restarts
its review cycle (sopctl review, lint's review-overdue). Nothing else changes:
when the review changed the procedure, approve the new version instead
(sopctl approve).

` + lifecycleEdits,
		Example: `  sopctl reviewed complaint-resolution
  sopctl reviewed complaint-resolution --on 2026-11-02 --dry-run`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			return runLifecycle(cmd, env, opts, reviewed)
		},
	}
	addLifecycleFlags(cmd, opts, "the day of the review")
	return cmd
}

func newRetireCmd(env *Env) *cobra.Command {
	opts := &lifecycleOptions{}
	cmd := &cobra.Command{
		Use:   "retire ID",
		Short: "Retire an SOP, optionally naming the SOP that supersedes it",
		Long: `Retire an SOP: its status becomes retired. With --superseded-by NEW, NEW
gains ID in its supersedes list (a new list is written supersedes: [ID]; an
existing one keeps its style, and ID is never listed twice); an unknown NEW
changes nothing (exit 1).

Then every place that still relates to or links to ID is listed on stdout
as path:line:col: message, as lint will report it (retired-ref), to be
pointed to the SOP that replaces ID; retire exits 0 all the same. With
--dry-run the list goes to stderr, so that stdout is the diff alone.

` + lifecycleEdits,
		Example: `  sopctl retire refund-policy-2023 --superseded-by refund-approval
  sopctl retire refund-policy-2023 --dry-run`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.id = args[0]
			if opts.supersededBy != "" && opts.supersededBy == opts.id {
				return usageErrorf("--superseded-by %s names the SOP being retired: name the SOP that replaces it", opts.id)
			}
			if opts.supersededBy != "" {
				if err := checkSOPID(opts.supersededBy, "--superseded-by "); err != nil {
					return err
				}
			}
			return runLifecycle(cmd, env, opts, retire)
		},
	}
	cmd.Flags().StringVar(&opts.supersededBy, "superseded-by", "", "the id of the SOP that replaces it, `NEW`: ID is added to its supersedes list")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the change as a unified diff and write nothing")
	return cmd
}

// addLifecycleFlags adds --on (when says what the date is) and --dry-run.
func addLifecycleFlags(cmd *cobra.Command, opts *lifecycleOptions, when string) {
	cmd.Flags().StringVar(&opts.on, "on", "", when+", `DATE` as YYYY-MM-DD (default today)")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print the change as a unified diff and write nothing")
}

// lifecycleRun is one run of a lifecycle command: the library, the SOP,
// the files it edits, and the notes it prints about them.
type lifecycleRun struct {
	env     *Env
	command string // approve, reviewed or retire
	opts    *lifecycleOptions
	lib     *library.Library
	doc     *sop.Doc
	day     string
	files   []fix.Target
	notes   []string
}

// show is how a file of the library is named to the user.
func (r *lifecycleRun) show(rel string) string {
	return termsafe.Line(displayPath(r.env, r.lib.Dir, rel))
}

// runLifecycle checks the arguments, finds the SOP, lets edit decide what
// to write and writes it (or prints the diff). after, when set, runs once
// the edits are written or shown.
func runLifecycle(cmd *cobra.Command, env *Env, opts *lifecycleOptions, edit func(*lifecycleRun) (after func(context.Context) error, err error)) error {
	if err := checkSOPID(opts.id, ""); err != nil {
		return err
	}
	day := env.Now().Format(time.DateOnly)
	if opts.on != "" {
		if _, err := sop.ParseDate(opts.on); err != nil {
			return usageErrorf("--on %q is %v", opts.on, err)
		}
		day = opts.on
	}
	ctx := cmd.Context()
	lib, err := loadLibrary(ctx, env)
	if err != nil {
		return err
	}
	doc, err := lookupSOP(env, lib, opts.id)
	if err != nil {
		return err
	}
	r := &lifecycleRun{env: env, command: cmd.Name(), opts: opts, lib: lib, doc: doc, day: day}
	after, err := edit(r)
	if err != nil {
		return err
	}
	if err := r.write(ctx); err != nil {
		return err
	}
	if after != nil {
		return after(ctx)
	}
	return nil
}

// edited adds an edit of d (nothing when data is d's bytes) with a note.
func (r *lifecycleRun) edited(d *sop.Doc, data []byte, err error, note string) error {
	if err != nil {
		return fmt.Errorf("%s: %w", r.show(d.Path), err)
	}
	if string(data) != string(d.Src) {
		r.files = append(r.files, fix.Target{Path: d.Path, Old: d.Src, New: data})
	}
	r.notes = append(r.notes, note)
	return nil
}

// write writes the edits, or prints them as a diff with --dry-run; the
// notes go to stdout, or with --dry-run to stderr.
func (r *lifecycleRun) write(ctx context.Context) error {
	out := r.env.IO.Out
	if r.opts.dryRun {
		for _, f := range r.files {
			fmt.Fprint(r.env.IO.Out, fix.Diff(r.show(f.Path), f.Old, f.New))
		}
		out = r.env.IO.ErrOut
	} else if len(r.files) > 0 {
		root, err := os.OpenRoot(r.lib.Dir)
		if err != nil {
			return err
		}
		defer root.Close()
		err = fix.WriteFiles(ctx, root, r.files, r.command)
		var changed *fix.ChangedError
		if errors.As(err, &changed) {
			return fmt.Errorf("%s was saved by someone else since sopctl read it, so nothing was written: run the command again", r.show(changed.Path))
		}
		if err != nil {
			return err
		}
	}
	for _, n := range r.notes {
		fmt.Fprintln(out, n)
	}
	if r.opts.dryRun {
		fmt.Fprintln(out, "dry run, nothing was written")
	}
	return nil
}

// approve: the lint gate, the owner warning, then the edit.
func approve(r *lifecycleRun) (func(context.Context) error, error) {
	if err := r.lintGate(); err != nil {
		return nil, err
	}
	m := &r.doc.Meta
	if sop.SamePerson(r.opts.by, m.Owner.Text) {
		fmt.Fprintf(r.env.IO.ErrOut, "warning: %s is also the owner of %s: have someone other than the owner approve it (lint reports approver-is-owner)\n",
			termsafe.Line(r.opts.by), r.show(r.doc.Path))
	}
	version := r.opts.version
	if version == "" {
		v, err := sop.NextVersion(m.Version.Text)
		if err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %v: pass the version approved with --version N.N", r.show(r.doc.Path), m.Version.Pos.Line, m.Version.Pos.Col, err)
		}
		version = v
	}
	data, err := fix.Approve(r.doc, fix.Approval{By: r.opts.by, On: r.day, Version: version})
	return nil, r.edited(r.doc, data, err, fmt.Sprintf("approved  %s (version %s, approver %s, effective and reviewed %s)",
		r.show(r.doc.Path), version, oneLine(r.opts.by), r.day))
}

// lintGate refuses an SOP with lint errors, listing them as lint does;
// approval-incomplete does not count, as approving settles it.
func (r *lifecycleRun) lintGate() error {
	u, err := configureUnit(r.env, library.NewDisplay(r.env.Dir, r.lib.Dir), r.lib)
	if err != nil {
		return err
	}
	u.opts.Only = func(p string) bool { return p == r.doc.Path }
	var errs []lint.Finding
	for _, f := range lint.Run(r.lib, u.opts) {
		if f.Severity == lint.Error && f.Rule != lint.RuleApprovalIncomplete {
			f.Path = u.show.Path(f.Path)
			errs = append(errs, f)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	if err := report.Write(r.env.IO.ErrOut, "text", errs, report.Options{ToolVersion: toolVersion(), Rules: lint.Rules(), Files: 1}); err != nil {
		return err
	}
	return fmt.Errorf("%s has lint errors, so it was not approved: fix them (sopctl lint %s), then approve it; nothing was written", r.show(r.doc.Path), r.show(r.doc.Path))
}

// reviewed: the reviewed date only.
func reviewed(r *lifecycleRun) (func(context.Context) error, error) {
	data, err := fix.Reviewed(r.doc, r.day)
	return nil, r.edited(r.doc, data, err, fmt.Sprintf("reviewed  %s (reviewed %s)", r.show(r.doc.Path), r.day))
}

// retire: status retired, NEW's supersedes, then what still refers to
// the SOP, listed once the edits are written.
func retire(r *lifecycleRun) (func(context.Context) error, error) {
	var next *sop.Doc
	if r.opts.supersededBy != "" {
		d, err := lookupSOP(r.env, r.lib, r.opts.supersededBy)
		if err != nil {
			return nil, fmt.Errorf("--superseded-by: %w; nothing was written", err)
		}
		next = d
	}
	note := "retired  " + r.show(r.doc.Path)
	if r.doc.Meta.Retired() {
		note += " (it was retired already)"
	}
	data, err := fix.Retire(r.doc)
	if err := r.edited(r.doc, data, err, note); err != nil {
		return nil, err
	}
	if next != nil {
		data, err := fix.Supersede(next, r.opts.id)
		note := fmt.Sprintf("updated  %s (supersedes %s)", r.show(next.Path), r.opts.id)
		if string(data) == string(next.Src) && err == nil {
			note = fmt.Sprintf("unchanged  %s (supersedes %s already)", r.show(next.Path), r.opts.id)
		}
		if err := r.edited(next, data, err, note); err != nil {
			return nil, err
		}
	}
	return r.listReferences, nil
}

// listReferences names every place that still relates or links to the
// retired SOP, as lint's retired-ref will report it.
func (r *lifecycleRun) listReferences(ctx context.Context) error {
	out := r.env.IO.Out
	if r.opts.dryRun {
		out = r.env.IO.ErrOut
	}
	lib := r.lib
	if !r.opts.dryRun && len(r.files) > 0 {
		// Positions in the files as written: NEW may have gained a line.
		changed := map[string]bool{}
		for _, f := range r.files {
			changed[f.Path] = true
		}
		var err error
		if lib, err = library.Reload(ctx, r.lib, changed); err != nil {
			return err
		}
	}
	refs := lint.RetirementRefs(lib, lint.Options{Now: r.env.Now()}, r.opts.id)
	if len(refs) == 0 {
		fmt.Fprintf(out, "no SOP relates or links to %s\n", r.opts.id)
		return nil
	}
	for _, f := range refs {
		fmt.Fprintf(out, "%s:%d:%d: %s\n", r.show(f.Path), f.Line, f.Column, termsafe.Line(f.Message))
	}
	fmt.Fprintf(out, "%d references to %s remain: lint reports each as retired-ref until it names the SOP that supersedes it\n", len(refs), r.opts.id)
	return nil
}
