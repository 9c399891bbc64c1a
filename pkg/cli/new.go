package cli

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

type newOptions struct {
	id, role, title string
	force, dryRun   bool
	noRefs          bool
	sets            []string
}

func newNewCmd(env *Env) *cobra.Command {
	opts := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new [ID] [--role ROLE] [--title TITLE] [--set ID=VALUE]...",
		Short: "Scaffold SOPs: every SOP of a role, one SOP, or a blank SOP",
		Long: `Scaffold SOP files as drafts in the library's sops folder (sops_dir), which
new creates if it is missing, unless a folder of a close name shows that
sops_dir is a typo.

  sopctl new --role ROLE        every SOP of the role, plus the SOPs they refer to,
                                so the library has no broken references. An SOP that
                                exists gets the role added to its roles: list (only
                                that line changes) and is otherwise left alone.
  sopctl new --role ROLE --no-refs
                                only the role's own SOPs: lint reports each reference
                                to an SOP left out as broken-ref until you add it
  sopctl new ID --role ROLE     one SOP of the role
  sopctl new ID                 one SOP from any template (sopctl templates show)
  sopctl new ID --title TITLE   a blank SOP with every field and section the library
                                requires, holding TODO: placeholders to fill in

Template text cites parameters, values a team sets for itself, as {{id}}
(sopctl templates show ROLE lists a role's parameters with their values). new
writes each one's value: --set ID=VALUE (repeatable), else sopctl.yaml's
params:, else the template's default; and it records every value it used
under params: in sopctl.yaml, so that later scaffolds agree. A --set that
changes a value there updates it; SOPs already in place keep their text, and
new names those that cite the parameter.

An existing SOP is never replaced without --force. Each run of new --role
completes whatever is missing (SOP files, the role in existing SOPs' roles:,
KPIs in sopctl.yaml), so an interrupted run is repaired by running it again.

Each file is written to a temporary name and renamed into place; if anything
fails, or the command is interrupted (Ctrl-C), nothing changes. A file that
another program creates or edits meanwhile is kept: nothing is written, and
running the command again plans from what is there.`,
		Example: `  sopctl new --role customer-service-representative --dry-run
  sopctl new --role customer-service-representative
  sopctl new complaint-resolution --role customer-contact-specialist
  sopctl new refund-approval --title "Refund Approval"`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.id = args[0]
				if !sop.ValidID(opts.id) {
					return usageErrorf("SOP id %q is not valid: use %s", opts.id, sop.IDRule)
				}
			}
			if cmd.Flags().Changed("title") {
				if opts.id == "" {
					return usageErrorf("--title needs the new SOP's id: sopctl new ID --title TITLE")
				}
				if err := validTitle(opts.title); err != nil {
					return err
				}
			}
			if opts.noRefs && opts.role == "" {
				return usageErrorf("--no-refs leaves out the SOPs a role's SOPs refer to: use it with --role ROLE")
			}
			if _, err := parseSets(opts.sets); err != nil {
				return err
			}
			if opts.id == "" && opts.role == "" {
				return usageErrorf("name a role (--role ROLE) or an SOP id; sopctl templates list shows the roles")
			}
			return runNew(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.role, "role", "", "the role template to scaffold from (`ROLE` id)")
	cmd.Flags().StringVar(&opts.title, "title", "", "start a blank SOP with this `TITLE`")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace existing SOP files with new drafts")
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print what would change, write nothing")
	cmd.Flags().BoolVar(&opts.noRefs, "no-refs", false, "with --role, scaffold only the role's own SOPs, not the SOPs they refer to")
	cmd.Flags().StringArrayVar(&opts.sets, "set", nil, "give template parameter `ID=VALUE` (repeatable); wins over sopctl.yaml's params")
	return cmd
}

func runNew(ctx context.Context, env *Env, opts *newOptions) error {
	// new may create a missing sops_dir (see library.OpenToAdd): git keeps
	// no empty folder, and new is how an empty library gets its SOPs.
	lib, err := library.OpenToAdd(ctx, env.Dir)
	if err != nil {
		return err
	}
	libDir := lib.Dir
	cat, err := loadCatalog(env, libDir)
	if err != nil {
		return err
	}
	sets, _ := parseSets(opts.sets) // checked before the run
	plan, err := scaffold.PlanNew(lib, cat, scaffold.Request{
		Role: opts.role, ID: opts.id, Title: opts.title, Force: opts.force, NoRefs: opts.noRefs,
		Today: env.Now().Format(time.DateOnly), Set: sets,
	})
	if err != nil {
		return setError(err)
	}
	out := env.IO.Out
	if len(plan.Changes) == 0 {
		fmt.Fprintf(out, "nothing to do: the %d SOPs of role %s are in the library and list the role; %s; sopctl.yaml has their KPIs and parameters\n",
			plan.Own, opts.role, refsSummary(plan, opts.noRefs, "the %d SOPs they refer to are in the library too"))
		return nil
	}
	if !opts.dryRun {
		root, err := os.OpenRoot(libDir)
		if err != nil {
			return err
		}
		defer root.Close()
		if err := scaffold.Apply(ctx, root, plan.Changes); err != nil {
			return err
		}
	}
	own, ref := map[scaffold.Action]int{}, map[scaffold.Action]int{}
	for _, c := range plan.Changes {
		if c.Referenced {
			ref[c.Action]++
		} else if c.Path != library.ConfigFile {
			own[c.Action]++
		}
		verb := string(c.Action)
		if opts.dryRun {
			verb = "would " + verb
		}
		fmt.Fprintf(out, "%s  %s (%s)\n", verb, termsafe.Line(displayPath(env, libDir, c.Path)), termsafe.Line(c.Note))
	}
	summary := tally(own, -1)
	if opts.role != "" && opts.id == "" {
		summary = fmt.Sprintf("role %s: %d SOPs of the role (%s); %s", opts.role, plan.Own, tally(own, plan.Present),
			refsSummary(plan, opts.noRefs, "%d SOPs they refer to ("+tally(ref, plan.PresentReferenced)+")"))
	}
	if opts.dryRun {
		summary = "dry run, nothing was written: " + summary
	}
	fmt.Fprintln(out, summary)
	paramSummary(out, plan.Params, opts.dryRun)
	return nil
}

// refsSummary is what a role's summary says of the SOPs its SOPs refer
// to: format, given their number, or with --no-refs how many are missing.
func refsSummary(plan *scaffold.Plan, noRefs bool, format string) string {
	if !noRefs {
		return fmt.Sprintf(format, plan.Referenced)
	}
	if plan.Missing == 0 {
		return "the SOPs they refer to are in the library"
	}
	return fmt.Sprintf("%d referenced SOPs not added (--no-refs): lint will report them as broken-ref", plan.Missing)
}

// tally says how many SOPs each action touched, and how many were already
// in place when present is not negative.
func tally(n map[scaffold.Action]int, present int) string {
	var parts []string
	for _, a := range []scaffold.Action{scaffold.Create, scaffold.Update, scaffold.Replace} {
		if n[a] > 0 {
			parts = append(parts, fmt.Sprintf("%d %sd", n[a], a)) // created, updated, replaced
		}
	}
	if present > 0 {
		parts = append(parts, fmt.Sprintf("%d already in place", present))
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}
