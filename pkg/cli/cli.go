// Package cli is sopctl's command line: one file per command (root.go,
// init.go, new.go, lint.go, render.go, serve.go, show.go, review.go,
// diff.go, ack.go, graph.go, templates.go, schema.go, version.go;
// lifecycle.go holds approve, reviewed and retire), each parsing its flags
// and calling a package under pkg/; what several share is in load.go (opening the
// library, templates and handbook), display.go and flags.go; complete.go
// registers every command's shell completion and typos.go words mistyped
// commands and flag values. It is the
// only package that imports cobra, and Run is the one place that turns
// errors into exit codes (SPEC section 7) and panics into a one-line
// report.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/gitlog"
	"github.com/sopctl/sopctl/pkg/internal/termsafe"
	"github.com/sopctl/sopctl/pkg/iostreams"
	"github.com/sopctl/sopctl/pkg/library"
	"github.com/sopctl/sopctl/pkg/sop"
	"github.com/sopctl/sopctl/templates"
)

// Exit codes (SPEC section 7).
const (
	ExitOK       = 0
	ExitProblems = 1 // the command ran and found problems, or could not finish
	ExitUsage    = 2 // the command could not start
)

// Env is everything a command may use from the outside world, so that
// tests can run every command without globals.
type Env struct {
	IO *iostreams.IOStreams
	// Dir is the directory sopctl was started in; "" when it cannot be
	// read (it was deleted), which only commands that need no library
	// accept.
	Dir string
	// Now is the clock.
	Now func() time.Time
	// Templates are the built-in role templates.
	Templates fs.FS
	// History is where render's revision history comes from; nil means
	// git (gitlog.Git).
	History gitlog.Source
	// Debug (SOPCTL_DEBUG set) adds the stack to an internal error's
	// report.
	Debug bool
}

// history returns the revision-history source of env.
func (env *Env) history() gitlog.Source {
	if env.History == nil {
		return gitlog.Git{}
	}
	return env.History
}

// Main runs sopctl with the process's real environment and returns the
// exit code.
func Main(ctx context.Context, args []string, ios *iostreams.IOStreams) int {
	// A working directory that cannot be read (deleted under the shell)
	// leaves Dir empty: commands that need no library still run, the
	// others say so (see needsDir).
	wd, _ := os.Getwd()
	now, err := Clock(os.Getenv("SOPCTL_NOW"))
	if err != nil {
		fmt.Fprintf(ios.ErrOut, "sopctl: %s\n", termsafe.Text(err.Error()))
		return ExitUsage
	}
	return Run(ctx, args, &Env{IO: ios, Dir: wd, Now: now, Templates: templates.FS, Debug: os.Getenv("SOPCTL_DEBUG") != ""})
}

// Clock returns the clock sopctl uses: the real one, or, when SOPCTL_NOW
// holds a date (YYYY-MM-DD), that date, so that CI runs and tests that
// depend on today (review dates) are reproducible.
func Clock(pinned string) (func() time.Time, error) {
	if pinned == "" {
		return time.Now, nil
	}
	t, err := sop.ParseDate(pinned)
	if err != nil {
		return nil, fmt.Errorf("SOPCTL_NOW=%q is %v, or leave it unset", pinned, err)
	}
	return func() time.Time { return t }, nil
}

// Run runs sopctl with args in env and returns the exit code.
func Run(ctx context.Context, args []string, env *Env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(env.IO.ErrOut, "sopctl: internal error: %s\nThis is a bug in sopctl: please report it at https://github.com/sopctl/sopctl/issues with the command you ran.\n", termsafe.Text(fmt.Sprint(r)))
			if env.Debug {
				fmt.Fprintf(env.IO.ErrOut, "%s", debug.Stack())
			}
			code = ExitProblems
		}
	}()
	// Each invocation works on its own copy: -C changes the directory of
	// this run only, never the caller's Env.
	own := *env
	env = &own
	root := newRootCmd(env)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return ExitOK
	}
	var silent *SilentError
	if errors.As(err, &silent) {
		return silent.Code
	}
	if err == context.Canceled { // stopped by SIGINT or SIGTERM while reading
		err = errors.New("interrupted: nothing was changed")
	}
	// Errors quote paths, values and other programs' messages: the one
	// place every error is printed shows what a terminal could act on as
	// escapes.
	fmt.Fprintln(env.IO.ErrOut, termsafe.Text(strings.TrimRight(err.Error(), "\n")))
	code = exitCode(err)
	if code == ExitUsage && isUsage(err) {
		fmt.Fprintf(env.IO.ErrOut, "Run '%s --help' for usage.\n", cmd.CommandPath())
	}
	return code
}

// UsageError is a bad flag or argument.
type UsageError struct{ Err error }

func (e *UsageError) Error() string { return e.Err.Error() }
func (e *UsageError) Unwrap() error { return e.Err }

func usageErrorf(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// SilentError ends a command with a code after it has already told the
// user what went wrong.
type SilentError struct{ Code int }

func (e *SilentError) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

func isUsage(err error) bool {
	var u *UsageError
	return errors.As(err, &u)
}

// exitCode maps an error to its exit code: 2 when the command could not
// start (bad usage, no library, a bad sopctl.yaml or template), else 1.
func exitCode(err error) int {
	var notFound *library.NotFoundError
	var cfg *library.ConfigError
	var tpl *templateError
	var chdir *chdirError
	var noRepo *gitlog.NoRepoError
	var noRev *gitlog.UnknownRevError
	switch {
	case isUsage(err), errors.Is(err, errNoDir), errors.As(err, &chdir), errors.As(err, &notFound), errors.As(err, &cfg), errors.As(err, &tpl),
		errors.As(err, &noRepo), errors.As(err, &noRev):
		return ExitUsage
	}
	return ExitProblems
}
