package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/internal/textwrap"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/roles"
)

func newTemplatesCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List and show the role templates",
		Long: `Role templates describe the SOPs of a role. sopctl ships templates for four
customer-service roles and a catalogue of the supporting SOPs they refer to; a
library's own templates/*.yaml add templates or replace built-ins by id;
templates extract makes one from a library's own SOPs.`,
		Example: `  sopctl templates list
  sopctl templates show customer-service-representative
  sopctl templates extract night-shift -o night-shift.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "list",
		Short:   "List the role templates: id, title, kind, SOP count, source",
		Example: "  sopctl templates list",
		Args:    cobra.NoArgs,
		RunE:    func(cmd *cobra.Command, args []string) error { return runTemplatesList(env) },
	}, &cobra.Command{
		Use:   "show ROLE",
		Short: "Show one template's SOPs, the SOPs they refer to and their parameters",
		Long: `Show one template's SOPs and, for a role, the SOPs they refer to, which
sopctl new --role scaffolds with them.

Then the parameters those SOPs cite as {{id}}: values a team sets for itself,
like a time target. Each is shown with the value sopctl new would write (from
params: in sopctl.yaml when it is set there, else the template's default), its
unit, its description and the SOPs that cite it. Set a value under params: in
sopctl.yaml, or give it once with sopctl new --set ID=VALUE, which records it
there.`,
		Example: "  sopctl templates show customer-contact-specialist",
		Args:    cobra.ExactArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return runTemplatesShow(env, args[0]) },
	}, newTemplatesExtractCmd(env))
	return cmd
}

func catalogHere(env *Env) (*roles.Catalog, error) {
	libDir, err := findLibrary(env)
	if err != nil {
		return nil, err
	}
	return loadCatalog(env, libDir)
}

// catalogAndConfig is the catalogue in use here and, inside a library,
// its sopctl.yaml (nil outside one), for the parameters' values.
func catalogAndConfig(env *Env) (*roles.Catalog, *library.Config, error) {
	libDir, err := findLibrary(env)
	if err != nil {
		return nil, nil, err
	}
	cat, err := loadCatalog(env, libDir)
	if err != nil {
		return nil, nil, err
	}
	cfg, err := libraryConfig(libDir)
	return cat, cfg, err
}

func runTemplatesList(env *Env) error {
	cat, err := catalogHere(env)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tTITLE\tKIND\tSOPS\tSOURCE")
	for _, t := range cat.Templates() {
		kind := "role"
		if !t.Role {
			kind = "catalogue"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%s\n", oneLine(t.ID), oneLine(t.Title), kind, len(t.SOPs), t.Source())
	}
	return w.Flush()
}

func runTemplatesShow(env *Env, id string) error {
	cat, cfg, err := catalogAndConfig(env)
	if err != nil {
		return err
	}
	t, ok := cat.Template(id)
	if !ok {
		if _, err := cat.Role(id); err != nil {
			return err
		}
	}
	out := env.IO.Out
	kind := "role"
	if !t.Role {
		kind = "catalogue"
	}
	fmt.Fprintf(out, "%s (%s, %s, %s %s)\n", oneLine(t.Title), oneLine(t.ID), kind, t.Source(), termsafe.Line(t.Path))
	if t.Department != "" {
		fmt.Fprintf(out, "Department: %s\n", oneLine(t.Department))
	}
	if t.Description != "" {
		fmt.Fprintf(out, "\n%s\n", textwrap.Wrap(oneLine(t.Description), 80))
	}
	own := cat.Definitions(t)
	fmt.Fprintf(out, "\nSOPs (%d):\n", len(own))
	sopTable(env, own)
	all := own
	if t.Role {
		all = cat.Closure(own)
		if extra := all[len(own):]; len(extra) > 0 {
			fmt.Fprintf(out, "\nAlso scaffolded by sopctl new --role %s, because the SOPs above refer to them (%d):\n", oneLine(t.ID), len(extra))
			sopTable(env, extra)
		}
	}
	showParams(env, cat, cfg, all)
	return nil
}

func sopTable(env *Env, defs []*roles.SOP) {
	w := tabwriter.NewWriter(env.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "  ID\tTITLE\tOWNER\tSTEPS\tKPIS")
	for _, d := range defs {
		fmt.Fprintf(w, "  %s\t%s\t%s\t%d\t%s\n", oneLine(d.ID), oneLine(d.Title), oneLine(d.Owner), len(d.Steps), oneLine(strings.Join(d.KPIs, ",")))
	}
	_ = w.Flush()
}
