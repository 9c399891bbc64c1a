package cli

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/schema"
)

type schemaOptions struct {
	kind string
}

func newSchemaCmd(env *Env) *cobra.Command {
	opts := &schemaOptions{}
	cmd := &cobra.Command{
		Use:   "schema [front-matter|config|role]",
		Short: "Print a JSON Schema of SOP front matter, sopctl.yaml or role templates",
		Long: `Print a JSON Schema (draft-07, which editors' YAML language servers support)
that checks what sopctl checks, so that an editor flags mistakes as you type,
completes keys and values, and explains each field on hover:

  front-matter  the front matter of an SOP file (the default)
  config        sopctl.yaml
  role          a role template, templates/<id>.yaml

Inside a library, the front-matter schema is the library's own: its
required_fields, and its KPIs, roles and SOP ids as the values kpis, roles,
related and supersedes may take (SOP ids only up to 5000 SOPs); rules that
lint.rules turns off are left out. Run it again when those change. Outside a
library it is the generic schema, with the default required fields. The
config and role schemas are the same everywhere.`,
		Example: `  sopctl schema > .sopctl/sop.schema.json
  sopctl schema config > .sopctl/config.schema.json
  sopctl schema role > .sopctl/role.schema.json`,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: schema.Kinds(),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.kind = schema.Kinds()[0]
			if len(args) == 1 {
				opts.kind = args[0]
			}
			return runSchema(cmd.Context(), env, opts)
		},
	}
	return cmd
}

func runSchema(ctx context.Context, env *Env, opts *schemaOptions) error {
	var out []byte
	switch opts.kind {
	case "front-matter":
		fm, err := frontMatterOptions(ctx, env)
		if err != nil {
			return err
		}
		out = schema.FrontMatter(fm)
	case "config":
		out = schema.Config()
	case "role":
		out = schema.Role()
	default:
		return usageErrorf("unknown schema %q: choose one of %s", opts.kind, strings.Join(schema.Kinds(), ", "))
	}
	_, err := env.IO.Out.Write(termsafe.JSON(out)) // ids and names come from the library
	return err
}

// frontMatterOptions describes the library sopctl runs in, or none. Like
// every command that reads a library, it stops at a sopctl.yaml or a local
// template that cannot be used (exit 2).
func frontMatterOptions(ctx context.Context, env *Env) (schema.FrontMatterOptions, error) {
	lib, err := openLibraryIfAny(ctx, env)
	if err != nil || lib == nil {
		return schema.DefaultOptions(), err
	}
	cat, err := loadCatalog(env, lib.Dir)
	if err != nil {
		return schema.FrontMatterOptions{}, err
	}
	return schema.ForLibrary(lib, cat)
}
