package cli

import (
	"context"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/lint/report"
	"github.com/sopctl/sopctl/pkg/render/term"
	"github.com/sopctl/sopctl/pkg/roles"
	"github.com/sopctl/sopctl/pkg/sop"
)

// noFiles is the directive of a completion that offers no file names.
const noFiles = cobra.ShellCompDirectiveNoFileComp

// addCompletions registers the shell completion of every command's
// arguments and flags, in one place so that command files stay about
// their commands. A completion never prints an error: outside a library,
// or with a library that cannot be read, it offers nothing.
func addCompletions(root *cobra.Command, env *Env) {
	fixed := func(words ...string) cobra.CompletionFunc { return cobra.FixedCompletions(words, noFiles) }
	for _, c := range root.Commands() {
		switch c.Name() {
		case "show":
			c.ValidArgsFunction = firstArg(completeSOPIDs(env))
			flag(c, "style", fixed(term.Styles()...))
			flag(c, "width", cobra.NoFileCompletions)
		case "approve", "reviewed", "retire":
			c.ValidArgsFunction = firstArg(completeSOPIDs(env))
			flag(c, "superseded-by", completeSOPIDs(env))
			flag(c, "by", cobra.NoFileCompletions)
			flag(c, "on", cobra.NoFileCompletions)
			flag(c, "version", cobra.NoFileCompletions)
		case "new":
			// new ID creates an SOP: no existing id or file is a good guess.
			c.ValidArgsFunction = cobra.NoFileCompletions
			flag(c, "role", completeRoles(env, true))
			flag(c, "title", cobra.NoFileCompletions)
			flag(c, "set", completeParams(env))
		case "lint":
			// lint PATH... takes files and folders: the shell's own completion.
			flag(c, "format", fixed(report.Formats()...))
			flag(c, "explain", fixed(lint.RuleIDs()...))
			flag(c, "max-warnings", cobra.NoFileCompletions)
		case "render":
			flag(c, "format", fixed("html", "markdown"))
			flag(c, "status", fixed(sop.Statuses()...))
			flag(c, "output", func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return nil, cobra.ShellCompDirectiveFilterDirs
			})
		case "graph":
			flag(c, "format", fixed("dot", "mermaid"))
		case "review":
			flag(c, "within", cobra.NoFileCompletions)
		case "ack":
			for _, sub := range c.Commands() {
				flag(sub, "role", completeRoles(env, true))
				flag(sub, "format", fixed(map[string][]string{"manifest": {"csv", "json"}, "status": {"text", "csv", "json"}}[sub.Name()]...))
			}
		case "init":
			c.ValidArgsFunction = firstArg(func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return nil, cobra.ShellCompDirectiveFilterDirs
			})
		case "templates":
			for _, sub := range c.Commands() {
				switch sub.Name() {
				case "show":
					sub.ValidArgsFunction = firstArg(completeRoles(env, false))
				case "extract":
					sub.ValidArgsFunction = firstArg(completeRoles(env, true))
				}
			}
		}
	}
	noFilesWhereNoArgs(root)
}

// flag registers the completion of a flag of c; a flag c lacks (renamed,
// or not yet merged) is left alone rather than stopping sopctl.
func flag(c *cobra.Command, name string, f cobra.CompletionFunc) {
	if c.Flags().Lookup(name) != nil {
		_ = c.RegisterFlagCompletionFunc(name, f)
	}
}

// noFilesWhereNoArgs stops the shell from offering file names to commands
// that take no arguments, and to the schema command, whose ValidArgs are
// its only arguments.
func noFilesWhereNoArgs(c *cobra.Command) {
	if c.ValidArgsFunction == nil && c.Name() != "lint" && c.Name() != "help" && c.Name() != "completion" {
		c.ValidArgsFunction = cobra.NoFileCompletions
		if len(c.ValidArgs) > 0 || c.HasAvailableSubCommands() {
			c.ValidArgsFunction = nil // cobra completes these itself
		}
	}
	for _, sub := range c.Commands() {
		noFilesWhereNoArgs(sub)
	}
}

// firstArg completes a command's one argument with f, and nothing after
// it.
func firstArg(f cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, noFiles
		}
		return f(cmd, args, toComplete)
	}
}

// completeSOPIDs offers the ids of the library's SOPs, each with its title.
func completeSOPIDs(env *Env) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, _ string) (out []cobra.Completion, _ cobra.ShellCompDirective) {
		defer quiet(&out)
		lib, err := openLibraryIfAny(completionContext(cmd), completionEnv(cmd, env))
		if err != nil || lib == nil {
			return nil, noFiles
		}
		for _, d := range lib.Docs {
			if id := d.Meta.ID.Text; id != "" && id == stem(d.Path) {
				out = append(out, cobra.CompletionWithDesc(id, d.Meta.Title.Text))
			}
		}
		return out, noFiles
	}
}

// completeRoles offers the ids of the templates, each with its title:
// only roles (no catalogues) when onlyRoles.
func completeRoles(env *Env, onlyRoles bool) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, _ string) (out []cobra.Completion, _ cobra.ShellCompDirective) {
		defer quiet(&out)
		cat := completionCatalog(cmd, env)
		if cat == nil {
			return nil, noFiles
		}
		for _, t := range cat.Templates() {
			if t.Role || !onlyRoles {
				out = append(out, cobra.CompletionWithDesc(t.ID, t.Title))
			}
		}
		return out, noFiles
	}
}

// completionCatalog is the catalogue in use where the completed command
// runs; nil when it cannot be read.
func completionCatalog(cmd *cobra.Command, env *Env) *roles.Catalog {
	e := completionEnv(cmd, env)
	libDir, err := findLibrary(e)
	if err != nil {
		return nil
	}
	cat, err := loadCatalog(e, libDir)
	if err != nil {
		return nil
	}
	return cat
}

// completeParams offers ID= for each parameter that the SOPs of --role
// cite (of every template without --role), each with its description.
func completeParams(env *Env) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, _ string) (out []cobra.Completion, _ cobra.ShellCompDirective) {
		defer quiet(&out)
		cat := completionCatalog(cmd, env)
		if cat == nil {
			return nil, noFiles
		}
		params := cat.Params()
		if id, _ := cmd.Flags().GetString("role"); id != "" {
			if t, err := cat.Role(id); err == nil {
				params = params[:0]
				for _, pid := range roles.CitedParams(cat.Closure(cat.Definitions(t))) {
					p, _ := cat.Param(pid)
					params = append(params, p)
				}
			}
		}
		for _, p := range params {
			out = append(out, cobra.CompletionWithDesc(p.ID+"=", p.Description))
		}
		return out, noFiles | cobra.ShellCompDirectiveNoSpace
	}
}

// quiet turns a panic while completing into no completions: a shell
// prints whatever a completion writes.
func quiet(out *[]cobra.Completion) {
	if recover() != nil {
		*out = nil
	}
}

// completionEnv is env with -C applied: cobra completes without running
// the root's PersistentPreRunE, which applies it for commands.
func completionEnv(cmd *cobra.Command, env *Env) *Env {
	dir, _ := cmd.Flags().GetString("directory")
	if dir == "" {
		return env
	}
	e := *env
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	e.Dir = filepath.Clean(dir)
	return &e
}

func completionContext(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
