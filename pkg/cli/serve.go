package cli

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/spf13/cobra"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/lint"
	"github.com/sopctl/sopctl/pkg/render"
	"github.com/sopctl/sopctl/pkg/roles"
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
library on /_problems. When a file of the library changes, the library is
loaded, linted and rendered again, and open pages reload. A file that cannot
be parsed shows its error on its page instead of its last render.

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
	cfg := serve.Config{Addr: addr, Dir: root.Targets[0].Root, Load: serveLoader(env, root.Targets[0]),
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
// do; the revision history is read once.
func serveLoader(env *Env, t library.Target) func(context.Context) (*serve.Input, error) {
	var once sync.Once
	var history gitlog.History
	return func(ctx context.Context) (*serve.Input, error) {
		u, err := openUnit(ctx, env, t)
		if err != nil {
			return nil, err
		}
		cat, err := loadCatalog(env, u.lib.Dir)
		if err != nil {
			return nil, err
		}
		once.Do(func() { history = revisionHistory(ctx, env, u.lib.Dir) })
		return &serve.Input{Lib: u.lib, Findings: lint.Run(u.lib, u.opts), KPINames: u.lib.Config.KPINames(),
			Handbook: render.Build(u.lib, roles.Known(cat, u.lib.Config).Titles(), history, env.Now())}, nil
	}
}
