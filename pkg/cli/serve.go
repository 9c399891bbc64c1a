package cli

import (
	"context"
	"errors"
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/serve"
)

// openBrowser opens a URL for serve --open; tests replace it.
var openBrowser = serve.OpenBrowser

func newServeCmd(env *Env) *cobra.Command {
	var addr string
	var open bool
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--open]",
		Short: "Preview the HTML handbook with lint findings, reloaded as you edit",
		Long: `Serve the HTML handbook (as sopctl render makes it) from memory, with each
SOP's lint findings in a panel at the top of its page and every finding of the
library on /_problems. When a file of the library changes (an SOP,
sopctl.yaml, a template, a file an SOP links to, theme_css, a file of
static_dir, a new file), the library is loaded, linted and rendered again,
and open pages reload; when only SOP files
changed, only those are read again and only the pages they can change are
rendered again. A file that cannot be parsed shows its error on its page
instead of its last render. static_dir's files and theme_css are served as
render publishes them.

The server listens on 127.0.0.1:8080 unless --addr says otherwise, and answers
only requests addressed to it (localhost, 127.0.0.1 or [::1] with its port, or
the --addr host): others get 403. Ctrl-C stops it. Revision history is read
from git once, at the start.`,
		Example: `  sopctl serve
  sopctl serve --open
  sopctl serve --addr 127.0.0.1:9000`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), env, addr, open)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", serve.DefaultAddr, "listen on `HOST:PORT`")
	cmd.Flags().BoolVar(&open, "open", false, "open the handbook in the browser")
	return cmd
}

func runServe(ctx context.Context, env *Env, addr string, open bool) error {
	root, err := selectLibraries(ctx, env, nil)
	if err != nil {
		return err
	}
	load, reload := serveLoader(env, root.Targets[0])
	cfg := serve.Config{Addr: addr, Dir: root.Targets[0].Root, Load: load, Reload: reload,
		Out: env.IO.Out, ErrOut: env.IO.ErrOut}
	if open {
		cfg.Open = openBrowser
	}
	err = serve.Run(ctx, cfg)
	var listenErr *serve.ListenError
	if errors.As(err, &listenErr) {
		fmt.Fprintln(env.IO.ErrOut, err)
		return &SilentError{Code: ExitUsage}
	}
	return err
}

// serveLoader loads, lints and resolves the library as lint and render
// do; the revision history is read once. Its reload reads again only the
// SOP files that changed (library.Reload) when nothing else did.
func serveLoader(env *Env, t library.Target) (load func(context.Context) (*serve.Input, error),
	reload func(context.Context, *serve.Input, []string) (*serve.Input, error)) {
	var once sync.Once
	var history gitlog.History
	input := func(ctx context.Context, u *lintUnit) (*serve.Input, error) {
		known, err := loadKnownRoles(env, u.lib)
		if err != nil {
			return nil, err
		}
		// static_dir and theme_css as sopctl render checks and reads them.
		root, theme, err := openStatic(u.lib, "html")
		if err != nil {
			return nil, err
		}
		root.Close()
		once.Do(func() { history = revisionHistory(ctx, env, u.lib.Dir) })
		return &serve.Input{Lib: u.lib, Findings: lint.Run(u.lib, u.opts), ThemeCSS: theme,
			Handbook: render.Build(u.lib, known.Titles(), history, env.Now())}, nil
	}
	load = func(ctx context.Context) (*serve.Input, error) {
		u, err := openUnit(ctx, env, t, true, nil) // serve renders every SOP
		if err != nil {
			return nil, err
		}
		return input(ctx, u)
	}
	reload = func(ctx context.Context, prev *serve.Input, changed []string) (*serve.Input, error) {
		sops, ok := sopChanges(prev.Lib, changed)
		if !ok {
			return load(ctx)
		}
		show := library.NewDisplay(env.Dir, t.Root)
		lib, err := library.Reload(ctx, prev.Lib, sops)
		if err != nil {
			return nil, show.Error(err)
		}
		u, err := configureUnit(env, show, lib)
		if err != nil {
			return nil, err
		}
		return input(ctx, u)
	}
	return load, reload
}

// sopChanges returns the changed files as library paths when every one is
// an SOP file (as its name says: a *.md file under sops_dir, not hidden,
// private or excluded, in no hidden or private folder); ok is false when
// any other file changed (sopctl.yaml, templates, a README an SOP may
// link to, a folder), which needs a full load.
func sopChanges(lib *library.Library, changed []string) (map[string]bool, bool) {
	sops := map[string]bool{}
	for _, name := range changed {
		rel, err := filepath.Rel(lib.Dir, name)
		if err != nil || !filepath.IsLocal(rel) {
			return nil, false
		}
		rel = filepath.ToSlash(rel)
		inSOPs := rel
		if d := lib.Config.SOPsDir; d != "." {
			var found bool
			if inSOPs, found = strings.CutPrefix(rel, d+"/"); !found {
				return nil, false
			}
		}
		if !lib.Config.IsSOP(inSOPs) || strings.HasPrefix(rel, "templates/") || hiddenPart(inSOPs) {
			return nil, false
		}
		sops[rel] = true
	}
	return sops, true
}

// hiddenPart reports whether a folder of a slash-separated path is hidden
// or private.
func hiddenPart(rel string) bool {
	dir := path.Dir(rel)
	if dir == "." {
		return false
	}
	for part := range strings.SplitSeq(dir, "/") {
		if strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") {
			return true
		}
	}
	return false
}
