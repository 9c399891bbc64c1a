package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/scaffold"
	"github.com/sopctl/sopctl/pkg/sop"
)

type extractOptions struct {
	role, id, title, out string
	force                bool
}

func newTemplatesExtractCmd(env *Env) *cobra.Command {
	opts := &extractOptions{}
	cmd := &cobra.Command{
		Use:   "extract ROLE [--id ID] [--title T] [-o FILE]",
		Short: "Write a role template made from the library's SOPs of a role",
		Long: `Write a role template (the YAML of templates/*.yaml) made from the library's
SOPs whose roles: list ROLE, drafts included, retired SOPs left out, so that a
team can publish its own SOPs for others to scaffold. Each SOP keeps its id,
title, owner, responsible, related, kpis, channels and tags, and its sections:
Purpose, Scope, Responsibilities, Procedure (its numbered steps) and Checklist
where sopctl new writes them, any other section word for word. The SOPs they
relate to that no built-in template defines are defined too, and the KPIs they
cite come with sopctl.yaml's definitions, so the template stands alone.

In another library, save it as templates/ID.yaml: sopctl new --role ID then
writes the SOPs back as drafts, with the same body (version, status, dates and
approver are the library's own). What the template cannot carry as the SOP has
it (text before the first section, an empty section, a Procedure that is not a
plain numbered list) is named on stderr, file and line.

The template goes to stdout, or to FILE with -o (written to a temporary file
and renamed into place; an existing FILE is replaced only with --force).`,
		Example: `  sopctl templates extract night-shift -o night-shift.yaml
  sopctl templates extract customer-service-representative --id acme-representative --title "Acme Representative"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.role = args[0]
			if opts.id == "" {
				opts.id = opts.role
			}
			if !sop.ValidID(opts.id) {
				return usageErrorf("template id %q is not valid: use %s (--id ID names the template)", opts.id, sop.IDRule)
			}
			if cmd.Flags().Changed("title") {
				if err := validTitle(opts.title); err != nil {
					return err
				}
			}
			if cmd.Flags().Changed("output") && strings.TrimSpace(opts.out) == "" {
				return usageErrorf("-o needs a file name: -o FILE")
			}
			return runTemplatesExtract(cmd.Context(), env, opts)
		},
	}
	cmd.Flags().StringVar(&opts.id, "id", "", "the template's `ID` (default ROLE)")
	cmd.Flags().StringVar(&opts.title, "title", "", "the template's `TITLE` (default the role's title)")
	cmd.Flags().StringVarP(&opts.out, "output", "o", "", "write the template to `FILE` instead of stdout")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace FILE if it exists")
	return cmd
}

func runTemplatesExtract(ctx context.Context, env *Env, opts *extractOptions) error {
	lib, err := loadLibrary(ctx, env)
	if err != nil {
		return err
	}
	cat, err := loadCatalog(env, lib.Dir)
	if err != nil {
		return err
	}
	builtin, err := roles.Load(env.Templates, nil)
	if err != nil {
		return &templateError{err}
	}
	if opts.title == "" {
		opts.title = roleTitle(cat, lib.Config.Role, opts.role)
	}
	t, notes, err := scaffold.ExtractRole(lib, builtin, scaffold.ExtractRequest{Role: opts.role, ID: opts.id, Title: opts.title})
	if err != nil {
		return err
	}
	for _, n := range notes {
		if n.Path != "" {
			n.Path = displayPath(env, lib.Dir, n.Path)
		}
		fmt.Fprintln(env.IO.ErrOut, termsafe.Line(n.String()))
	}
	data := scaffold.TemplateYAML(t, []string{
		fmt.Sprintf("Role template: %s. Extracted by sopctl templates extract %s from the SOPs of %s whose roles: list %s.", t.Title, opts.role, scaffold.Source(lib), opts.role),
		fmt.Sprintf("Save it as templates/%s.yaml; sopctl new --role %s writes these SOPs as drafts. Edit it freely.", t.ID, t.ID),
	})
	if _, err := roles.ParseTemplate(t.ID+".yaml", data, false); err != nil {
		return fmt.Errorf("the extracted template does not read back (%v): please report this as a bug", err)
	}
	if opts.out == "" {
		_, err := env.IO.Out.Write(data)
		return err
	}
	if err := writeNew(ctx, env, opts.out, data, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(env.IO.Out, "wrote %s: template %s, %d SOPs\n", termsafe.Line(opts.out), t.ID, len(t.SOPs))
	if stem := strings.TrimSuffix(filepath.Base(opts.out), filepath.Ext(opts.out)); stem != t.ID {
		fmt.Fprintf(env.IO.ErrOut, "note: a library reads this template only as templates/%s.yaml\n", t.ID)
	}
	return nil
}

// roleTitle is a role's title: its template's, else sopctl.yaml's, else
// its id in title case.
func roleTitle(cat *roles.Catalog, config func(string) (string, bool), id string) string {
	if t, ok := cat.Template(id); ok {
		return t.Title
	}
	if title, ok := config(id); ok {
		return title
	}
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == ' ' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// writeNew writes data to the file name (relative to the start folder) as
// scaffold.Apply writes: to a temporary file renamed into place, in a
// folder made if missing. An existing file is replaced only with force.
func writeNew(ctx context.Context, env *Env, name string, data []byte, force bool) error {
	full := name
	if !filepath.IsAbs(full) {
		full = filepath.Join(env.Dir, name)
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	root, err := os.OpenRoot(filepath.Dir(full))
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	defer root.Close()
	base := filepath.Base(full)
	change := scaffold.Change{Path: base, Action: scaffold.Create, Data: data, Note: "templates extract"}
	if fi, err := root.Stat(base); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder: name a file with -o FILE", name)
	}
	switch old, err := root.ReadFile(base); {
	case err == nil && !force:
		return fmt.Errorf("%s exists: pass --force to replace it, or name another file with -o", name)
	case err == nil:
		if bytes.Equal(old, data) {
			return nil
		}
		change.Action, change.Old = scaffold.Replace, old
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %v", name, err)
	}
	return scaffold.Apply(ctx, root, []scaffold.Change{change})
}
