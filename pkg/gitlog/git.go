package gitlog

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/sopctl/sopctl/pkg/internal/termsafe"
)

// Git is the Source that runs git: one `git log` for the whole library,
// however many files it holds.
//
// The library may be the root of a work tree or any folder inside one; the
// History's paths are relative to the library (git log --relative), and
// files outside it are left out.
//
// Renames are followed, within that one run: git log --name-status reports
// a rename (found by content similarity, as git diff -M does) as the old and
// the new path, and the older commits of the old path are then filed under
// the new one, as `git log --follow` would do for a single file. A file
// moved in from outside the library starts its history at the move, and a
// rename that changed more than half of the file is a deletion and an
// addition. On branches that renamed and edited the same file in parallel,
// an edit may stay under the old path.
//
// Absent git is not an error: when the executable is not found, when the
// library is not inside a git work tree, or when the repository has no
// commit yet, History returns an empty History and a nil error.
type Git struct {
	// Binary is the git executable: a path, or a name looked up in PATH.
	// Empty means "git".
	Binary string
	// Env holds KEY=value entries added to the environment git runs with.
	// They win over the process's own, but not over LC_ALL, GIT_PAGER and
	// GIT_TERMINAL_PROMPT, which History sets so it can read git's output.
	Env []string
}

// History runs git log in libDir and returns the history of its files.
// It stops git when ctx is done.
func (g Git) History(ctx context.Context, libDir string) (History, error) {
	bin := cmp.Or(g.Binary, "git")
	where := termsafe.Text(libDir) // errors are printed: no raw control characters
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(runCtx, bin, logArgs(libDir)...)
	cmd.Env = g.environ()
	cmd.WaitDelay = 5 * time.Second
	var stderr capped
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("cannot run git: %w", err)
	}
	if err := cmd.Start(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("git log in %s: %w", where, ctx.Err())
		}
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, fs.ErrNotExist) {
			return History{}, nil
		}
		return nil, fmt.Errorf("cannot run git: %w", err)
	}
	h, parseErr := parse(stdout)
	if parseErr != nil {
		cancel() // git may be blocked writing output nobody reads
	}
	waitErr := cmd.Wait()
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("git log in %s: %w", where, ctx.Err())
	case waitErr != nil:
		var exit *exec.ExitError
		if errors.As(waitErr, &exit) && exit.ExitCode() == 128 && noHistory(stderr.String()) {
			return History{}, nil
		}
		return nil, fmt.Errorf("git log in %s failed: %s (%w)", where, firstLine(stderr.String()), waitErr)
	case parseErr != nil:
		return nil, fmt.Errorf("git log in %s: %w", where, parseErr)
	}
	return h, nil
}

// logArgs returns the arguments of the one git command History runs:
//
//	git --no-pager -C LIBDIR -c core.quotePath=false -c i18n.logOutputEncoding=UTF-8
//	    -c log.follow=false -c log.showRoot=true -c log.showSignature=false
//	    log --no-color --no-merges --date-order --relative --find-renames
//	    --name-status -z --format=FORMAT -- .
//
// The -c options override the user's configuration where it would change
// the output: quoted paths, another encoding, --follow (which applies to a
// single pathspec such as "."), no files for the root commit, signature
// checks printed among the commits. --date-order shows children before
// parents, which following renames needs. Merges are left out: their
// changes are those of the commits they merge.
func logArgs(libDir string) []string {
	return []string{
		"--no-pager",
		"-C", libDir,
		"-c", "core.quotePath=false",
		"-c", "i18n.logOutputEncoding=UTF-8",
		"-c", "log.follow=false",
		"-c", "log.showRoot=true",
		"-c", "log.showSignature=false",
		"log",
		"--no-color",
		"--no-merges",
		"--date-order",
		"--relative",
		"--find-renames",
		"--name-status",
		"-z",
		"--format=" + logFormat,
		"--",
		".",
	}
}

// locationVars are the environment variables that tell git where the
// repository is. Git sets them for the hooks it runs (sopctl may run as a
// pre-commit hook), where they would point git at the hook's repository,
// or at ".git" relative to the wrong folder, instead of the library's.
var locationVars = []string{"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR"}

// environ returns git's environment: the process's without locationVars,
// then g.Env, then the settings History relies on. GIT_CONFIG_NOSYSTEM is
// not set: the system configuration may hold safe.directory or similar
// settings the repository needs, and logArgs overrides what matters.
func (g Git) environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if !containsFold(locationVars, k) {
			env = append(env, kv)
		}
	}
	env = append(env, g.Env...)
	return append(env,
		"LC_ALL=C",              // messages in English, for noHistory
		"GIT_PAGER=cat",         // never page, whatever --no-pager misses
		"GIT_TERMINAL_PROMPT=0", // never ask for credentials (lazy fetch in a partial clone)
	)
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// noHistory reports whether git's message (after exit status 128) means
// that there is no history to read rather than that reading it failed.
func noHistory(stderr string) bool {
	return strings.Contains(stderr, "not a git repository") || // outside any work tree
		strings.Contains(stderr, "does not have any commits yet") || // git init, no commit
		strings.Contains(stderr, "bad default revision 'HEAD'") // the same, git before 2.5
}

// firstLine returns git's error message: the first line that starts with
// "fatal:" or "error:", else the first line that is not empty, with what a
// terminal could act on shown as escapes (git's messages quote paths and
// arguments).
func firstLine(stderr string) string {
	return termsafe.Text(rawFirstLine(stderr))
}

func rawFirstLine(stderr string) string {
	first := ""
	for line := range strings.Lines(stderr) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "fatal:") || strings.HasPrefix(line, "error:") {
			return line
		}
		if first == "" {
			first = line
		}
	}
	return cmp.Or(first, "no message")
}

// capped keeps the first 64 KiB written to it.
type capped struct{ bytes.Buffer }

func (c *capped) Write(p []byte) (int, error) {
	if room := 64<<10 - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
